// Group figures (issue #10: group chats up to 1,024 members):
// - a 1,024-member group: as many members as fit run as real libp2p peers
//   (gossipsub through two relays; 64 by default: above 10 they all share
//   127.0.0.1, which gossipsub's IP colocation penalty used to graylist), the
//   rest in-process behind one real gateway peer; time from send until 99 % of the online members decrypted
//   the message (p50/p99 over the measured messages);
// - the sender's upload per group message (what its gossipsub sent: peers × RPC
//   bytes) next to one 1:1 message of the same text (one ratchet envelope).
// Control (ops, sender keys) runs over the in-process hub: it is not the data plane measured.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Level } from 'level'
import { bytesToHex } from '@noble/hashes/utils.js'
import * as secp from '@noble/secp256k1'
import { generateKeyPair } from '@libp2p/crypto/keys'
import {
  createXchatNode,
  DeviceKeys,
  generateMnemonic,
  libp2pPrivateKey,
  GroupEngine,
  GossipFanout,
  GroupRelay,
  MemoryControlHub,
  MemoryFanoutHub,
  topicOf,
  generateSignedPrekey,
  initiateSession,
  addInitiatedSession,
  encryptWithRecord,
  decryptWithRecord,
  EMPTY_SESSION_RECORD,
  encodeEnvelope,
  envelopeAd,
  encodeContent,
  encodeAccountId,
  parseGroupMessage,
  createSenderChain,
  encryptOnChain,
  decryptOnChain,
  chainFromDistribution,
  distributionOf,
} from '@xchat/core'
import { quantile, r3 } from './stats.mjs'

const LOOP = '/ip4/127.0.0.1/tcp/0'
const GROUP_SIZE = Number(process.env.XCHAT_BENCH_GROUP_SIZE ?? 1024)
const REAL_PEERS = Number(process.env.XCHAT_BENCH_REAL_PEERS ?? 64)
const MESSAGES = Number(process.env.XCHAT_BENCH_GROUP_MESSAGES ?? 10)
/** In-process members that run a full engine (verify, decrypt, store); the rest are fan-out endpoints. */
const FULL_IN_PROCESS = Number(process.env.XCHAT_BENCH_FULL_IN_PROCESS ?? 64)
const TEXT = 'a group message of about the length people type, with a few words more'

const tmp = (p) => mkdtemp(join(tmpdir(), p))
const newKeys = () => DeviceKeys.fromSecrets({ mnemonic: generateMnemonic().phrase, passphrase: '', deviceIndex: 0, createdAt: Date.now() })
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const started = Date.now()
const progress = (what) => process.stderr.write(`bench groups: ${what} (${Math.round((Date.now() - started) / 1000)} s)\n`)
async function until(check, ms, what) {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`bench groups: timed out waiting for ${what}`)
    await sleep(20)
  }
}

/** Bytes of one 1:1 message of `text` on an established session (a ratchet envelope, as sent on '/xchat/msg/1.0.0'). */
function oneToOneBytes(text) {
  const alice = newKeys()
  const bob = newKeys()
  const spk = generateSignedPrekey(bob.device.privateKey(), 1, Date.now())
  const aliceId = { publicKey: alice.device.publicKey, privateKey: alice.device.privateKey() }
  const bobId = { publicKey: bob.device.publicKey, privateKey: bob.device.privateKey() }
  const content = (conversation) =>
    encodeContent({ id: new Uint8Array(16).fill(1), conversation, sentAt: Date.now(), seq: 1, body: { kind: 'text', text } })
  const { state } = initiateSession({ ourIdentity: aliceId, theirIdentity: bob.device.publicKey, theirSignedPrekey: spk })
  const adAB = envelopeAd(alice.account.publicKey, alice.device.publicKey, bob.device.publicKey)
  const first = encryptWithRecord(addInitiatedSession(EMPTY_SESSION_RECORD, state), content(bob.account.publicKey), adAB)
  const got = decryptWithRecord(EMPTY_SESSION_RECORD, first.message, {
    ourIdentity: bobId,
    theirIdentity: alice.device.publicKey,
    prekeys: { signedPrekey: (id) => (id === spk.id ? spk : undefined), oneTimePrekey: () => undefined },
    now: Date.now(),
    ad: adAB,
  })
  const adBA = envelopeAd(bob.account.publicKey, bob.device.publicKey, alice.device.publicKey)
  const reply = encryptWithRecord(got.record, content(alice.account.publicKey), adBA)
  const envelope = encodeEnvelope({
    senderAccountKey: bob.account.publicKey,
    senderDeviceKey: bob.device.publicKey,
    senderCertificate: bob.certificate,
    recipientDeviceKey: alice.device.publicKey,
    message: reply.message,
  })
  return envelope.length + 4 // + its length prefix on the stream
}

