// Vault figures (issue: new device from twelve words, full history recovery):
// - recovery time for 10,000 messages (3 contacts, 3 conversations) on a new
//   device: find relays, list, fetch, verify, decrypt and replay into the store
//   (target ≤ 10 s on loopback); baselines measured in the same run: the raw
//   list + fetch of the same blobs (network only), and reading the restored
//   history back from the local store;
// - pushing the 10,000 recorded entries to 3 relays;
// - bytes each relay holds for the vault.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Level } from 'level'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js'
import {
  Contacts,
  createClient,
  createXchatNode,
  DeviceKeys,
  generateMnemonic,
  libp2pPrivateKey,
  messageEntry,
  openStore,
  Vault,
  VaultRelayClient,
  rankedVaultRelays,
  vaultKeysOf,
  vaultService,
  DEFAULT_VAULT_LIMITS,
} from '@xchat/core'
import { r3 } from './stats.mjs'

const LOOP = '/ip4/127.0.0.1/tcp/0'
const tmp = (p) => mkdtemp(join(tmpdir(), p))
const LIMITS = { ...DEFAULT_VAULT_LIMITS, appendRate: { burst: 1e6, perMinute: 1e9 }, readRate: { burst: 1e6, perMinute: 1e9 } }

async function startRelays(n) {
  const out = []
  for (let i = 0; i < n; i++) {
    const db = new Level(await tmp('xchat-bench-vault-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
    await db.open()
    const node = await createXchatNode({
      role: 'relay',
      privateKey: await generateKeyPair('Ed25519'),
      listen: [LOOP],
      loopback: true,
      bootstrap: out.flatMap((r) => r.node.getMultiaddrs().map(String)),
    })
    const service = vaultService({ db, limits: LIMITS })({ peerId: node.peerId, registrar: node })
    await service.start()
    out.push({ node, service, db })
  }
  return out
}

async function peer(keys, relays) {
  const node = await createXchatNode({
    role: 'peer',
    privateKey: libp2pPrivateKey(keys.device.privateKey()),
    listen: [LOOP],
    loopback: true,
    reservations: 0,
    bootstrap: relays.flatMap((r) => r.node.getMultiaddrs().map(String)),
  })
  await Promise.all(relays.map((r) => node.dial(r.node.getMultiaddrs())))
  // identify tells the peer store which relays speak the vault protocol
  for (let i = 0; i < 100 && (await rankedVaultRelays(node, new Uint8Array(32))).length < relays.length; i++) {
    await new Promise((r) => setTimeout(r, 50))
  }
  return node
}

/** @returns the figures of one recovery of `count` messages */
async function recovery(relays, count) {
  const mnemonic = generateMnemonic().phrase
  const keysAt = (i) => DeviceKeys.fromSecrets({ mnemonic, passphrase: '', deviceIndex: i, createdAt: Date.now() })
  const writer = keysAt(0)
  const contacts = [0, 1, 2].map(() =>
    DeviceKeys.fromSecrets({ mnemonic: generateMnemonic().phrase, passphrase: '', deviceIndex: 0, createdAt: Date.now() }),
  )
  const node = await peer(writer, relays)
  const db = new Level(await tmp('xchat-bench-writer-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  const store = await openStore({ db, devicePrivateKey: writer.device.privateKey() })
  const book = new Contacts(store, Date.now)
  const vault = await Vault.open({ store, node, keys: vaultKeysOf(writer), deviceIndex: 0, contacts: book })
  for (const [i, c] of contacts.entries()) {
    await vault.record({ contact: { accountId: c.accountId, name: `contact ${i}`, addedAt: BigInt(Date.now()), removed: false } })
  }
  const ownDevice = bytesToHex(writer.device.publicKey)
  const t = Date.now() - count * 1000
  for (let i = 0; i < count; i++) {
    const c = contacts[i % 3]
    const out = i % 2 === 0
    await vault.record(
      messageEntry({
        id: bytesToHex(randomBytes(16)),
        conversation: c.accountId,
        direction: out ? 'out' : 'in',
        senderDevice: out ? ownDevice : bytesToHex(c.device.publicKey),
        sentAt: t + i * 1000,
        receivedAt: t + i * 1000 + 5,
        seq: Math.floor(i / 6) + 1,
        text: `message ${i}: a typical chat line of some sixty characters or so`,
        status: out ? 'delivered' : 'received',
      }),
    )
  }
  const p0 = performance.now()
  const pushed = await vault.flush()
  const pushMs = performance.now() - p0

  // baseline: the same blobs listed and fetched raw, nothing verified or applied
  const reader = keysAt(1)
  const rawNode = await peer(reader, relays)
  const raw = new VaultRelayClient(rawNode, vaultKeysOf(reader), Date.now)
  const f0 = performance.now()
  const ids = await raw.list(relays[0].node.peerId)
  const blobs = await raw.fetch(relays[0].node.peerId, ids)
  const fetchMs = performance.now() - f0
  const vaultBytes = blobs.reduce((n, b) => n + b.blob.length, 0)
  await rawNode.stop()

  // the recovery: a new device index, a fresh database, a full client
  const fresh = keysAt(7)
  const freshNode = await peer(fresh, relays)
  const freshDb = new Level(await tmp('xchat-bench-fresh-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
  await freshDb.open()
  const client = await createClient({ node: freshNode, db: freshDb, keys: fresh, ports: { mailbox: null } })
  const r0 = performance.now()
  const pulled = await client.vault.pull()
  const recoveryMs = performance.now() - r0
  const h0 = performance.now()
  let restored = 0
  for (const c of contacts) restored += (await client.history(c.accountId)).length
  const historyMs = performance.now() - h0
  if (restored !== count) throw new Error(`restored ${restored} of ${count} messages`)

  await freshNode.stop()
  await node.stop()
  await db.close()
  await freshDb.close()
  return [
    {
      name: `vault_recovery_${count}_messages`,
      unit: 'ms',
      value: r3(recoveryMs),
      target: count === 10_000 ? 10_000 : null,
      blobs: pulled.blobs,
      entries: pulled.entries,
      relays: pulled.relays,
      baseline: { raw_list_and_fetch_ms: r3(fetchMs), read_restored_history_ms: r3(historyMs) },
    },
    {
      name: `vault_push_${count}_entries_to_3_relays`,
      unit: 'ms',
      value: r3(pushMs),
      blobs: pushed.blobs,
      relays: pushed.relays,
      baseline: null,
    },
    {
      name: `vault_bytes_per_relay_${count}_messages`,
      unit: 'bytes',
      value: vaultBytes,
      per_message: r3(vaultBytes / count),
      baseline: null,
    },
  ]
}

export async function run() {
  const relays = await startRelays(3)
  try {
    return [...(await recovery(relays, 1000)), ...(await recovery(relays, 10_000))]
  } finally {
    for (const r of relays) {
      await r.service.stop()
      await r.node.stop()
      await r.db.close()
    }
  }
}
