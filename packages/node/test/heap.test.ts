import { describe, it, expect } from 'vitest'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { tuneHeap } from '../src/bin/heap.js'

const HEAP_JS = fileURLToPath(new URL('../dist/bin/heap.js', import.meta.url))

/** The young generation's size (MB) after a child process allocated ~200 MB of short-lived objects, with or without tuneHeap. */
function youngGenerationAfterChurn(tune: boolean, args: readonly string[] = ['x', 'xchat', 'listen']): Promise<number> {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8'
    const { tuneHeap } = await import(${JSON.stringify(HEAP_JS)})
    if (${tune}) tuneHeap(${JSON.stringify(args)}, process.execArgv, undefined)
    const keep = []
    for (let i = 0; i < 2e6; i++) { const o = { a: i, b: [i], c: 'x' + i }; if (i % 10 === 0) keep.push(o) }
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')
    process.stdout.write(String(young.space_size / 1e6) + ' ' + keep.length)
  `
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], (err, stdout) =>
      err !== null ? reject(new Error(err.message)) : resolve(Number(stdout.split(' ')[0])),
    ),
  )
}

describe('CLI heap tuning', () => {
  it('keeps the young generation at its initial size for peer commands', async () => {
    const [tuned, untuned, relay] = await Promise.all([
      youngGenerationAfterChurn(true),
      youngGenerationAfterChurn(false),
      youngGenerationAfterChurn(true, ['x', 'xchat', 'relay']),
    ])
    expect(tuned).toBeLessThanOrEqual(4)
    // the same churn grows an untuned heap's young generation: the flag is what keeps it small
    expect(untuned).toBeGreaterThan(tuned)
    expect(relay).toBeGreaterThan(tuned)
  })

  it('leaves relays and operator-chosen young-generation flags alone', () => {
    expect(tuneHeap(['node', 'xchat', 'relay', '--json'], [], undefined)).toBe(false)
    expect(tuneHeap(['node', 'xchat', '--data', '/srv/relay', '--json', 'relay'], [], undefined)).toBe(false)
    expect(tuneHeap(['node', 'xchat', 'listen'], ['--max-semi-space-size=8'], undefined)).toBe(false)
    expect(tuneHeap(['node', 'xchat', 'listen'], [], '--max-old-space-size=512 --max-semi-space-size=4')).toBe(false)
  })
})
