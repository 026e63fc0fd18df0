// Where one message's latency goes, phase by phase (not part of `npm run bench`):
//   node --expose-gc bench/messaging-phases.mjs        (XCHAT_BENCH_LATENCY_RUNS=400 by default)
// Two relays and two devices in one process, as in bench/messaging.mjs; messages sent one at a time.
// Each device's LevelDB `batch` (a group-commit batch with its disk sync) is timed, so a message splits into:
//   compose  send() called → the sender's batch starts (order, sessions, encrypt, seal)
//   aStore   the sender's batch + sync
//   transit  sender batch done → the receiver's batch starts (frame out, Noise/yamux, parse, decrypt)
//   bStore   the receiver's batch + sync
//   event    receiver batch done → 'message:received'
// plus GC time and event-loop stalls (> 3 ms) inside the message's window, and whether a delivered
// receipt reached the sender during it (each receipt round steps both Double Ratchets).
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PerformanceObserver } from 'node:perf_hooks'
import { Level } from 'level'
import { generateKeyPair } from '@libp2p/crypto/keys'
import {
  createClient,
  createXchatNode,
  DeviceKeys,
  generateMnemonic,
  libp2pPrivateKey,
  mailboxService,
  DEFAULT_MAILBOX_LIMITS,
} from '@xchat/core'

const LOOP = '/ip4/127.0.0.1/tcp/0'
const tmp = (p) => mkdtemp(join(tmpdir(), p))
const newKeys = () => DeviceKeys.fromSecrets({ mnemonic: generateMnemonic().phrase, passphrase: '', deviceIndex: 0, createdAt: Date.now() })
const gcs = []
new PerformanceObserver((l) => {
  for (const e of l.getEntries()) gcs.push([e.startTime, e.startTime + e.duration])
}).observe({ entryTypes: ['gc'] })
async function relays(n) {
  const out = []
  for (let i = 0; i < n; i++) {
    const db = new Level(await tmp('ph-r-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
    await db.open()
    const node = await createXchatNode({
      role: 'relay',
      privateKey: await generateKeyPair('Ed25519'),
      listen: [LOOP],
      loopback: true,
      bootstrap: out.flatMap((r) => r.node.getMultiaddrs().map(String)),
    })
    const s = mailboxService({ db, limits: DEFAULT_MAILBOX_LIMITS })({ peerId: node.peerId, registrar: node })
    await s.start()
    out.push({ node })
  }
  return out
}
async function device(rs, name, batches) {
  const keys = newKeys()
  const node = await createXchatNode({
    role: 'peer',
    privateKey: libp2pPrivateKey(keys.device.privateKey()),
    listen: [LOOP],
    loopback: true,
    bootstrap: rs.map((r) => r.node.getMultiaddrs()[0].toString()),
    reservations: 2,
  })
  await node.services.bootstrap.connect()
  await new Promise((res) => {
    const c = () => node.getMultiaddrs().filter((a) => a.toString().includes('/p2p-circuit')).length >= 2 && res()
    node.addEventListener('transport:listening', c)
    c()
  })
  const db = new Level(await tmp('ph-d-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  const orig = db.batch.bind(db)
  db.batch = (...args) => {
    if (args.length === 0) return orig()
    const s = performance.now()
    const p = orig(...args)
    p.then?.(() => batches.push([name, s, performance.now(), Array.isArray(args[0]) ? args[0].length : 0]))
    return p
  }
  const client = await createClient({ node, db, keys })
  await client.start()
  await client.publish()
  return { keys, node, client }
}
// event-loop blocks: a 1 ms interval timer's lateness
const blocks = []
let last = performance.now()
setInterval(() => {
  const n = performance.now()
  if (n - last > 3) blocks.push([last, n])
  last = n
}, 1).unref()
const rs = await relays(2)
const batches = []
const a = await device(rs, 'A', batches),
  b = await device(rs, 'B', batches)
const receiptTimes = []
a.client.events.addEventListener('receipt:received', () => receiptTimes.push(performance.now()))
{
  const r = new Promise((res) => a.client.events.addEventListener('receipt:received', res, { once: true }))
  await a.client.send(b.keys.accountId, 'warm')
  await r
}
const N = Number(process.env.XCHAT_BENCH_LATENCY_RUNS ?? 400)
const rows = []
for (let i = 0; i < N; i++) {
  const text = `m${i}`
  const got = new Promise((res) => {
    const on = (e) => {
      if (e.detail.text !== text) return
      b.client.events.removeEventListener('message:received', on)
      res(performance.now())
    }
    b.client.events.addEventListener('message:received', on)
  })
  const t0 = performance.now()
  batches.length = 0
  const sendP = a.client.send(b.keys.accountId, text).then(() => performance.now())
  const t1 = await got
  const tSendDone = await sendP
  const bs = [...batches]
  const aB = bs.filter((x) => x[0] === 'A'),
    bB = bs.filter((x) => x[0] === 'B')
  const firstA = aB.find((x) => x[1] >= t0),
    lastB = bB.filter((x) => x[2] <= t1 + 0.01).at(-1)
  const inWin = (arr) => arr.reduce((s, [x, y]) => s + Math.max(0, Math.min(y, t1) - Math.max(x, t0)), 0)
  rows.push({
    i,
    ms: t1 - t0,
    compose: firstA ? firstA[1] - t0 : NaN,
    aStore: firstA ? firstA[2] - firstA[1] : NaN,
    transit: firstA && lastB ? lastB[1] - firstA[2] : NaN,
    bStore: lastB ? lastB[2] - lastB[1] : NaN,
    event: lastB ? t1 - lastB[2] : NaN,
    batchesA: aB.length,
    batchesB: bB.length,
    gc: inWin(gcs),
    blocked: inWin(blocks),
    receipt: receiptTimes.some((r) => r >= t0 - 5 && r <= t1),
  })
  await new Promise((r) => setTimeout(r, 0))
}
const q = (xs, p) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((x, y) => x - y)
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 100) / 100
}
const round = (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 100) / 100 : v]))
const slow = [...rows].sort((x, y) => y.ms - x.ms).slice(0, Math.ceil(rows.length / 50))
console.log(
  JSON.stringify(
    {
      name: 'message_latency_phases_direct',
      unit: 'ms',
      messages: rows.length,
      phases: Object.fromEntries(
        ['ms', 'compose', 'aStore', 'transit', 'bStore', 'event', 'gc', 'blocked'].map((c) => [
          c,
          {
            p50: q(
              rows.map((r) => r[c]),
              0.5,
            ),
            p90: q(
              rows.map((r) => r[c]),
              0.9,
            ),
            p99: q(
              rows.map((r) => r[c]),
              0.99,
            ),
          },
        ]),
      ),
      slowest_2pct: slow.map(round),
      slowest_with_receipt: slow.filter((r) => r.receipt).length,
      all_with_receipt: rows.filter((r) => r.receipt).length,
    },
    null,
    2,
  ),
)
process.exit(0)
