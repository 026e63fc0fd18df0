import type { AbstractBatchOptions, AbstractLevel, AbstractSublevel } from 'abstract-level'

/**
 * The level database a relay keeps mail in: any abstract-level database with
 * string keys and Uint8Array values (`new Level(path, { keyEncoding: 'utf8',
 * valueEncoding: 'view' })` from `level`, classic-level or browser-level).
 * The mailbox service writes under its own sublevel `mailbox`, so the
 * database can be shared with other services.
 */
export type MailboxDatabase = AbstractLevel<string | Uint8Array, string, Uint8Array>

/** A sublevel of a {@link MailboxDatabase} with string keys and byte values. */
export type ByteSublevel<P> = AbstractSublevel<P, string | Uint8Array, string, Uint8Array>

/**
 * Batch options of every write: `sync: true` makes classic-level (LevelDB)
 * fsync before the write resolves, so an acked deposit or a taken prekey
 * survives a crash of the relay or its machine. Other backends ignore it.
 */
export const SYNC_WRITE: AbstractBatchOptions<string, Uint8Array> & { readonly sync: boolean } = { sync: true }

/** Encodings of every sublevel: utf8 (hex) keys, raw byte values. */
export const BYTE_ENCODINGS = { keyEncoding: 'utf8', valueEncoding: 'view' } as const

/** The end of a hex-key prefix range: 'g' sorts after every hex digit. */
export function prefixRange(prefix: string): { gte: string; lt: string } {
  return { gte: prefix, lt: `${prefix}g` }
}

/** A non-negative integer as 16 hex digits, so keys sort by number. */
export function hex64(n: bigint | number): string {
  return BigInt(n).toString(16).padStart(16, '0')
}

/** The service's own sublevel of a relay's database. */
export function mailboxRoot(db: MailboxDatabase): ByteSublevel<MailboxDatabase> {
  return db.sublevel<string, Uint8Array>('mailbox', BYTE_ENCODINGS)
}
