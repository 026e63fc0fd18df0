import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { assertPublicKey } from '../crypto/index.js'
import { MAILBOX_EPOCH_MS, MAILBOX_ID_LABEL, MAX_MAIL_AGE_MS } from './constants.js'

/** Highest epoch: epochs are u32 on the hash input (good until the year 11 million). */
const MAX_EPOCH = 2 ** 32 - 1

/**
 * The mailbox epoch of a time: whole days since the Unix epoch (UTC).
 * @throws RangeError when `timeMs` is not a non-negative integer
 * @example epochOf(Date.now())
 */
export function epochOf(timeMs: number): number {
  if (!Number.isSafeInteger(timeMs) || timeMs < 0)
    throw new RangeError(`"timeMs" expected a non-negative integer of ms, got ${String(timeMs)}`)
  return Math.floor(timeMs / MAILBOX_EPOCH_MS)
}

/**
 * The mailbox of a device for one epoch:
 * `SHA-256("xchat/mailbox-id/v1" ‖ device public key ‖ u32be(epoch))`.
 * Senders deposit into the mailbox of the current epoch; the id changes every
 * day, so ids stored on a relay cannot be linked to each other without the device key.
 * @param devicePublicKey - 33-byte compressed secp256k1 key of the recipient device
 * @param epoch - {@link epochOf} the sending time
 * @returns 32 bytes
 * @throws XchatError INVALID_KEY for a bad key; RangeError for a bad epoch
 * @example const id = mailboxIdFor(device.publicKey, epochOf(Date.now()))
 */
export function mailboxIdFor(devicePublicKey: Uint8Array, epoch: number): Uint8Array {
  assertPublicKey(devicePublicKey, 'device public key')
  if (!Number.isInteger(epoch) || epoch < 0 || epoch > MAX_EPOCH) {
    throw new RangeError(`"epoch" expected integer in range 0..2**32-1, got ${String(epoch)}`)
  }
  const e = new Uint8Array(4)
  new DataView(e.buffer).setUint32(0, epoch)
  return sha256(concatBytes(utf8ToBytes(MAILBOX_ID_LABEL), devicePublicKey, e))
}

/**
 * Every mailbox a device's mail may wait in at `now`, oldest first: the epochs
 * from `now - maxAgeMs` to the current one, plus the next (a sender whose clock
 * is ahead may already use it).
 * @param maxAgeMs - how far back to look; defaults to the relay maximum, 30 days
 * @example for (const id of mailboxIdsFor(device.publicKey, Date.now())) …
 */
export function mailboxIdsFor(devicePublicKey: Uint8Array, now: number, maxAgeMs: number = MAX_MAIL_AGE_MS): Uint8Array[] {
  if (!Number.isSafeInteger(maxAgeMs) || maxAgeMs < 0)
    throw new RangeError(`"maxAgeMs" expected a non-negative integer, got ${String(maxAgeMs)}`)
  const last = epochOf(now) + 1
  const first = epochOf(Math.max(0, now - maxAgeMs))
  const ids: Uint8Array[] = []
  for (let epoch = first; epoch <= last; epoch++) ids.push(mailboxIdFor(devicePublicKey, epoch))
  return ids
}
