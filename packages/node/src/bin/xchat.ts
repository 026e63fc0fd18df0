#!/usr/bin/env node
import { tuneHeap } from './heap.js'

// before the CLI's modules load: loading libp2p is what grows the young generation (heap.ts)
tuneHeap(process.argv, process.execArgv, process.env['NODE_OPTIONS'])
const { main } = await import('../cli/main.js')

process.exitCode = await main(process.argv)
