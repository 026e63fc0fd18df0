/**
 * Vault test fixture: relays that run the mailbox and the vault service on
 * one real level database each, on loopback; stoppable one by one.
 */
import { Level } from 'level'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { mailboxService, vaultService, type MailboxService, type VaultService, type XchatNode } from '../src/index.js'
import { addrsOf, startRelay } from './net-fixture.js'
import { tempFolder, type TestRelay } from './messaging-fixture.js'

/** A relay with a mailbox and a vault. */
export interface VaultRelay extends TestRelay {
  readonly vault: VaultService
  readonly path: string
}

const running: VaultRelay[] = []

/** `count` relays bootstrapping from each other, each with mailbox and vault services. */
export async function startVaultRelays(count: number): Promise<VaultRelay[]> {
  const started: VaultRelay[] = []
  for (let i = 0; i < count; i++) {
    const path = await tempFolder('xchat-vault-relay-')
    const db = new Level<string, Uint8Array>(path, { keyEncoding: 'utf8', valueEncoding: 'view' })
    await db.open()
    const node: XchatNode = await startRelay({
      privateKey: await generateKeyPair('Ed25519'),
      bootstrap: started.flatMap((r) => addrsOf(r.node)),
    })
    const service: MailboxService = mailboxService({ db })({ peerId: node.peerId, registrar: node })
    await service.start()
    const vault = vaultService({ db })({ peerId: node.peerId, registrar: node })
    await vault.start()
    started.push({ node, service, db, vault, path })
  }
  running.push(...started)
  return started
}

/** Stop one relay (its services, node and database): it is down from now on. */
export async function stopVaultRelay(relay: VaultRelay): Promise<void> {
  const i = running.indexOf(relay)
  if (i >= 0) running.splice(i, 1)
  await relay.vault.stop().catch(() => undefined)
  await Promise.resolve(relay.service.stop()).catch(() => undefined)
  await Promise.resolve(relay.node.stop()).catch(() => undefined)
  await relay.db.close().catch(() => undefined)
}

/** Stop every relay this fixture started. */
export async function stopVaultRelays(): Promise<void> {
  for (const r of running.splice(0)) {
    await r.vault.stop().catch(() => undefined)
    await Promise.resolve(r.service.stop()).catch(() => undefined)
    await Promise.resolve(r.node.stop()).catch(() => undefined)
    await r.db.close().catch(() => undefined)
  }
}
