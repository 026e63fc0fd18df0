/**
 * Sender keys (as in Signal's group messaging): every member device has one
 * chain per group epoch — a symmetric ratchet (KDF_CK of the Double Ratchet)
 * and a Schnorr signing key. The sender encrypts a message once; every member
 * holding the chain's distribution can decrypt it and check who signed it.
 */
import * as secp from '@noble/secp256k1'
import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { XchatError } from '../errors.js'
import { hkdfSha256, hmacSha256, randomBytes } from '../crypto/index.js'
import { GroupMessagePb, decodeBounded, checkVersion } from '../wire/index.js'
import {
  CHAIN_ID_LENGTH,
  GROUP_MESSAGE_VERSION,
  MAX_FORWARD_JUMP,
  MAX_GROUP_MESSAGE_BYTES,
  MAX_SKIPPED_KEYS,
  MESSAGE_KEY_INFO,
  MESSAGE_SIG_DOMAIN,
} from './constants.js'

const NONCE_LENGTH = 24
const MESSAGE_KEY_CONSTANT = Uint8Array.of(0x01)
const CHAIN_KEY_CONSTANT = Uint8Array.of(0x02)

/** One sender chain. `signingPrivateKey` is set only on the device that owns (sends on) it. */
export interface SenderChain {
  readonly chainId: Uint8Array
  /** The iteration `chainKey` derives next. */
  readonly iteration: number
  readonly chainKey: Uint8Array
  /** 32-byte BIP-340 x-only public key. */
  readonly signingKey: Uint8Array
  readonly signingPrivateKey?: Uint8Array
  /** Message keys of iterations skipped over, kept to decrypt late arrivals (at most MAX_SKIPPED_KEYS). */
  readonly skipped: ReadonlyMap<number, Uint8Array>
}

/** A chain's public part as distributed over the 1:1 sessions. */
export interface SenderKeyDistribution {
  readonly chainId: Uint8Array
  readonly iteration: number
  readonly chainKey: Uint8Array
  readonly signingKey: Uint8Array
}

/** A parsed GroupMessage (signature not yet checked: that needs the chain). */
export interface GroupMessage {
  readonly chainId: Uint8Array
  readonly iteration: number
  readonly nonce: Uint8Array
  readonly ciphertext: Uint8Array
  readonly signature: Uint8Array
  /** Relay hint (ms since the Unix epoch): a disappearing message's copies are dropped after it. */
  readonly keepUntil?: number
}

/** A fresh chain for this device (random chain key, chain id and signing key). */
export function createSenderChain(): SenderChain {
  const signingPrivateKey = secp.utils.randomSecretKey()
  return {
    chainId: randomBytes(CHAIN_ID_LENGTH),
    iteration: 0,
    chainKey: randomBytes(32),
    signingKey: secp.schnorr.getPublicKey(signingPrivateKey),
    signingPrivateKey,
    skipped: new Map(),
  }
}

/** What other members need to read this chain from its current iteration on (never the signing private key). */
export function distributionOf(chain: SenderChain): SenderKeyDistribution {
  return { chainId: chain.chainId, iteration: chain.iteration, chainKey: chain.chainKey, signingKey: chain.signingKey }
}

/** A receiving chain from a distribution. */
export function chainFromDistribution(d: SenderKeyDistribution): SenderChain {
  if (d.chainId.length !== CHAIN_ID_LENGTH || d.chainKey.length !== 32 || d.signingKey.length !== 32)
    throw new XchatError('MALFORMED', 'a sender key distribution is malformed')
  return { chainId: d.chainId, iteration: d.iteration, chainKey: d.chainKey, signingKey: d.signingKey, skipped: new Map() }
}

/**
 * Encrypt and sign one payload on our own chain; the chain moves one step.
 * @param ad - the group id: a chain's messages cannot be replayed into another group
 */
export function encryptOnChain(
  chain: SenderChain,
  plaintext: Uint8Array,
  ad: Uint8Array,
  options: { readonly keepUntil?: number } = {},
): { chain: SenderChain; bytes: Uint8Array } {
  if (chain.signingPrivateKey === undefined) throw new TypeError('"chain" is a receiving chain; only its owner sends on it')
  const step = kdfChain(chain.chainKey)
  const nonce = randomBytes(NONCE_LENGTH)
  const ciphertext = xchacha20poly1305(aeadKey(step.messageKey), nonce, ad).encrypt(plaintext)
  const signature = secp.schnorr.sign(signedBytes(chain.chainId, chain.iteration, nonce, ciphertext), chain.signingPrivateKey)
  const bytes = GroupMessagePb.encode({
    version: GROUP_MESSAGE_VERSION,
    chainId: Uint8Array.from(chain.chainId),
    iteration: chain.iteration,
    nonce: Uint8Array.from(nonce),
    ciphertext: Uint8Array.from(ciphertext),
    signature: Uint8Array.from(signature),
    // a disappearing message: relays drop their copy when it is gone everywhere else
    keepUntil: BigInt(options.keepUntil ?? 0),
  })
  return { chain: { ...chain, iteration: chain.iteration + 1, chainKey: step.chainKey }, bytes }
}

