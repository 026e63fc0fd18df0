/**
 * Wires the history vault (vault/) to a client: what the messenger stores
 * and what the user changes is recorded; the vault pushes and pulls on its own.
 */
import { parseAccountId, type DeviceKeys } from './identity/index.js'
import type { XchatNode } from './net/index.js'
import type { Contacts, Messenger } from './messaging/index.js'
import type { StoredMessage, XchatStore } from './store/index.js'
import { Vault, contactEntry, messageEntry, vaultKeysOf, type VaultInit, type VaultKeys } from './vault/index.js'

/** Vault options of `createClient`. */
export type ClientVaultOptions = Partial<Pick<VaultInit, 'replicas' | 'flushDelayMs' | 'pollMs'>>

/** What {@link attachVault} needs. */
export interface AttachVaultInit {
  readonly store: XchatStore
  readonly node: XchatNode
  readonly keys: DeviceKeys
  readonly now: () => number
  readonly contacts: Contacts
  readonly messenger: Messenger
  readonly options: ClientVaultOptions
}

/** The vault of a client and the pieces the client hands out instead of the plain ones. */
export interface AttachedVault {
  readonly vault: Vault
  /** The address book, recording every change in the vault. */
  readonly contacts: Pick<Contacts, 'add' | 'get' | 'list' | 'remove'>
  /** Record that a conversation was read up to now. */
  read(conversation: string): Promise<void>
}

/**
 * Open the device's vault and record messages, contacts and read state into it.
 * @returns undefined when the keys hold no words to derive the vault key from
 */
export async function attachVault(init: AttachVaultInit): Promise<AttachedVault | undefined> {
  const { store, messenger, contacts, now } = init
  let vaultKeys: VaultKeys
  try {
    vaultKeys = vaultKeysOf(init.keys)
  } catch {
    return undefined
  }
  const vault = await Vault.open({
    store,
    node: init.node,
    keys: vaultKeys,
    deviceIndex: init.keys.deviceIndex,
    contacts,
    now,
    ...init.options,
  })
  const recordFailed = (): void => undefined // the entry is lost for the vault only; the message itself is stored
  // disappearing messages never go into the vault: a device recovered before their time ran out would
  // bring them back without their clock (ephemeral/); call and system entries are this device's own
  const kept = (m: StoredMessage): boolean =>
    m.expireAfterMs === undefined && m.viewOnce !== true && m.expiresAt === undefined && m.system === undefined && m.call === undefined
  messenger.addEventListener('message:received', (e) => {
    if (kept(e.detail)) void vault.record(messageEntry(e.detail)).catch(recordFailed)
  })
  messenger.addEventListener('message:queued', (e) => {
    const lookup = (async () => {
      // the event carries the message as stored: no read back
      const key = e.detail.message === undefined ? await store.messageIds.get(e.detail.id) : undefined
      const message = e.detail.message ?? (key === undefined ? undefined : await store.messages.get(key))
      return message === undefined || !kept(message) ? undefined : messageEntry(message)
    })()
    void vault.record(lookup).catch(recordFailed)
  })
  return {
    vault,
    contacts: {
      get: async (who) => contacts.get(who),
      list: async () => contacts.list(),
      async add(accountId, name) {
        const contact = await contacts.add(accountId, name)
        await vault.record(contactEntry(contact))
        return contact
      },
      async remove(who) {
        const contact = await contacts.get(who)
        const removed = await contacts.remove(who)
        if (removed && contact !== undefined) await vault.record(contactEntry(contact, true))
        return removed
      },
    },
    read: async (conversation) => vault.record({ read: { conversation: parseAccountId(conversation), upTo: BigInt(now()) } }),
  }
}
