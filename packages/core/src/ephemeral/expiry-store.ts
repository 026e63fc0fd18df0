/**
 * The persisted expiry index and tombstones, as store operations: the
 * caller adds them to the batch that changes the message, so a message and
 * its expiry are written together or not at all.
 */
import { pad, type StoreOp, type StoredMessage, type XchatStore } from '../store/index.js'
import { TOMBSTONE_RETENTION_MS } from './constants.js'

/** The expiry index key of a message that goes at `expiresAt`. */
export function expiryKey(expiresAt: number, id: string): string {
  return `${pad(expiresAt)}!${id}`
}

/** The time an expiry index key names. */
export function expiryTimeOf(key: string): number {
  return Number(key.slice(0, key.indexOf('!')))
}

/**
 * Set (or move) a stored message's expiry: the message with `expiresAt`, and
 * the index entry replacing the old one. `expiresAt` undefined leaves the message as it was.
 * @returns the updated message and the ops (message put included)
 */
export function withExpiry(
  store: XchatStore,
  key: string,
  message: StoredMessage,
  expiresAt: number | undefined,
): { message: StoredMessage; ops: StoreOp[] } {
  if (expiresAt === undefined || expiresAt === message.expiresAt) return { message, ops: [store.messages.put(key, message)] }
  const next: StoredMessage = { ...message, expiresAt }
  const ops: StoreOp[] = [store.messages.put(key, next), store.expiry.put(expiryKey(expiresAt, message.id), key)]
  if (message.expiresAt !== undefined) ops.push(store.expiry.del(expiryKey(message.expiresAt, message.id)))
  return { message: next, ops }
}

/** The index op for a message stored for the first time with `expiresAt` set. */
export function indexOps(store: XchatStore, key: string, message: StoredMessage): StoreOp[] {
  return message.expiresAt === undefined ? [] : [store.expiry.put(expiryKey(message.expiresAt, message.id), key)]
}

/** Whether a message id expired here (a copy arriving later must not bring it back). */
export async function isTombstoned(store: XchatStore, id: string): Promise<boolean> {
  return store.tombstones.has(id)
}

/** Ops remembering that message `id` expired at `at`. */
export function tombstoneOps(store: XchatStore, id: string, at: number): StoreOp[] {
  return [store.tombstones.put(id, at), store.tombstoneExpiry.put(`${pad(at)}!${id}`, id)]
}

/** Forget tombstones older than {@link TOMBSTONE_RETENTION_MS}. @returns how many */
export async function pruneTombstones(store: XchatStore, now: number): Promise<number> {
  const ops: StoreOp[] = []
  for await (const [key, id] of store.tombstoneExpiry.entries({ lt: pad(Math.max(0, now - TOMBSTONE_RETENTION_MS)) })) {
    ops.push(store.tombstoneExpiry.del(key), store.tombstones.del(id))
  }
  await store.write(ops)
  return ops.length / 2
}

/** Whether a message has expired at `now` (read paths filter on this, so nothing expired shows between sweeps). */
export function isExpired(m: Pick<StoredMessage, 'expiresAt'>, now: number): boolean {
  return m.expiresAt !== undefined && m.expiresAt <= now
}
