// Network figures (issue: relay/bootstrap node and the peer network):
// - resolve latency p50/p99 in a 30-node loopback network, next to a DHT
//   FIND_PEER and a libp2p ping measured in the same run;
// - relay memory per connected idle peer (1,000 peers) and relay CPU at rest;
// - peer start → first relay reservation.
import { spawn } from 'node:child_process'
import { readFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { multiaddr } from '@multiformats/multiaddr'
import { createXchatNode, Directory, DeviceKeys, generateMnemonic, libp2pPrivateKey } from '@xchat/core'
import { quantile, r3 } from './stats.mjs'

const XCHAT = new URL('../packages/node/dist/bin/xchat.js', import.meta.url).pathname
const LOOP = '/ip4/127.0.0.1/tcp/0'

/** libp2p ping RTT; the connection monitor's own ping may hold the one ping stream, so retry. */
async function pingRtt(node, addr) {
  for (let i = 0; ; i++) {
    try {
      return await node.services.ping.ping(addr)
    } catch (err) {
      if (i >= 20 || err?.name !== 'TooManyOutboundProtocolStreamsError') throw err
      await new Promise((r) => setTimeout(r, 5))
    }
  }
}

const newKeys = () => DeviceKeys.fromSecrets({ mnemonic: generateMnemonic().phrase, passphrase: '', deviceIndex: 0, createdAt: Date.now() })
const ms = (t0) => performance.now() - t0
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return { n: s.length, p50: r3(quantile(s, 0.5)), p99: r3(quantile(s, 0.99)) }
}

export async function resolveLatency({ relays = 5, peers = 25, lookups = 200 } = {}) {
  const rs = []
  for (let i = 0; i < relays; i++) {
    rs.push(
      await createXchatNode({
        role: 'relay',
        privateKey: await generateKeyPair('Ed25519'),
        listen: [LOOP],
        loopback: true,
        bootstrap: rs.slice(0, 1).flatMap((r) => r.getMultiaddrs().map(String)),
      }),
    )
  }
  const boot = rs.map((r) => r.getMultiaddrs()[0].toString())
  const ps = []
  for (let i = 0; i < peers; i++) {
    const keys = newKeys()
    const node = await createXchatNode({
      role: 'peer',
      privateKey: libp2pPrivateKey(keys.device.privateKey()),
      listen: [LOOP],
      loopback: true,
      bootstrap: [boot[i % relays]],
      reservations: 1,
    })
    await node.services.bootstrap.connect()
    ps.push({ keys, node, dir: new Directory({ node, keys }) })
  }
  for (const p of ps) await p.dir.publish()
  const resolveMs = []
  const findPeerMs = []
  const pingMs = []
  for (let i = 0; i < lookups; i++) {
    const from = ps[i % peers]
    const to = ps[(i * 7 + 3) % peers]
    let t0 = performance.now()
    await from.dir.resolve(to.keys.accountId)
    resolveMs.push(ms(t0))
    const relay = rs[(i + 1) % relays]
    t0 = performance.now()
    // useCache: false makes kad-dht ask the network instead of its peer store
    for await (const e of from.node.services.dht.findPeer(relay.peerId, { useCache: false })) if (e.name === 'FINAL_PEER') break
    findPeerMs.push(ms(t0))
    pingMs.push(await pingRtt(from.node, relay.getMultiaddrs()[0]))
  }
  await Promise.all([...ps.map((p) => p.node.stop()), ...rs.map((r) => r.stop())])
  return {
    name: 'resolve_latency',
    unit: 'ms',
    network: { relays, peers },
    ...summary(resolveMs),
    baseline: { dht_find_peer: summary(findPeerMs), libp2p_ping_rtt: summary(pingMs) },
  }
}

