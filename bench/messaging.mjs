// Messaging figures (issue: end-to-end encrypted 1:1 messaging):
// - one-way latency p50/p99, direct and through a relay circuit, next to the
//   libp2p ping RTT of the same connection;
// - sustained messages/s in one conversation, every message persisted and acked:
//   with sender, receiver and relays in this one process, and with the sender and
//   the receiver each in a process of its own (bench/messaging-peer.mjs);
// - reconnect → delivery of 100 queued messages;
// - relay memory and disk per 10,000 stored envelopes.
import { fork } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { tmpdir, loadavg } from 'node:os'
import { join } from 'node:path'
import { Level } from 'level'
import { generateKeyPair } from '@libp2p/crypto/keys'
import {
  createClient,
  createXchatNode,
  DeviceKeys,
  generateMnemonic,
  libp2pPrivateKey,
  mailboxService,
  MailboxClient,
  sealEnvelope,
  mailboxIdFor,
  setEcdhImplementation,
  epochOf,
  DEFAULT_MAILBOX_LIMITS,
  generateSignedPrekey,
  initiateSession,
  respondToPrekeyMessage,
  encrypt,
  decrypt,
  prepareSendingStep,
} from '@xchat/core'
import { quantile, r3 } from './stats.mjs'
import { hasNativeSecp256k1, nativeEcdh } from '../packages/node/dist/crypto/index.js'

/**
 * The peers measured are Node peers: they use the ECDH the `xchat` CLI sets
 * (OpenSSL's); XCHAT_BENCH_ECDH=noble measures core's JS default instead.
 * Set here, so bench/messaging-peer.mjs processes use it too.
 */
/**
 * Sends the throughput figures keep in flight: an app sending a burst as fast as
 * it can, up to the direct window (DIRECT_WINDOW, 128). XCHAT_BENCH_IN_FLIGHT to change.
 */
const SENDS_IN_FLIGHT = Number(process.env.XCHAT_BENCH_IN_FLIGHT ?? 128)

export const ECDH = process.env.XCHAT_BENCH_ECDH === 'noble' || !hasNativeSecp256k1() ? 'noble' : 'openssl'
if (ECDH === 'openssl') setEcdhImplementation(nativeEcdh)

const LOOP = '/ip4/127.0.0.1/tcp/0'
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return { n: s.length, p50: r3(quantile(s, 0.5)), p99: r3(quantile(s, 0.99)) }
}
const tmp = (p) => mkdtemp(join(tmpdir(), p))
const newKeys = () => DeviceKeys.fromSecrets({ mnemonic: generateMnemonic().phrase, passphrase: '', deviceIndex: 0, createdAt: Date.now() })
const BENCH_LIMITS = {
  ...DEFAULT_MAILBOX_LIMITS,
  depositRate: { burst: 1e6, perMinute: 1e9 },
  ownerRate: { burst: 1e6, perMinute: 1e9 },
  maxMailPerMailbox: 1e6,
  maxMailboxBytes: 2 ** 31,
}

