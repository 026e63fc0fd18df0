import { equalBytes } from '@noble/ciphers/utils.js'
import { XchatError } from '../errors.js'
import { ecdh, generateKeyPair, isValidPublicKey, isValidPrivateKey, publicKeyOf, type KeyPair } from '../crypto/index.js'
import { SessionState } from './session-state.js'
import { x3dhSecret, kdfRoot } from './kdf.js'
import { verifySignedPrekey, type SignedPrekey, type OneTimePrekey, type SignedPrekeyPair, type OneTimePrekeyPair } from './prekeys.js'
import { parsePreKeyMessage, type ParsedPreKeyMessage } from './messages.js'
import { decryptParsed, ratchetStep } from './ratchet.js'

/**
 * A device's identity key pair: the device key (see identity/hd-keys.ts), which
 * the peer knows from the device certificate. Holds a secret: never log it.
 */
export interface IdentityKeyPair {
  readonly publicKey: Uint8Array
  readonly privateKey: Uint8Array
}

/** What {@link initiateSession} needs: our device key and the peer device's published keys. */
export interface InitiateSessionInit {
  readonly ourIdentity: IdentityKeyPair
  /** The peer's device key, taken from its verified device certificate. */
  readonly theirIdentity: Uint8Array
  readonly theirSignedPrekey: SignedPrekey
  /** Omit when the peer has none left: the handshake then runs on the signed prekey alone (last resort). */
  readonly theirOneTimePrekey?: OneTimePrekey
}

/** The result of {@link initiateSession}: persist `state`, then `encrypt` the first message with it. */
export interface InitiatedSession {
  readonly state: SessionState
}

/** Where the responder finds its prekeys by id (an in-memory map serves tests). */
export interface PrekeyLookup {
  signedPrekey(id: number): SignedPrekeyPair | undefined
  oneTimePrekey(id: number): OneTimePrekeyPair | undefined
}

/** What {@link respondToPrekeyMessage} needs. */
export interface RespondInit {
  readonly ourIdentity: IdentityKeyPair
  /** PreKeyMessage bytes. */
  readonly message: Uint8Array
  readonly prekeys: PrekeyLookup
  /** ms since the Unix epoch */
  readonly now: number
  /** extra associated data the sender passed to `encrypt` */
  readonly ad?: Uint8Array
}

/**
 * The result of {@link respondToPrekeyMessage}. Check `theirIdentity` against
 * the sender's device certificate, persist `state`, then delete the one-time
 * prekey `usedOneTimePrekeyId` (it must never serve a second handshake).
 */
export interface RespondedSession {
  readonly state: SessionState
  readonly plaintext: Uint8Array
  readonly theirIdentity: Uint8Array
  readonly usedOneTimePrekeyId?: number
}

/**
 * Start a session with a peer device (X3DH §3.3, initiator side). Verifies the
 * signed prekey first and aborts if it is not signed by `theirIdentity`.
 *
 * DH1 = DH(IK_A, SPK_B), DH2 = DH(EK_A, IK_B), DH3 = DH(EK_A, SPK_B), DH4 = DH(EK_A, OPK_B);
 * SK = HKDF(F ‖ DH1 ‖ DH2 ‖ DH3 [‖ DH4]). Then Double Ratchet §3.3 RatchetInitAlice
 * with SPK_B as the peer's first ratchet key.
 * @throws XchatError INVALID_KEY (any key not a curve point, our pair inconsistent, or a session with ourselves) | BAD_SIGNATURE
 * @example
 * const { state } = initiateSession({ ourIdentity, theirIdentity, theirSignedPrekey, theirOneTimePrekey })
 * const { state: next, message } = encrypt(state, utf8ToBytes('hello'))
 */
export function initiateSession(init: InitiateSessionInit): InitiatedSession {
  const { ourIdentity, theirIdentity, theirSignedPrekey: spk, theirOneTimePrekey: opk } = init
  assertOurIdentity(ourIdentity)
  verifySignedPrekey(spk, theirIdentity)
  assertDistinct(ourIdentity.publicKey, theirIdentity)
  if (opk !== undefined && !isValidPublicKey(opk.publicKey)) {
    throw new XchatError('INVALID_KEY', 'one-time prekey is not a compressed secp256k1 point')
  }
  // EK and the first ratchet key are random: nothing here derives from the seed
  const ephemeral = generateKeyPair()
  const dh = [
    ecdh(ourIdentity.privateKey, spk.publicKey, 'signed prekey'),
    ecdh(ephemeral.privateKey, theirIdentity, 'identity key'),
    ecdh(ephemeral.privateKey, spk.publicKey, 'signed prekey'),
  ]
  if (opk !== undefined) dh.push(ecdh(ephemeral.privateKey, opk.publicKey, 'one-time prekey'))
  const sk = x3dhSecret(dh)
  wipe(ephemeral.privateKey, ...dh)

  // RatchetInitAlice: DHs = fresh pair, DHr = SPK_B, (RK, CKs) = KDF_RK(SK, DH(DHs, DHr))
  const sendingRatchetKey = generateKeyPair()
  const { rootKey, chainKey } = kdfRoot(sk, ecdh(sendingRatchetKey.privateKey, spk.publicKey, 'signed prekey'))
  const state = new SessionState({
    role: 'initiator',
    localIdentityKey: ourIdentity.publicKey,
    remoteIdentityKey: theirIdentity,
    baseKey: ephemeral.publicKey,
    rootKey,
    sendingRatchetKey,
    remoteRatchetKey: spk.publicKey,
    sendingChain: { key: chainKey, counter: 0 },
    previousCounter: 0,
    skipped: [],
    handshakePrekeys: { signedPrekeyId: spk.id, ...(opk === undefined ? {} : { oneTimePrekeyId: opk.id }) },
    pending: true,
  })
  return { state }
}

