import { concatBytes } from '@noble/hashes/utils.js'
import type { PeerId } from '@libp2p/interface'
import { isValidPublicKey, publicKeyOf, randomBytes, sign, verify, isValidPrivateKey } from '../crypto/index.js'
import { XchatError } from '../errors.js'
import type { KeyProofPb } from '../wire/index.js'
import { ACK_PROOF_DOMAIN, FETCH_PROOF_DOMAIN, PREKEY_UPLOAD_PROOF_DOMAIN, PROOF_MAX_SKEW_MS, PROOF_NONCE_LENGTH } from './constants.js'

/** What a key proof authorises; each has its own signature domain. */
export type ProofOperation = 'fetch' | 'ack' | 'prekeys'

const DOMAINS: Readonly<Record<ProofOperation, string>> = {
  fetch: FETCH_PROOF_DOMAIN,
  ack: ACK_PROOF_DOMAIN,
  prekeys: PREKEY_UPLOAD_PROOF_DOMAIN,
}

/**
 * A device key that can prove itself to a relay: `keys.device` (an HdKeyPair)
 * is one. The private key is only used to sign.
 */
export interface MailboxOwner {
  readonly publicKey: Uint8Array
  privateKey(): Uint8Array
}

/** Why a relay refuses a proof. */
export type ProofVerdict = 'ok' | 'forbidden' | 'stale'

/**
 * The bytes a key proof signs:
 * `u16be(len(relay)) ‖ relay PeerId (multihash bytes) ‖ u64be(timestamp) ‖ nonce (16) ‖ body`,
 * so a proof is good for one relay, one time and one request body.
 */
export function proofPayload(relay: PeerId, timestamp: bigint, nonce: Uint8Array, body: Uint8Array): Uint8Array {
  const relayBytes = relay.toMultihash().bytes
  const head = new Uint8Array(2)
  new DataView(head.buffer).setUint16(0, relayBytes.length)
  const ts = new Uint8Array(8)
  new DataView(ts.buffer).setBigUint64(0, timestamp)
  return concatBytes(head, relayBytes, ts, nonce, body)
}

/**
 * A request body as signed bytes: `u16be(count) ‖ (u16be(len) ‖ item)*`.
 * @throws RangeError past 65535 items or bytes (requests are far smaller)
 */
export function proofBody(items: readonly Uint8Array[]): Uint8Array {
  if (items.length > 0xffff) throw new RangeError(`"items" expected at most 65535 entries, got ${items.length}`)
  const parts: Uint8Array[] = [u16(items.length)]
  for (const item of items) {
    if (item.length > 0xffff) throw new RangeError(`"items" expected entries of at most 65535 bytes, got ${item.length}`)
    parts.push(u16(item.length), item)
  }
  return concatBytes(...parts)
}

/**
 * Sign a key proof for one request to one relay.
 * @throws XchatError INVALID_KEY when the owner's keys do not match
 */
export function createKeyProof(op: ProofOperation, owner: MailboxOwner, relay: PeerId, body: Uint8Array, now: number): KeyProofPb {
  const privateKey = owner.privateKey()
  if (!isValidPrivateKey(privateKey) || !isValidPublicKey(owner.publicKey) || !sameBytes(publicKeyOf(privateKey), owner.publicKey)) {
    throw new XchatError('INVALID_KEY', 'mailbox owner private key does not match its public key')
  }
  const timestamp = BigInt(now)
  const nonce = randomBytes(PROOF_NONCE_LENGTH)
  return {
    deviceKey: Uint8Array.from(owner.publicKey),
    timestamp,
    nonce: Uint8Array.from(nonce),
    signature: Uint8Array.from(sign(DOMAINS[op], proofPayload(relay, timestamp, nonce, body), privateKey)),
  }
}

/**
 * Check a key proof on the relay: the key is a point, the time within
 * ±{@link PROOF_MAX_SKEW_MS} of `now`, and the signature covers this relay,
 * this operation and this body. Replays inside the window are the caller's
 * (a replay cache) to refuse.
 */
export function verifyKeyProof(op: ProofOperation, proof: KeyProofPb, relay: PeerId, body: Uint8Array, now: number): ProofVerdict {
  if (!isValidPublicKey(proof.deviceKey) || proof.nonce.length !== PROOF_NONCE_LENGTH) return 'forbidden'
  const skew = proof.timestamp - BigInt(now)
  if (skew > BigInt(PROOF_MAX_SKEW_MS) || skew < -BigInt(PROOF_MAX_SKEW_MS)) return 'stale'
  return verify(DOMAINS[op], proofPayload(relay, proof.timestamp, proof.nonce, body), proof.signature, proof.deviceKey) ? 'ok' : 'forbidden'
}

/** The signed form of one uploaded prekey: u32be(id) ‖ public key. */
export function prekeyProofItem(prekey: { readonly id: number; readonly publicKey: Uint8Array }): Uint8Array {
  const item = new Uint8Array(4 + prekey.publicKey.length)
  new DataView(item.buffer).setUint32(0, prekey.id)
  item.set(prekey.publicKey, 4)
  return item
}

function u16(n: number): Uint8Array {
  const b = new Uint8Array(2)
  new DataView(b.buffer).setUint16(0, n)
  return b
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