export async function startRelays(n) {
  const out = []
  for (let i = 0; i < n; i++) {
    const db = new Level(await tmp('xchat-bench-relay-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
    await db.open()
    const node = await createXchatNode({
      role: 'relay',
      privateKey: await generateKeyPair('Ed25519'),
      listen: [LOOP],
      loopback: true,
      bootstrap: out.flatMap((r) => r.node.getMultiaddrs().map(String)),
    })
    const service = mailboxService({ db, limits: BENCH_LIMITS })({ peerId: node.peerId, registrar: node })
    await service.start()
    out.push({ node, service, db })
  }
  return out
}

/** Start a device on `relays` (relay objects of this process, or their multiaddrs: a device in another process). */
export async function startDevice(relays, { keys = newKeys(), listen = [LOOP] } = {}) {
  const node = await createXchatNode({
    role: 'peer',
    privateKey: libp2pPrivateKey(keys.device.privateKey()),
    listen,
    loopback: true,
    bootstrap: relays.map((r) => (typeof r === 'string' ? r : r.node.getMultiaddrs()[0].toString())),
    reservations: 2,
  })
  await node.services.bootstrap.connect()
  await new Promise((resolve) => {
    const check = () =>
      node.getMultiaddrs().filter((a) => a.toString().includes('/p2p-circuit')).length >= Math.min(2, relays.length) &&
      (node.removeEventListener('transport:listening', check), resolve())
    node.addEventListener('transport:listening', check)
    check()
  })
  const db = new Level(await tmp('xchat-bench-dev-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  const client = await createClient({ node, db, keys })
  await client.start()
  await client.publish()
  return {
    keys,
    node,
    db,
    client,
    async stop() {
      await client.stop()
      await node.stop()
      await db.close()
    },
  }
}

function nextMessage(client, pred = () => true) {
  return new Promise((resolve) => {
    const on = (evt) => {
      if (!pred(evt.detail)) return
      client.events.removeEventListener('message:received', on)
      resolve(performance.now())
    }
    client.events.addEventListener('message:received', on)
  })
}

/**
 * One message and its delivered receipt, before anything is measured: the
 * receiver then knows the sender's devices (its receipts need a directory
 * lookup once per 5 minutes) and both ratchets have turned once.
 */
export async function warmUp(a, b) {
  const receipt = new Promise((resolve) => a.client.events.addEventListener('receipt:received', resolve, { once: true }))
  await a.client.send(typeof b === 'string' ? b : b.keys.accountId, 'warm-up')
  await receipt
}

export async function pingRtt(node, peerId) {
  for (let i = 0; ; i++) {
    try {
      return await node.services.ping.ping(peerId, { runOnLimitedConnection: true })
    } catch (err) {
      if (i >= 20) throw err
      await new Promise((r) => setTimeout(r, 5))
    }
  }
}

async function latency(relays, { viaRelay, runs = 200 }) {
  const loadBefore = loadavg()[0]
  const a = await startDevice(relays)
  // no direct listen address: reachable only through a relay circuit
  const b = await startDevice(relays, viaRelay ? { listen: [] } : {})
  await warmUp(a, b)
  const times = []
  const trace = [] // [start in µs of the monotonic clock (as in --cpu-prof), ms] per message
  const pings = []
  for (let i = 0; i < runs; i++) {
    const text = `m${i}`
    const got = nextMessage(b.client, (m) => m.text === text)
    const t0 = performance.now()
    const start = process.hrtime.bigint()
    await a.client.send(b.keys.accountId, text)
    times.push((await got) - t0)
    trace.push([Number(start / 1000n), r3(times.at(-1))])
    if (i % 10 === 0) pings.push(await pingRtt(a.node, b.node.peerId))
  }
  const conn = a.node.getConnections(b.node.peerId)[0]
  await a.stop()
  await b.stop()
  return {
    name: viaRelay ? 'message_latency_relay_circuit' : 'message_latency_direct',
    ecdh: ECDH,
    unit: 'ms',
    load_average_1min: { before: r3(loadBefore), after: r3(loadavg()[0]) },
    connection: conn?.limits ? 'relayed' : 'direct',
    ...summary(times),
    target: viaRelay ? null : { p50: 5, p99: 20 },
    baseline: { libp2p_ping_rtt: summary(pings) },
    ...(latencyTrace ? { trace } : {}),
  }
}

/**
 * The CPU a receive costs on the message path when it steps the Double
 * Ratchet (a peer's new ratchet key: the first message after each reply).
 * Lazy (now): the receiving half only, one ECDH. Baseline in the same run: the
 * eager step as before, i.e. the same receive plus the sending half (key
 * generation and a second ECDH) — measured on the same messages.
 */
function ratchetReceiveStep({ turns = 200 } = {}) {
  const identity = () => {
    const k = newKeys().device
    return { publicKey: k.publicKey, privateKey: k.privateKey() }
  }
  const alice = identity()
  const bob = identity()
  const spk = generateSignedPrekey(bob.privateKey, 1, Date.now())
  const prekeys = { signedPrekey: (id) => (id === 1 ? spk : undefined), oneTimePrekey: () => undefined }
  const first = encrypt(
    initiateSession({ ourIdentity: alice, theirIdentity: bob.publicKey, theirSignedPrekey: spk.toPublic() }).state,
    new Uint8Array(40),
  )
  const sides = [first.state, respondToPrekeyMessage({ ourIdentity: bob, message: first.message.bytes, prekeys, now: Date.now() }).state]
  const body = new Uint8Array(40)
  const prepared = [undefined, undefined]
  const lazy = []
  const eager = []
  for (let i = 0; i < turns * 2; i++) {
    const [from, to] = i % 2 === 0 ? [1, 0] : [0, 1]
    const sent = encrypt(sides[from], body, undefined, prepared[from]) // the half made ahead: the reply pays nothing
    sides[from] = sent.state
    const t0 = performance.now()
    const got = decrypt(sides[to], sent.message, Date.now())
    const t1 = performance.now()
    prepared[to] = prepareSendingStep(got.state)
    const t2 = performance.now()
    sides[to] = got.state
    lazy.push(t1 - t0)
    eager.push(t2 - t0)
  }
  return {
    name: 'ratchet_receive_step_cpu',
    unit: 'ms',
    steps: lazy.length,
    ...summary(lazy),
    baseline: { eager_step_as_before: summary(eager) },
  }
}

/** Send `count` texts to `to` with `concurrency` sends in flight; resolves when every send resolved. */
export async function sendBulk(client, to, { count, concurrency }) {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await client.send(to, `bulk ${next++}`)
    }),
  )
}

/** Resolves when `count` messages were received. */
export function receiveCount(client, count) {
  let received = 0
  return new Promise((resolve) => client.events.addEventListener('message:received', () => ++received === count && resolve()))
}

/** CPU seconds of this process since `from` (process.cpuUsage()). */
export const cpuSeconds = (from) => {
  const u = process.cpuUsage(from)
  return r3((u.user + u.system) / 1e6)
}

/**
 * Sender, receiver and both relays in this one process: one event loop does
 * every party's work (a lower bound for what one peer reaches on its own).
 */
export async function throughput(relays, { count = 2000, concurrency = SENDS_IN_FLIGHT, onStart, onEnd } = {}) {
  const a = await startDevice(relays)
  const b = await startDevice(relays)
  await warmUp(a, b)
  const done = receiveCount(b.client, count)
  await onStart?.()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  await sendBulk(a.client, b.keys.accountId, { count, concurrency })
  await done
  const seconds = (performance.now() - t0) / 1000
  const cpu = cpuSeconds(cpu0)
  await onEnd?.()
  await a.stop()
  await b.stop()
  return {
    name: 'messages_per_second_one_conversation',
    ecdh: ECDH,
    unit: 'msg/s',
    processes: 'sender, receiver and both relays in one process',
    count,
    concurrency,
    value: r3(count / seconds),
    cpu_ms_per_message: r3((cpu * 1000) / count),
    target: 2000,
    baseline: null,
  }
}

/** A peer process (bench/messaging-peer.mjs) and a way to ask it things. */
function peerProcess() {
  const child = fork(fileURLToPath(new URL('./messaging-peer.mjs', import.meta.url)), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  const waiting = new Map()
  let nextId = 0
  child.on('message', (m) => {
    const w = waiting.get(m.id)
    waiting.delete(m.id)
    if (m.error !== undefined) w?.reject(new Error(m.error))
    else w?.resolve(m.value)
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  return {
    ask: (cmd, args = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++
        waiting.set(id, { resolve, reject })
        child.send({ id, cmd, ...args })
      }),
    exited,
  }
}

/**
 * The sender and the receiver each in a process of their own (as real peers
 * are), each with its own LevelDB; the relays stay in this process (idle on a
 * direct connection but for DHT and identify traffic).
 */
export async function throughputTwoProcesses(relays, { count = 2000, concurrency = SENDS_IN_FLIGHT } = {}) {
  const bootstrap = relays.map((r) => r.node.getMultiaddrs()[0].toString())
  const [a, b] = [peerProcess(), peerProcess()]
  await Promise.all([a.ask('start', { bootstrap }), b.ask('start', { bootstrap })])
  const bAccount = await b.ask('account')
  await a.ask('warmUp', { to: bAccount })
  await b.ask('expect', { count })
  await Promise.all([a.ask('profile', { phase: 'start' }), b.ask('profile', { phase: 'start' })])
  const cpuA0 = await a.ask('cpu')
  const cpuB0 = await b.ask('cpu')
  const t0 = performance.now()
  const [, received] = await Promise.all([a.ask('send', { to: bAccount, count, concurrency }), b.ask('received')])
  const seconds = (performance.now() - t0) / 1000
  const cpuA = (await a.ask('cpu')) - cpuA0
  const cpuB = (await b.ask('cpu')) - cpuB0
  await Promise.all([a.ask('profile', { phase: 'stop', file: 'sender' }), b.ask('profile', { phase: 'stop', file: 'receiver' })])
  await Promise.all([a.ask('stop'), b.ask('stop')])
  await Promise.all([a.exited, b.exited])
  return {
    name: 'messages_per_second_one_conversation_two_processes',
    ecdh: ECDH,
    unit: 'msg/s',
    processes: 'sender and receiver each in its own process (own event loop, own LevelDB); relays in a third',
    count: received,
    concurrency,
    value: r3(count / seconds),
    cpu_ms_per_message: { sender: r3((cpuA * 1000) / count), receiver: r3((cpuB * 1000) / count) },
    target: 2000,
    baseline: null,
  }
}

/**
 * One-way latency with the sender and the receiver each in a process of its
 * own, as real peers are (the one-process figure shares one event loop
 * between both peers and both relays): the sender stamps each send, the
 * receiver its `message:received`, both on this machine's wall clock.
 */
export async function latencyTwoProcesses(relays, { runs = 200 } = {}) {
  const loadBefore = loadavg()[0]
  const bootstrap = relays.map((r) => r.node.getMultiaddrs()[0].toString())
  const [a, b] = [peerProcess(), peerProcess()]
  await Promise.all([a.ask('start', { bootstrap }), b.ask('start', { bootstrap })])
  const bAccount = await b.ask('account')
  const bPeer = await b.ask('peerId')
  await a.ask('warmUp', { to: bAccount })
  const times = []
  const pings = []
  for (let i = 0; i < runs; i++) {
    const text = `lat ${i}`
    await b.ask('arm', { text })
    const sentAt = await a.ask('sendAt', { to: bAccount, text })
    times.push((await b.ask('arrived')) - sentAt)
    if (i % 10 === 0) pings.push(await a.ask('ping', { peerId: bPeer }))
  }
  await Promise.all([a.ask('stop'), b.ask('stop')])
  await Promise.all([a.exited, b.exited])
  return {
    name: 'message_latency_direct_two_processes',
    ecdh: ECDH,
    unit: 'ms',
    processes: 'sender and receiver each in its own process; relays in a third',
    load_average_1min: { before: r3(loadBefore), after: r3(loadavg()[0]) },
    ...summary(times),
    target: { p50: 5, p99: 20 },
    baseline: { libp2p_ping_rtt: summary(pings) },
  }
}

export async function reconnect(relays, { count = 100 } = {}) {
  const a = await startDevice(relays)
  const bKeys = newKeys()
  let b = await startDevice(relays, { keys: bKeys })
  await a.client.send(bKeys.accountId, 'hello')
  const bDbPath = b.db.location
  await b.stop()
  for (let i = 0; i < count; i++) await a.client.send(bKeys.accountId, `queued ${i}`)
  const t0 = performance.now()
  // b comes back with its database: the queued mail is waiting on its relays
  const node = await createXchatNode({
    role: 'peer',
    privateKey: libp2pPrivateKey(bKeys.device.privateKey()),
    listen: [LOOP],
    loopback: true,
    bootstrap: relays.map((r) => r.node.getMultiaddrs()[0].toString()),
    reservations: 2,
  })
  const db = new Level(bDbPath, { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  const client = await createClient({ node, db, keys: bKeys })
  let got = 0
  const done = new Promise((resolve) =>
    client.events.addEventListener('message:received', (e) => e.detail.text.startsWith('queued') && ++got === count && resolve()),
  )
  await client.start()
  await done
  const ms = performance.now() - t0
  await client.stop()
  await node.stop()
  await db.close()
  await a.stop()
  return { name: 'reconnect_to_delivery_of_100_queued', unit: 'ms', count, value: r3(ms), baseline: null }
}

async function relayMemory({ envelopes = 10_000 } = {}) {
  const [relay] = await startRelays(1)
  const sender = await createXchatNode({
    role: 'peer',
    privateKey: await generateKeyPair('secp256k1'),
    listen: [],
    loopback: true,
    bootstrap: [relay.node.getMultiaddrs()[0].toString()],
    reservations: 0,
  })
  await sender.services.bootstrap.connect()
  const client = new MailboxClient({ node: sender })
  const recipients = Array.from({ length: 100 }, () => newKeys())
  global.gc?.()
  const before = process.memoryUsage()
  const body = new Uint8Array(300) // a short text message's envelope is a few hundred bytes
  let i = 0
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (i < envelopes) {
        const to = recipients[i++ % recipients.length]
        await client.deposit(
          relay.node.peerId,
          mailboxIdFor(to.device.publicKey, epochOf(Date.now())),
          sealEnvelope(to.device.publicKey, body),
          Date.now() + 86_400_000,
        )
      }
    }),
  )
  global.gc?.()
  const after = process.memoryUsage()
  const stats = relay.service.stats()
  await sender.stop()
  await relay.service.stop()
  await relay.node.stop()
  await relay.db.close()
  return {
    name: 'relay_memory_per_10000_envelopes',
    unit: 'bytes_per_envelope',
    envelopes: stats.envelopes,
    heap_delta: r3((after.heapUsed - before.heapUsed) / envelopes),
    stored_bytes_per_envelope: r3(stats.bytes / stats.envelopes),
    baseline: { envelope_bytes: stats.bytes / stats.envelopes },
  }
}

/**
 * XCHAT_BENCH_MESSAGING=latency,throughput,reconnect,relay picks the parts to
 * run (default: all); XCHAT_BENCH_LATENCY_RUNS sets the messages per latency part (default 200).
 */
const parts = new Set((process.env.XCHAT_BENCH_MESSAGING ?? 'latency,throughput,reconnect,relay').split(','))
const latencyRuns = Number(process.env.XCHAT_BENCH_LATENCY_RUNS ?? 200)
/** XCHAT_BENCH_LATENCY_TRACE=1 adds every message's start time and latency, to line up with a --cpu-prof profile. */
const latencyTrace = process.env.XCHAT_BENCH_LATENCY_TRACE === '1'

export async function run() {
  const relays = await startRelays(2)
  const out = []
  if (parts.has('latency')) {
    out.push(ratchetReceiveStep())
    out.push(await latency(relays, { viaRelay: false, runs: latencyRuns }))
    out.push(await latency(relays, { viaRelay: true, runs: latencyRuns }))
    out.push(await latencyTwoProcesses(relays, { runs: latencyRuns }))
  }
  if (parts.has('throughput')) {
    out.push(await throughput(relays))
    out.push(await throughputTwoProcesses(relays))
  }
  if (parts.has('reconnect')) out.push(await reconnect(relays))
  await Promise.all(
    relays.map(async (r) => {
      await r.service.stop()
      await r.node.stop()
      await r.db.close()
    }),
  )
  if (parts.has('relay')) out.push(await relayMemory())
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2))
}