async function startRelayProcess() {
  const dir = await mkdtemp(join(tmpdir(), 'xchat-bench-relay-'))
  const child = spawn(
    process.execPath,
    [XCHAT, 'relay', '--json', '--loopback', '--http-port', '0', '--data', dir, '--listen', LOOP, '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', () => reject(new Error('relay exited')))
  })
  return { child, ready: JSON.parse(line) }
}

async function procStats(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)[1])
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ')
  const ticks = Number(stat[11]) + Number(stat[12]) // utime + stime, in clock ticks (100/s)
  return { rssBytes: rssKb * 1024, cpuSeconds: ticks / 100 }
}

export async function relayMemory({ peers = 1000, batch = 50 } = {}) {
  const { child, ready } = await startRelayProcess()
  const addr = multiaddr(ready.addrs[0])
  await new Promise((r) => setTimeout(r, 1000))
  const before = await procStats(child.pid)
  const nodes = []
  for (let i = 0; i < peers; i += batch) {
    const made = await Promise.all(
      Array.from({ length: Math.min(batch, peers - i) }, async () => {
        const n = await createLibp2p({
          transports: [tcp()],
          connectionEncrypters: [noise()],
          streamMuxers: [yamux()],
          services: { identify: identify(), ping: ping() },
          connectionManager: { maxConnections: 10 },
        })
        await n.dial(addr)
        return n
      }),
    )
    nodes.push(...made)
  }
  // let identify and the DHT's protocol probes settle, then measure at rest
  await new Promise((r) => setTimeout(r, 5000))
  const loaded = await procStats(child.pid)
  const restSeconds = 10
  await new Promise((r) => setTimeout(r, restSeconds * 1000))
  const after = await procStats(child.pid)
  const health = await (await fetch(`${ready.http}/health`)).json()
  child.kill('SIGTERM')
  await Promise.all(nodes.map((n) => n.stop()))
  const perPeer = (loaded.rssBytes - before.rssBytes) / peers
  return [
    {
      name: 'relay_memory_per_idle_peer',
      unit: 'KB',
      peers,
      connected: health.connections,
      value: r3(perPeer / 1024),
      target: 100,
      baseline: { relay_rss_idle_MB: r3(before.rssBytes / 2 ** 20), relay_rss_loaded_MB: r3(loaded.rssBytes / 2 ** 20) },
    },
    {
      name: 'relay_cpu_at_rest',
      unit: 'percent_of_one_core',
      peers,
      seconds: restSeconds,
      value: r3(((after.cpuSeconds - loaded.cpuSeconds) / restSeconds) * 100),
      baseline: null,
    },
  ]
}

export async function firstReservation({ runs = 10 } = {}) {
  const relay = await createXchatNode({ role: 'relay', privateKey: await generateKeyPair('Ed25519'), listen: [LOOP], loopback: true })
  const boot = relay.getMultiaddrs().map(String)
  const times = []
  const pings = []
  for (let i = 0; i < runs; i++) {
    const keys = newKeys()
    const t0 = performance.now()
    const node = await createXchatNode({
      role: 'peer',
      privateKey: libp2pPrivateKey(keys.device.privateKey()),
      listen: [LOOP],
      loopback: true,
      bootstrap: boot,
      reservations: 1,
    })
    await new Promise((resolve) => {
      const check = () => {
        if (node.getMultiaddrs().some((a) => a.toString().includes('/p2p-circuit'))) {
          node.removeEventListener('transport:listening', check)
          resolve()
        }
      }
      // the circuit listener appears when the reservation is granted (self:peer:update is debounced ~1 s)
      node.addEventListener('transport:listening', check)
      check()
    })
    times.push(ms(t0))
    pings.push(await pingRtt(node, relay.getMultiaddrs()[0]))
    await node.stop()
  }
  await relay.stop()
  return { name: 'peer_start_to_first_reservation', unit: 'ms', ...summary(times), baseline: { libp2p_ping_rtt: summary(pings) } }
}

export async function run() {
  const out = []
  out.push(await firstReservation())
  out.push(await resolveLatency())
  out.push(...(await relayMemory()))
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2))
}