/**
 * Accept a session a peer started (X3DH §3.4, responder side) and decrypt its
 * first message. Nothing is kept unless the message decrypts, so a forged
 * PreKeyMessage costs the caller no state. The one-time prekey is not deleted
 * here: the caller deletes `usedOneTimePrekeyId` after persisting the state.
 * @throws XchatError MALFORMED | TOO_LARGE | VERSION_* | INVALID_KEY | BAD_PREKEY (unknown or used prekey id) |
 *   TOO_MANY_SKIPPED | DECRYPT_FAILED
 */
export function respondToPrekeyMessage(init: RespondInit): RespondedSession {
  return respondToParsed(init, parsePreKeyMessage(init.message))
}

/** {@link respondToPrekeyMessage} for an already parsed message. */
export function respondToParsed(init: Omit<RespondInit, 'message'>, msg: ParsedPreKeyMessage): RespondedSession {
  const { ourIdentity, prekeys, now, ad } = init
  assertOurIdentity(ourIdentity)
  assertDistinct(ourIdentity.publicKey, msg.identityKey)
  const spk = prekeys.signedPrekey(msg.signedPrekeyId)
  if (spk === undefined) throw new XchatError('BAD_PREKEY', `no signed prekey with id ${msg.signedPrekeyId}`)
  const opk = msg.oneTimePrekeyId === undefined ? undefined : prekeys.oneTimePrekey(msg.oneTimePrekeyId)
  if (msg.oneTimePrekeyId !== undefined && opk === undefined) {
    // used already (a replay) or never ours
    throw new XchatError('BAD_PREKEY', `no one-time prekey with id ${msg.oneTimePrekeyId}`)
  }
  const dh = [
    ecdh(spk.privateKey(), msg.identityKey, 'identity key'),
    ecdh(ourIdentity.privateKey, msg.baseKey, 'base key'),
    ecdh(spk.privateKey(), msg.baseKey, 'base key'),
  ]
  if (opk !== undefined) dh.push(ecdh(opk.privateKey(), msg.baseKey, 'base key'))
  const sk = x3dhSecret(dh)
  wipe(...dh)

  // RatchetInitBob (DHs = SPK_B, RK = SK), then at once the DH ratchet step for the
  // initiator's first ratchet key, so SPK_B's private key never enters the state
  const signedPrekeyPair: KeyPair = { publicKey: spk.publicKey, privateKey: spk.privateKey() }
  const bob = new SessionState({
    role: 'responder',
    localIdentityKey: ourIdentity.publicKey,
    remoteIdentityKey: msg.identityKey,
    baseKey: msg.baseKey,
    rootKey: sk,
    sendingRatchetKey: signedPrekeyPair,
    remoteRatchetKey: msg.message.header.ratchetKey,
    sendingChain: { key: new Uint8Array(32), counter: 0 },
    previousCounter: 0,
    skipped: [],
    handshakePrekeys: { signedPrekeyId: spk.id, ...(opk === undefined ? {} : { oneTimePrekeyId: opk.id }) },
    pending: false,
  })
  const started = ratchetStep(bob, msg.message.header.ratchetKey)
  const { state, plaintext } = decryptParsed(started, msg.message, now, ad)
  return {
    state,
    plaintext,
    theirIdentity: msg.identityKey,
    ...(opk === undefined ? {} : { usedOneTimePrekeyId: opk.id }),
  }
}

function assertOurIdentity(identity: IdentityKeyPair): void {
  if (!isValidPrivateKey(identity.privateKey) || !equalBytes(publicKeyOf(identity.privateKey), identity.publicKey)) {
    throw new XchatError('INVALID_KEY', 'our identity private key does not match its public key')
  }
}

function assertDistinct(ours: Uint8Array, theirs: Uint8Array): void {
  if (!isValidPublicKey(theirs)) throw new XchatError('INVALID_KEY', 'their identity key is not a compressed secp256k1 point')
  if (equalBytes(ours, theirs)) throw new XchatError('INVALID_KEY', 'a session needs two different devices')
}

function wipe(...secrets: Uint8Array[]): void {
  for (const s of secrets) s.fill(0)
}