/**
 * Parse a GroupMessage from the fan-out.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_*
 */
export function parseGroupMessage(bytes: Uint8Array): GroupMessage {
  const pb = decodeBounded('group message', bytes, MAX_GROUP_MESSAGE_BYTES, (b) => GroupMessagePb.decode(b))
  checkVersion('group message', pb.version, { min: GROUP_MESSAGE_VERSION, max: GROUP_MESSAGE_VERSION })
  if (pb.chainId.length !== CHAIN_ID_LENGTH || pb.nonce.length !== NONCE_LENGTH || pb.signature.length !== 64)
    throw new XchatError('MALFORMED', 'a group message has a malformed chain id, nonce or signature')
  const keepUntil = pb.keepUntil > 0n && pb.keepUntil <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(pb.keepUntil) : undefined
  return {
    chainId: pb.chainId,
    iteration: pb.iteration,
    nonce: pb.nonce,
    ciphertext: pb.ciphertext,
    signature: pb.signature,
    ...(keepUntil === undefined ? {} : { keepUntil }),
  }
}

/**
 * The relay hint of an encoded GroupMessage: when a disappearing message's
 * copies are to be dropped (ms since the Unix epoch); undefined when it has
 * none or the bytes are not a group message (a relay cannot judge those).
 */
export function keepUntilOf(bytes: Uint8Array): number | undefined {
  try {
    return parseGroupMessage(bytes).keepUntil
  } catch {
    return undefined
  }
}

/**
 * Check the signature and decrypt a message of a receiving chain; returns the
 * chain moved past it (skipped keys kept, bounded).
 * @throws XchatError BAD_SIGNATURE | DUPLICATE_MESSAGE (iteration already used) | TOO_MANY_SKIPPED | DECRYPT_FAILED
 */
export function decryptOnChain(chain: SenderChain, m: GroupMessage, ad: Uint8Array): { chain: SenderChain; plaintext: Uint8Array } {
  let valid = false
  try {
    valid = secp.schnorr.verify(m.signature, signedBytes(m.chainId, m.iteration, m.nonce, m.ciphertext), chain.signingKey)
  } catch {
    valid = false
  }
  if (!valid) throw new XchatError('BAD_SIGNATURE', 'the group message is not signed by its sender chain')
  let messageKey: Uint8Array
  let next: SenderChain
  if (m.iteration < chain.iteration) {
    const kept = chain.skipped.get(m.iteration)
    if (kept === undefined) throw new XchatError('DUPLICATE_MESSAGE', 'this iteration of the chain was used already')
    const skipped = new Map(chain.skipped)
    skipped.delete(m.iteration)
    messageKey = kept
    next = { ...chain, skipped }
  } else {
    if (m.iteration - chain.iteration > MAX_FORWARD_JUMP)
      throw new XchatError('TOO_MANY_SKIPPED', `the message is more than ${MAX_FORWARD_JUMP} iterations ahead`)
    const skipped = new Map(chain.skipped)
    let chainKey = chain.chainKey
    for (let i = chain.iteration; i < m.iteration; i++) {
      const step = kdfChain(chainKey)
      skipped.set(i, step.messageKey)
      chainKey = step.chainKey
    }
    // bounded: the oldest skipped keys go first
    while (skipped.size > MAX_SKIPPED_KEYS) skipped.delete(skipped.keys().next().value as number)
    const step = kdfChain(chainKey)
    messageKey = step.messageKey
    next = { ...chain, iteration: m.iteration + 1, chainKey: step.chainKey, skipped }
  }
  let plaintext: Uint8Array
  try {
    plaintext = xchacha20poly1305(aeadKey(messageKey), m.nonce, ad).decrypt(m.ciphertext)
  } catch (cause) {
    throw new XchatError('DECRYPT_FAILED', 'the group message does not decrypt', { cause })
  }
  return { chain: next, plaintext }
}

/** KDF_CK: message key = HMAC(ck, 0x01), next chain key = HMAC(ck, 0x02). */
function kdfChain(chainKey: Uint8Array): { chainKey: Uint8Array; messageKey: Uint8Array } {
  return { messageKey: hmacSha256(chainKey, MESSAGE_KEY_CONSTANT), chainKey: hmacSha256(chainKey, CHAIN_KEY_CONSTANT) }
}

function aeadKey(messageKey: Uint8Array): Uint8Array {
  return hkdfSha256(messageKey, undefined, MESSAGE_KEY_INFO, 32)
}

function signedBytes(chainId: Uint8Array, iteration: number, nonce: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const it = new Uint8Array(4)
  new DataView(it.buffer).setUint32(0, iteration)
  return sha256(
    concatBytes(utf8ToBytes(MESSAGE_SIG_DOMAIN), Uint8Array.of(0, GROUP_MESSAGE_VERSION), chainId, it, nonce, sha256(ciphertext)),
  )
}
