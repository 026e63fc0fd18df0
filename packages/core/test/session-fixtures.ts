import * as secp from '@noble/secp256k1'
import { expect } from 'vitest'
import {
  generateSignedPrekey,
  generateOneTimePrekeys,
  initiateSession,
  respondToPrekeyMessage,
  encrypt,
  decrypt,
  serializeSession,
  type IdentityKeyPair,
  type PrekeyLookup,
  type SignedPrekeyPair,
  type OneTimePrekeyPair,
  type SessionState,
  type SessionCiphertext,
} from '../src/index.js'

/** A fixed clock for tests: 2025-01-01T00:00:00Z. */
export const NOW = Date.UTC(2025, 0, 1)

const text = new TextEncoder()
const untext = new TextDecoder()
export const utf8 = (s: string): Uint8Array => text.encode(s)
export const str = (b: Uint8Array): string => untext.decode(b)

/** A device identity key pair (random here; real ones come from the seed, see identity/). */
export function newDevice(): IdentityKeyPair {
  const privateKey = secp.utils.randomSecretKey()
  return { privateKey, publicKey: secp.getPublicKey(privateKey, true) }
}

/** A device's prekey store, in memory, with one signed prekey and `oneTime` one-time prekeys. */
export class MemoryPrekeys implements PrekeyLookup {
  readonly signed: SignedPrekeyPair
  readonly oneTime = new Map<number, OneTimePrekeyPair>()

  constructor(identity: IdentityKeyPair, oneTime = 4, signedId = 1) {
    this.signed = generateSignedPrekey(identity.privateKey, signedId, NOW)
    for (const k of generateOneTimePrekeys(oneTime, 100)) this.oneTime.set(k.id, k)
  }

  signedPrekey(id: number): SignedPrekeyPair | undefined {
    return id === this.signed.id ? this.signed : undefined
  }

  oneTimePrekey(id: number): OneTimePrekeyPair | undefined {
    return this.oneTime.get(id)
  }

  /** The next one-time prekey to hand out, if any. */
  nextOneTime(): OneTimePrekeyPair | undefined {
    return this.oneTime.values().next().value
  }
}

/** Two devices with a session: Alice started it and Bob accepted her first message. */
export interface Pair {
  readonly alice: IdentityKeyPair
  readonly bob: IdentityKeyPair
  readonly bobPrekeys: MemoryPrekeys
  a: SessionState
  b: SessionState
}

/** Alice initiates, sends `first`, Bob responds; optionally without a one-time prekey. */
export function startPair(opts: { oneTime?: boolean; first?: string } = {}): Pair {
  const alice = newDevice()
  const bob = newDevice()
  const bobPrekeys = new MemoryPrekeys(bob)
  const opk = opts.oneTime === false ? undefined : bobPrekeys.nextOneTime()
  const { state } = initiateSession({
    ourIdentity: alice,
    theirIdentity: bob.publicKey,
    theirSignedPrekey: bobPrekeys.signed.toPublic(),
    ...(opk === undefined ? {} : { theirOneTimePrekey: opk.toPublic() }),
  })
  const sent = encrypt(state, utf8(opts.first ?? 'hello bob'))
  expect(sent.message.type).toBe('prekey')
  const got = respondToPrekeyMessage({ ourIdentity: bob, message: sent.message.bytes, prekeys: bobPrekeys, now: NOW })
  expect(str(got.plaintext)).toBe(opts.first ?? 'hello bob')
  if (got.usedOneTimePrekeyId !== undefined) bobPrekeys.oneTime.delete(got.usedOneTimePrekeyId)
  return { alice, bob, bobPrekeys, a: sent.state, b: got.state }
}

/** Send from one side; returns the message and stores the new sender state through `set`. */
export function send(from: SessionState, text: string, set: (s: SessionState) => void): SessionCiphertext {
  const { state, message } = encrypt(from, utf8(text))
  set(state)
  return message
}

/** Decrypt on `to`, store the new state, return the text. */
export function receive(to: SessionState, message: SessionCiphertext, set: (s: SessionState) => void, now = NOW): string {
  const { state, plaintext } = decrypt(to, message, now)
  set(state)
  return str(plaintext)
}

/** The persisted bytes of a state: equal bytes mean an unchanged state. */
export function snapshot(state: SessionState): Uint8Array {
  return serializeSession(state)
}

/** Deterministic shuffle for reproducible out-of-order tests. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items]
  let x = seed >>> 0 || 1
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    const j = (x >>> 0) % (i + 1)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}