/** The fan-out key of a group message: its chain and iteration. */
const keyOf = (bytes) => {
  const m = parseGroupMessage(bytes)
  return `${bytesToHex(m.chainId)}:${m.iteration}`
}

/** A fan-out port that records when each message reaches it (before the member decrypts it). */
function tracked(port, reached) {
  return {
    subscribe: (topic, onMessage) =>
      port.subscribe(topic, (bytes) => {
        const k = keyOf(bytes)
        const list = reached.get(k) ?? []
        list.push(performance.now())
        reached.set(k, list)
        onMessage(bytes)
      }),
    unsubscribe: (topic) => port.unsubscribe(topic),
    publish: async (topic, bytes) => {
      port.lastKey = keyOf(bytes)
      return port.publish(topic, bytes)
    },
    fetch: async (topic) => port.fetch(topic),
  }
}

export async function run() {
  const hubControl = new MemoryControlHub()
  const hubFanout = new MemoryFanoutHub()
  const db = new Level(await tmp('xchat-bench-groups-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  const nodes = []
  const relays = []
  for (let i = 0; i < 2; i++) {
    const node = await createXchatNode({
      role: 'relay',
      privateKey: await generateKeyPair('Ed25519'),
      listen: [LOOP],
      loopback: true,
      bootstrap: relays.flatMap((r) => r.node.getMultiaddrs().map(String)),
    })
    const relay = new GroupRelay(node)
    await relay.start()
    relays.push({ node, relay })
    nodes.push(node)
  }

  // every member: keys, an engine on its own sublevel, a delivery log
  const arrivals = new Map() // message id → [decrypted at]
  const reached = new Map() // chain:iteration → [reached the member's fan-out port at]
  const members = []
  const realCount = Math.min(REAL_PEERS, GROUP_SIZE)
  const fullCount = Math.min(GROUP_SIZE, realCount + FULL_IN_PROCESS)
  let gateway
  for (let i = 0; i < fullCount; i++) {
    const keys = newKeys()
    const real = i < realCount
    let fanout
    if (real) {
      const node = await createXchatNode({
        role: 'peer',
        privateKey: libp2pPrivateKey(keys.device.privateKey()),
        listen: [LOOP],
        loopback: true,
        reservations: 0,
        bootstrap: relays[i % 2].node.getMultiaddrs().map(String),
      })
      nodes.push(node)
      fanout = new GossipFanout({ node, relays: () => [relays[i % 2].node.peerId.toString()] })
      fanout.node = node
    } else {
      fanout = hubFanout.port()
    }
    const holder = {}
    const device = bytesToHex(keys.device.publicKey)
    const control = hubControl.attach(keys.accountId, device, async (c, from) => holder.engine?.receiveControl(c, from))
    const engine = await GroupEngine.create({
      db: db.sublevel(`m${i}`, { keyEncoding: 'utf8', valueEncoding: 'view' }),
      keys,
      control,
      fanout: tracked(fanout, reached),
      receipts: false,
    })
    holder.engine = engine
    const member = { keys, engine, fanout, real, epoch: 0 }
    engine.addEventListener('group:changed', (e) => {
      member.epoch = Math.max(member.epoch, e.detail.epoch)
    })
    engine.addEventListener('group:message', (e) => {
      const list = arrivals.get(e.detail.id) ?? []
      list.push(performance.now())
      arrivals.set(e.detail.id, list)
    })
    await engine.start()
    members.push(member)
    if ((i + 1) % 128 === 0) progress(`${i + 1} members`)
  }
  // the gateway: a real peer following the topic that hands what it gets to the in-process members
  {
    const node = await createXchatNode({
      role: 'peer',
      privateKey: await generateKeyPair('Ed25519'),
      listen: [LOOP],
      loopback: true,
      reservations: 0,
      bootstrap: relays[1].node.getMultiaddrs().map(String),
    })
    nodes.push(node)
    gateway = node
  }

  // gossip streams open (identify done) before the CPU-heavy chain phase, which would starve identify's timeouts
  const peersUp = [...members.filter((m) => m.real).map((m) => m.fanout.node), gateway]
  await until(() => peersUp.every((n) => n.services.pubsub.getPeers().length > 0), 60_000, 'gossip streams to the relays').catch(() =>
    progress(`gossip streams: ${peersUp.filter((n) => n.services.pubsub.getPeers().length === 0).length} peers without`),
  )

  // the other members: accounts in the group whose devices are simulated as fan-out endpoints only
  // (the ciphertext reaching them is what is timed; what one device spends decrypting is measured below)
  const endpoints = []
  for (let i = fullCount; i < GROUP_SIZE; i++) {
    const accountId = encodeAccountId(secp.getPublicKey(secp.utils.randomSecretKey(), true))
    const port = tracked(hubFanout.port(), reached)
    endpoints.push({ accountId, port })
  }
  progress(`${GROUP_SIZE} members ready (${fullCount} full engines)`)
  const sender = members[0]
  const created = await sender.engine.createGroup('bench', [
    ...members.slice(1).map((m) => m.keys.accountId),
    ...endpoints.map((e) => e.accountId),
  ])
  const topic = topicOf(created.id)
  for (const e of endpoints) e.port.subscribe(topic, () => undefined)
  gateway.services.pubsub.subscribe(topic)
  gateway.services.pubsub.addEventListener('message', (evt) => {
    if (evt.detail.topic === topic) hubFanout.inject(topic, evt.detail.data)
  })
  let lastReport = Date.now()
  await until(
    () => {
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now()
        const by = {}
        for (const m of members) by[m.epoch] = (by[m.epoch] ?? 0) + 1
        progress(`members by epoch ${JSON.stringify(by)}`)
      }
      return members.every((m) => m.epoch === created.epoch)
    },
    1_200_000,
    'the whole group chain at every member',
  )
  progress('the chain is at every member')
  // relays follow the topic, and every real peer (and the gateway) has a mesh for it
  progress('waiting for gossip meshes')
  const realNodes = [...members.filter((m) => m.real).map((m) => m.fanout.node), gateway]
  const meshed = () =>
    relays.every((r) => r.node.services.pubsub.getMeshPeers(topic).length > 0) &&
    realNodes.every((n) => n.services.pubsub.getMeshPeers(topic).length > 0)
  await until(meshed, 30_000, 'gossip meshes').catch(() => {
    // measured anyway: a peer without a mesh still gets messages through gossip (IHAVE/IWANT), only later
    const lone = realNodes.filter((n) => n.services.pubsub.getMeshPeers(topic).length === 0)
    progress(`relay connections ${relays.map((r) => r.node.getConnections().length).join('/')}`)
    progress(
      `meshes incomplete: relays ${relays.map((r) => r.node.services.pubsub.getMeshPeers(topic).length).join('/')}, ` +
        `${lone.length} real peers without a mesh (they see ${lone.map((n) => n.services.pubsub.getSubscribers(topic).length).join(',')} subscribers)`,
    )
  })
  progress('measuring')

  const online = GROUP_SIZE - 1
  const need = Math.ceil(online * 0.99)
  const fullOnline = fullCount - 1
  const needFull = Math.ceil(fullOnline * 0.99)
  const toReach99 = []
  const toReachAll = []
  const toDecrypt99 = []
  const uploads = []
  let groupMessageBytes = 0
  // the first message also distributes the sender key (1:1, not measured)
  for (let i = -1; i < MESSAGES; i++) {
    const t0 = performance.now()
    const result = await sender.engine.send(created.id, TEXT)
    const key = sender.fanout.lastKey
    await until(
      () =>
        ((arrivals.get(result.id)?.length ?? 0) >= fullOnline && (reached.get(key)?.length ?? 0) >= online) ||
        performance.now() - t0 > 120_000,
      180_000,
      'delivery',
    )
    const decrypted = (arrivals.get(result.id) ?? []).map((t) => t - t0).sort((a, b) => a - b)
    const times = (reached.get(key) ?? []).map((t) => t - t0).sort((a, b) => a - b)
    if (i >= 0) {
      toReach99.push(times[need - 1] ?? Infinity)
      toReachAll.push(times.length >= online ? (times[online - 1] ?? Infinity) : Infinity)
      toDecrypt99.push(decrypted[needFull - 1] ?? Infinity)
      uploads.push(result.uploadedBytes ?? 0)
      groupMessageBytes = result.bytes
    }
  }
  const one = oneToOneBytes(TEXT)
  const upload = uploads.reduce((a, b) => a + b, 0) / uploads.length
  const s99 = [...toReach99].sort((a, b) => a - b)
  const sAll = [...toReachAll].sort((a, b) => a - b)
  const sDec = [...toDecrypt99].sort((a, b) => a - b)
  // what one member device spends on one message (Schnorr verify, HKDF, AEAD), without storage
  const chain = createSenderChain()
  const sample = encryptOnChain(chain, new Uint8Array(120), new Uint8Array(32)).bytes
  const d0 = performance.now()
  for (let i = 0; i < 50; i++) decryptOnChain(chainFromDistribution(distributionOf(chain)), parseGroupMessage(sample), new Uint8Array(32))
  const perMember = (performance.now() - d0) / 50

  for (const m of members) await m.engine.stop()
  for (const n of nodes.reverse()) await n.stop().catch(() => undefined)
  await db.close()

  return [
    {
      name: 'group size',
      value: GROUP_SIZE,
      unit: 'members',
      detail: `${realCount} real libp2p peers, 2 relays, 1 gateway peer feeding ${GROUP_SIZE - realCount} in-process members (${fullCount - realCount} full engines, ${GROUP_SIZE - fullCount} fan-out endpoints)`,
    },
    { name: 'time to 99 % of online members, p50', value: r3(quantile(s99, 0.5)), unit: 'ms', target: '≤ 2000 (p99)' },
    { name: 'time to 99 % of online members, p99', value: r3(quantile(s99, 0.99)), unit: 'ms', target: 2000, n: s99.length },
    { name: 'time to all online members, p99', value: r3(quantile(sAll, 0.99)), unit: 'ms' },
    {
      name: 'time until 99 % of the full-engine members decrypted and stored it, p99',
      value: r3(quantile(sDec, 0.99)),
      unit: 'ms',
      detail: `${fullCount - 1} members with full engines, all decrypting on the same 2 shared cores`,
    },
    { name: 'decrypt + verify per member device per message', value: r3(perMember), unit: 'ms' },
    { name: 'group message ciphertext', value: groupMessageBytes, unit: 'bytes' },
    {
      name: 'sender upload per group message',
      value: r3(upload),
      unit: 'bytes',
      baseline: { name: '1:1 message (one ratchet envelope)', value: one, unit: 'bytes' },
    },
    { name: 'sender upload ratio group / 1:1', value: r3(upload / one), unit: '×', target: 10 },
    { name: 'sender upload ratio, 1:1 to every member instead', value: r3((one * online) / one), unit: '×' },
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2))
