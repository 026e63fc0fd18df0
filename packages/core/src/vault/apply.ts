import { bytesToHex } from '@noble/hashes/utils.js'
import type { AccountId } from '../identity/index.js'
import type { Contacts } from '../messaging/index.js'
import type { Conversation, StoreOp, StoredMessage, XchatStore } from '../store/index.js'
import type { VaultEntryPb } from '../wire/index.js'
import { messageOf } from './entries.js'
import { later, type LwwClock, type VaultState } from './local-state.js'

/** Store operations written per batch while replaying (bounded memory, and progress between batches). */
const OPS_PER_BATCH = 2000

/** What a replay changed. */
export interface ApplyResult {
  readonly messages: number
  readonly contacts: number
  readonly tombstoned: number
  readonly settings: number
}

/** A setting that changed while applying (for the module that owns it, e.g. ephemeral timers). */
export interface SettingChange {
  readonly conversation: AccountId
  readonly key: string
  readonly value: Uint8Array
}

/** Options of {@link applyEntries}. */
export interface ApplyOptions {
  readonly onProgress?: (done: number, total: number) => void
  readonly onSetting?: (change: SettingChange) => void
}

/**
 * Replay entries into the device store, deterministically: entries sort by
 * (lamport, device index); tombstones are applied first and win over any
 * message entry, before or after them; contacts and settings are
 * last-writer-wins; read state only moves forward; a message already stored
 * is left as it is.
 */
export async function applyEntries(
  store: XchatStore,
  state: VaultState,
  contacts: Contacts,
  entries: readonly VaultEntryPb[],
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const sorted = [...entries].sort((a, b) => (a.lamport === b.lamport ? a.deviceIndex - b.deviceIndex : a.lamport < b.lamport ? -1 : 1))
  let tombstoned = 0
  // 1. tombstones
  const tombstones = new Set<string>()
  for (const e of sorted) {
    if (e.tombstone === undefined) continue
    const ops: StoreOp[] = []
    for (const raw of e.tombstone.ids) {
      if (raw.length !== 16) continue
      const id = bytesToHex(raw)
      tombstones.add(id)
      // also remembered as seen: a copy still waiting in a mailbox is dropped as a duplicate
      ops.push(state.tombstones.put(id, Number(e.tombstone.deletedAt)), ...store.seenAdd(id, Number(e.tombstone.deletedAt)))
      tombstoned += await deleteMessageOps(store, id, ops)
    }
    await store.write(ops)
  }
  // 2. everything else, in clock order
  const conversations = new Map<string, Conversation>()
  const readUpTo = new Map<AccountId, number>()
  const inserted = new Set<string>()
  let ops: StoreOp[] = []
  let messages = 0
  let contactCount = 0
  let settings = 0
  const flush = async (): Promise<void> => {
    await store.write(ops)
    ops = []
  }
  for (const [i, e] of sorted.entries()) {
    const clock: LwwClock = { lamport: Number(e.lamport), device: e.deviceIndex }
    if (e.message !== undefined) {
      const m = messageOf(e.message)
      if (m !== undefined && !tombstones.has(m.id) && (await insertMessageOps(store, state, m, conversations, inserted, ops))) messages++
    } else if (e.contact !== undefined) {
      await flush() // Contacts writes on its own
      if (await applyContact(store, state, contacts, e.contact, clock)) contactCount++
    } else if (e.setting !== undefined) {
      const key = `${store.blind(e.setting.conversation)}!${e.setting.key}`
      const current = await state.settings.get(key)
      if (later(clock, current)) {
        ops.push(state.settings.put(key, { ...clock, value: e.setting.value }))
        options.onSetting?.({ conversation: e.setting.conversation as AccountId, key: e.setting.key, value: e.setting.value })
        settings++
      }
    } else if (e.read !== undefined) {
      const conv = e.read.conversation as AccountId
      readUpTo.set(conv, Math.max(readUpTo.get(conv) ?? 0, Number(e.read.upTo)))
    }
    if (ops.length >= OPS_PER_BATCH) {
      await flush()
      options.onProgress?.(i + 1, sorted.length)
    }
  }
  for (const [key, conv] of conversations) ops.push(store.conversations.put(key, conv))
  await flush()
  for (const [conv, upTo] of readUpTo) await applyRead(store, state, conv, upTo)
  options.onProgress?.(sorted.length, sorted.length)
  return { messages, contacts: contactCount, tombstoned, settings }
}

