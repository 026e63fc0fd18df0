/** The relay side of '/xchat/vault/1.0.0': who may write and read, quotas, durability, tampering on the relay. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Level } from 'level'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { PrivateKey } from '@libp2p/interface'
import {
  Contacts,
  Vault,
  VaultRelayClient,
  newBlobId,
  openStore,
  sealBlob,
  vaultKeysOf,
  vaultService,
  type VaultLimits,
  type VaultService,
  type XchatNode,
} from '../src/index.js'
import { SealedVaultBlobPb } from '../src/wire/index.js'
import { addrsOf, newDeviceKeys, startPeer, startRelay, stopAll } from './net-fixture.js'
import { cleanupMessaging, tempFolder } from './messaging-fixture.js'
import { expectXchatErrorAsync } from './expect-error.js'

interface Relay {
  node: XchatNode
  service: VaultService
  db: Level<string, Uint8Array>
  path: string
  key: PrivateKey
}

async function relayWith(limits: Partial<VaultLimits> = {}, reuse?: Relay): Promise<Relay> {
  const path = reuse?.path ?? (await tempFolder('xchat-vault-svc-'))
  const key = reuse?.key ?? (await generateKeyPair('Ed25519'))
  const db = new Level<string, Uint8Array>(path, { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  const node = await startRelay({ privateKey: key })
  const service = vaultService({ db, limits })({ peerId: node.peerId, registrar: node })
  await service.start()
  return { node, service, db, path, key }
}

async function stopRelay(r: Relay): Promise<void> {
  await r.service.stop()
  await r.node.stop()
  await r.db.close()
}

const entry = (text: string) => ({
  lamport: 1n,
  deviceIndex: 0,
  at: 1n,
  contact: { accountId: text, name: text, addedAt: 1n, removed: false },
})

describe('vault service', () => {
  const alice = newDeviceKeys()
  const mallory = newDeviceKeys()
  const aliceVault = vaultKeysOf(alice)
  const malloryVault = vaultKeysOf(mallory)
  let relay: Relay
  let peer: XchatNode

  beforeAll(async () => {
    relay = await relayWith({ maxVaultBlobs: 3 })
    peer = await startPeer(alice, { reservations: 0, bootstrap: addrsOf(relay.node) })
    await peer.dial(relay.node.getMultiaddrs())
  }, 30_000)

  afterAll(async () => {
    await stopRelay(relay).catch(() => undefined)
    await cleanupMessaging()
    await stopAll()
  })

  it('stores a signed blob, lists and fetches it for the vault owner only', async () => {
    const client = new VaultRelayClient(peer, aliceVault, Date.now)
    const id = newBlobId(Date.now())
    const blob = sealBlob(aliceVault, id, 0, [entry('a')])
    expect(await client.append(relay.node.peerId, id, blob)).toBe(blob.length)
    // appends are idempotent: a retry does not count twice
    expect(await client.append(relay.node.peerId, id, blob)).toBe(blob.length)
    expect((await client.list(relay.node.peerId)).map(bytesToHex)).toEqual([bytesToHex(id)])
    const [got] = await client.fetch(relay.node.peerId, [id])
    expect(bytesToHex(got?.blob ?? new Uint8Array())).toBe(bytesToHex(blob))
    expect(relay.service.stats()).toMatchObject({ vaults: 1, blobs: 1, bytes: blob.length })
  })

  it('refuses an append signed by another key, and reads by anyone but the owner', async () => {
    const id = newBlobId(Date.now())
    const forged = sealBlob(malloryVault, id, 0, [entry('evil')])
    const asAlice = new VaultRelayClient(peer, aliceVault, Date.now)
    // a blob signed for mallory's vault but sent under alice's vault id is refused
    const claim = {
      vaultId: aliceVault.vaultId,
      authPublicKey: malloryVault.authPublicKey,
      encryptionKey: () => malloryVault.encryptionKey(),
      authPrivateKey: () => malloryVault.authPrivateKey(),
    } as unknown as typeof malloryVault
    const raw = new VaultRelayClient(peer, claim, Date.now)
    await expectXchatErrorAsync(raw.append(relay.node.peerId, id, forged), 'VAULT_REFUSED')
    await expectXchatErrorAsync(raw.list(relay.node.peerId), 'VAULT_REFUSED')
    expect((await asAlice.list(relay.node.peerId)).map(bytesToHex)).not.toContain(bytesToHex(id))
  })

  it('enforces the per-vault quota', async () => {
    const client = new VaultRelayClient(peer, aliceVault, Date.now)
    for (let i = 0; i < 2; i++) {
      const id = newBlobId(Date.now() + i)
      await client.append(relay.node.peerId, id, sealBlob(aliceVault, id, 0, [entry(`q${i}`)]))
    }
    const id = newBlobId(Date.now() + 10)
    await expectXchatErrorAsync(client.append(relay.node.peerId, id, sealBlob(aliceVault, id, 0, [entry('over')])), 'QUOTA_EXCEEDED')
  })

  it('keeps blobs across a relay restart', async () => {
    await peer.hangUp(relay.node.peerId)
    await stopRelay(relay)
    relay = await relayWith({ maxVaultBlobs: 3 }, relay)
    await peer.dial(relay.node.getMultiaddrs())
    const client = new VaultRelayClient(peer, aliceVault, Date.now)
    expect(await client.list(relay.node.peerId)).toHaveLength(3)
    expect(relay.service.stats()).toMatchObject({ vaults: 1, blobs: 3 })
  })

  it('rejects an entry tampered with on the relay: nothing of it is applied', async () => {
    const bob = newDeviceKeys()
    const bobVault = vaultKeysOf(bob)
    const db = new Level<string, Uint8Array>(await tempFolder(), { keyEncoding: 'utf8', valueEncoding: 'view' })
    await db.open()
    const store = await openStore({ db, devicePrivateKey: bob.device.privateKey() })
    const contacts = new Contacts(store, Date.now)
    const writer = await Vault.open({ store, node: peer, keys: bobVault, deviceIndex: 0, contacts })
    await writer.record({ contact: { accountId: alice.accountId, name: 'Alice', addedAt: 1n, removed: false } })
    expect((await writer.flush()).relays).toBe(1)
    // the relay (or its disk) changes one byte of the stored blob
    const sub = relay.db.sublevel<string, Uint8Array>('vault', { keyEncoding: 'utf8', valueEncoding: 'view' })
    const prefix = `b!${bytesToHex(bobVault.vaultId)}!`
    for await (const [key, value] of sub.iterator({ gte: prefix, lt: `${prefix}~` })) {
      const pb = SealedVaultBlobPb.decode(value)
      const ciphertext = Uint8Array.from(pb.ciphertext)
      ciphertext[0] = (ciphertext[0] ?? 0) ^ 0x80
      await sub.put(key, SealedVaultBlobPb.encode({ ...pb, ciphertext }))
    }
    const db2 = new Level<string, Uint8Array>(await tempFolder(), { keyEncoding: 'utf8', valueEncoding: 'view' })
    await db2.open()
    const store2 = await openStore({ db: db2, devicePrivateKey: newDeviceKeys().device.privateKey() })
    const contacts2 = new Contacts(store2, Date.now)
    const reader = await Vault.open({ store: store2, node: peer, keys: bobVault, deviceIndex: 1, contacts: contacts2 })
    const pulled = await reader.pull()
    expect(pulled.rejected).toBe(1)
    expect(pulled.entries).toBe(0)
    expect(await contacts2.list()).toEqual([])
    await db.close()
    await db2.close()
  })
})
