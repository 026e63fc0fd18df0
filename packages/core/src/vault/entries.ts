import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import type { AccountId } from '../identity/index.js'
import type { Contact, MessageStatus, StoredMessage } from '../store/index.js'
import type { VaultEntryPb } from '../wire/index.js'

/** The body of an entry, without its clock. */
export type EntryBody = Omit<VaultEntryPb, 'lamport' | 'deviceIndex' | 'at'>

/** The entry recording a stored message (text or file manifest). */
export function messageEntry(m: StoredMessage): EntryBody {
  return {
    message: {
      id: hexToBytes(m.id),
      conversation: m.conversation,
      outgoing: m.direction === 'out',
      senderDevice: hexToBytes(m.senderDevice),
      sentAt: BigInt(m.sentAt),
      receivedAt: BigInt(m.receivedAt),
      seq: m.seq,
      text: m.text,
      fileManifest: m.file === undefined ? new Uint8Array(0) : hexToBytes(m.file.manifest),
      status: m.status,
    },
  }
}

/** The entry recording a contact added or renamed, or removed. */
export function contactEntry(c: Contact, removed = false): EntryBody {
  return { contact: { accountId: c.accountId, name: removed ? '' : c.name, addedAt: BigInt(c.addedAt), removed } }
}

const STATUSES: readonly MessageStatus[] = ['pending', 'sent', 'delivered', 'read', 'failed', 'received']

/**
 * The message an entry records, as this device stores it. A recorded
 * 'pending' comes back as 'sent': the outbox that would finish it is not
 * part of the vault.
 * @returns undefined for an entry that does not hold a well-formed message
 */
export function messageOf(entry: NonNullable<VaultEntryPb['message']>): StoredMessage | undefined {
  if (entry.id.length !== 16 || entry.senderDevice.length !== 33) return undefined
  const recorded = STATUSES.includes(entry.status as MessageStatus) ? (entry.status as MessageStatus) : undefined
  const outgoing = entry.outgoing
  let status: MessageStatus = recorded ?? (outgoing ? 'sent' : 'received')
  if (outgoing && (status === 'pending' || status === 'received')) status = 'sent'
  if (!outgoing && status !== 'read') status = 'received'
  return {
    id: bytesToHex(entry.id),
    conversation: entry.conversation as AccountId,
    direction: outgoing ? 'out' : 'in',
    senderDevice: bytesToHex(entry.senderDevice),
    sentAt: safe(entry.sentAt),
    receivedAt: safe(entry.receivedAt),
    seq: entry.seq,
    text: entry.text,
    status,
    ...(entry.fileManifest.length > 0 ? { file: { manifest: bytesToHex(entry.fileManifest) } } : {}),
  }
}

function safe(n: bigint): number {
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n)
}