/** Ops deleting a stored message (a tombstone). @returns 1 if one was stored */
export async function deleteMessageOps(store: XchatStore, id: string, ops: StoreOp[]): Promise<number> {
  const key = await store.messageIds.get(id)
  if (key === undefined) return 0
  ops.push(store.messages.del(key), store.messageIds.del(id))
  return 1
}

async function insertMessageOps(
  store: XchatStore,
  state: VaultState,
  m: StoredMessage,
  conversations: Map<string, Conversation>,
  inserted: Set<string>,
  ops: StoreOp[],
): Promise<boolean> {
  // the same message comes from several devices (sent here, copied there): the first one counts
  if (inserted.has(m.id)) return false
  inserted.add(m.id)
  if ((await store.messageIds.get(m.id)) !== undefined || (await state.tombstones.get(m.id)) !== undefined) return false
  // a read state applied before this message arrived (blobs come in any order) still covers it
  const readUpTo = (await state.readUpTo.get(store.blind(m.conversation))) ?? 0
  if (m.direction === 'in' && m.status !== 'read' && m.sentAt <= readUpTo) m = { ...m, status: 'read' }
  const key = store.messageKey(m, Math.min(m.sentAt, m.receivedAt))
  const convKey = store.blind(m.conversation)
  const conv = conversations.get(convKey) ??
    (await store.conversations.get(convKey)) ?? { accountId: m.conversation, nextSeq: 1, lastActivityAt: 0, unread: 0 }
  conversations.set(convKey, {
    ...conv,
    lastActivityAt: Math.max(conv.lastActivityAt, m.receivedAt),
    unread: conv.unread + (m.direction === 'in' && m.status !== 'read' ? 1 : 0),
  })
  // remembered as seen, so a copy still waiting in a mailbox is not shown twice
  ops.push(store.messages.put(key, m), store.messageIds.put(m.id, key), ...store.seenAdd(m.id, m.receivedAt))
  return true
}

async function applyContact(
  store: XchatStore,
  state: VaultState,
  contacts: Contacts,
  entry: NonNullable<VaultEntryPb['contact']>,
  clock: LwwClock,
): Promise<boolean> {
  const key = `contact:${store.blind(entry.accountId)}`
  if (!later(clock, await state.clocks.get(key))) return false
  try {
    if (entry.removed) await contacts.remove(entry.accountId)
    else await addContact(contacts, entry.accountId, entry.name)
  } catch {
    return false // a malformed account id: the entry is skipped
  }
  await store.write([state.clocks.put(key, clock)])
  return true
}

/** Add a contact; a name another contact holds here gets a number, as two devices may pick one name for two people. */
async function addContact(contacts: Contacts, accountId: string, name: string): Promise<void> {
  for (let n = 1; ; n++) {
    try {
      await contacts.add(accountId, n === 1 ? name : `${name.slice(0, 58)} (${n})`)
      return
    } catch (err) {
      if (!(err instanceof RangeError) || n >= 20) throw err
    }
  }
}

async function applyRead(store: XchatStore, state: VaultState, conversation: AccountId, upTo: number): Promise<void> {
  const readKey = store.blind(conversation)
  if (upTo <= ((await state.readUpTo.get(readKey)) ?? 0)) return
  const prefix = store.conversationPrefix(conversation)
  const ops: StoreOp[] = [state.readUpTo.put(readKey, upTo)]
  let marked = 0
  for await (const [key, m] of store.messages.entries({ gte: prefix, lt: `${prefix}~` })) {
    if (m.direction !== 'in' || m.status === 'read' || m.sentAt > upTo) continue
    ops.push(store.messages.put(key, { ...m, status: 'read' }))
    marked++
  }
  const conv = await store.conversations.get(readKey)
  if (conv !== undefined && marked > 0) ops.push(store.conversations.put(readKey, { ...conv, unread: Math.max(0, conv.unread - marked) }))
  await store.write(ops)
}
