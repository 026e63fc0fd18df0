// The messaging throughput run alone, with what it costs per message: at-rest
// seals and opens by collection, LevelDB calls (get, getMany, batch, synced
// batch), and optionally a CPU profile of the measured window only.
//
//   node bench/messaging-profile.mjs                   one process (sender, receiver, relays)
//   TWO=1 node bench/messaging-profile.mjs             sender and receiver in processes of their own
//   PROF=/tmp/x.cpuprofile node bench/...              + CPU profile (open in Chrome DevTools)
//   TWO=1 BENCH_PEER_PROFILE=/tmp/x node bench/...     + one profile per peer process
//   COUNT=1000 …                                       messages (default 2000)
// Counts are exact (they do not depend on load); rates and CPU times do.
import { Session } from 'node:inspector/promises'
import { writeFileSync } from 'node:fs'
import { ClassicLevel } from 'classic-level'
import { Sealer } from '../packages/core/dist/store/sealer.js'
import { startRelays, throughput, throughputTwoProcesses } from './messaging.mjs'

const count = Number(process.env.COUNT ?? 2000)
const calls = new Map()
const bump = (k) => calls.set(k, (calls.get(k) ?? 0) + 1)
const wrap = (proto, name, label) => {
  const original = proto[name]
  proto[name] = function (...args) {
    bump(label(args))
    return original.apply(this, args)
  }
}
wrap(Sealer.prototype, 'seal', ([name]) => `seal ${name.split('/')[0]}`)
wrap(Sealer.prototype, 'open', ([name]) => `open ${name.split('/')[0]}`)
for (const f of ['_get', '_getMany', '_batch'])
  wrap(ClassicLevel.prototype, f, (args) => `level ${f}${f === '_batch' && args[1]?.sync ? ' (sync)' : ''}`)

const relays = await startRelays(2)
let result
let perMessage
if (process.env.TWO) {
  result = await throughputTwoProcesses(relays, { count })
} else {
  const session = new Session()
  session.connect()
  result = await throughput(relays, {
    count,
    onStart: async () => {
      calls.clear()
      if (process.env.PROF) await session.post('Profiler.enable').then(() => session.post('Profiler.start'))
    },
    onEnd: async () => {
      perMessage = Object.fromEntries([...calls].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((v / count) * 100) / 100]))
      if (process.env.PROF) writeFileSync(process.env.PROF, JSON.stringify((await session.post('Profiler.stop')).profile))
    },
  })
  result = { ...result, per_message_both_ends: perMessage }
}
console.log(JSON.stringify(result, null, 2))
process.exit(0)
