import { describe, it, expect } from 'vitest'
import * as secp from '@noble/secp256k1'
import {
  initiateSession,
  respondToPrekeyMessage,
  encrypt,
  generateSignedPrekey,
  generateOneTimePrekeys,
  verifySignedPrekey,
  SignedPrekeyPair,
  OneTimePrekeyPair,
  encodePrekeyBundle,
  decodePrekeyBundle,
  sessionLimits,
  deriveDeviceKey,
  mnemonicToSeed,
  parseMnemonic,
  type SignedPrekey,
  type InitiateSessionInit,
} from '../src/index.js'
import { PreKeyMessagePb, RatchetMessagePb, RatchetHeaderPb } from '../src/wire/index.js'
import { expectXchatError } from './expect-error.js'
import { MemoryPrekeys, newDevice, startPair, utf8, str, NOW } from './session-fixtures.js'

/** Byte strings that are not compressed secp256k1 points. */
const INVALID_POINTS: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['32 bytes', new Uint8Array(32).fill(1)],
  ['uncompressed 65 bytes', secp.getPublicKey(secp.utils.randomSecretKey(), false)],
  ['all zero', new Uint8Array(33)],
  ['bad prefix', Uint8Array.of(0x04, ...new Uint8Array(32).fill(1))],
  // x = 5: x³ + 7 = 132 is not a square mod p, so no point has this x
  ['x not on the curve', Uint8Array.of(0x02, ...new Uint8Array(31), 5)],
  ['x ≥ p', Uint8Array.of(0x02, ...new Uint8Array(32).fill(0xff))],
]

function setup(oneTime = 2) {
  const alice = newDevice()
  const bob = newDevice()
  const prekeys = new MemoryPrekeys(bob, oneTime)
  const init: InitiateSessionInit = {
    ourIdentity: alice,
    theirIdentity: bob.publicKey,
    theirSignedPrekey: prekeys.signed.toPublic(),
    ...(oneTime > 0 ? { theirOneTimePrekey: (prekeys.nextOneTime() as OneTimePrekeyPair).toPublic() } : {}),
  }
  return { alice, bob, prekeys, init }
}

/** A first message from Alice to Bob, as bytes. */
function firstMessage(init: InitiateSessionInit, text = 'hello'): Uint8Array {
  const { state } = initiateSession(init)
  return encrypt(state, utf8(text)).message.bytes
}

describe('X3DH handshake', () => {
  it('agrees on a session with a one-time prekey and reports it as used', () => {
    const { bob, prekeys, init } = setup()
    const message = firstMessage(init)
    const got = respondToPrekeyMessage({ ourIdentity: bob, message, prekeys, now: NOW })
    expect(str(got.plaintext)).toBe('hello')
    expect(got.usedOneTimePrekeyId).toBe(init.theirOneTimePrekey?.id)
    expect(got.theirIdentity).toEqual(init.ourIdentity.publicKey)
    expect(got.state.role).toBe('responder')
    expect(got.state.baseKey).toEqual(PreKeyMessagePb.decode(message).baseKey)
  })

  it('falls back to the signed prekey alone when no one-time prekey is left (last resort)', () => {
    const { bob, prekeys, init } = setup(0)
    const got = respondToPrekeyMessage({ ourIdentity: bob, message: firstMessage(init, 'last resort'), prekeys, now: NOW })
    expect(str(got.plaintext)).toBe('last resort')
    expect(got.usedOneTimePrekeyId).toBeUndefined()
    expect(PreKeyMessagePb.decode(firstMessage(init)).oneTimePrekeyId).toBeUndefined()
  })

  it('uses fresh random ephemeral and ratchet keys for every session', () => {
    const { init } = setup()
    const one = initiateSession(init).state
    const two = initiateSession(init).state
    expect(one.baseKey).not.toEqual(two.baseKey)
    expect(one.sendingRatchetKey?.publicKey).toBeDefined()
    expect(one.sendingRatchetKey?.publicKey).not.toEqual(two.sendingRatchetKey?.publicKey)
    expect(one.rootKey).not.toEqual(two.rootKey)
  })

  it('aborts with BAD_SIGNATURE when the signed prekey is signed by another key', () => {
    const { init } = setup()
    const mallory = newDevice()
    const forged = generateSignedPrekey(mallory.privateKey, 1, NOW).toPublic()
    expectXchatError(() => initiateSession({ ...init, theirSignedPrekey: forged }), 'BAD_SIGNATURE')
  })

  it('aborts with BAD_SIGNATURE when any part of the signed prekey was tampered with', () => {
    const { init } = setup()
    const spk = init.theirSignedPrekey
    const flipped = Uint8Array.from(spk.signature)
    flipped[10] = (flipped[10] as number) ^ 1
    const tampered: SignedPrekey[] = [
      { ...spk, publicKey: newDevice().publicKey },
      { ...spk, id: spk.id + 1 },
      { ...spk, createdAt: spk.createdAt + 1 },
      { ...spk, signature: flipped },
      { ...spk, signature: new Uint8Array(64) },
      { ...spk, signature: spk.signature.slice(0, 63) },
    ]
    for (const theirSignedPrekey of tampered) {
      expectXchatError(() => initiateSession({ ...init, theirSignedPrekey }), 'BAD_SIGNATURE')
    }
  })

  it('rejects invalid curve points for every key it is given with INVALID_KEY', () => {
    const { init } = setup()
    for (const [, bad] of INVALID_POINTS) {
      expectXchatError(() => initiateSession({ ...init, theirIdentity: bad }), 'INVALID_KEY')
      expectXchatError(() => initiateSession({ ...init, theirSignedPrekey: { ...init.theirSignedPrekey, publicKey: bad } }), 'INVALID_KEY')
      expectXchatError(() => initiateSession({ ...init, theirOneTimePrekey: { id: 1, publicKey: bad } }), 'INVALID_KEY')
      expectXchatError(() => verifySignedPrekey(init.theirSignedPrekey, bad), 'INVALID_KEY')
    }
  })

  it('rejects our own identity pair when the keys do not match, and a session with ourselves', () => {
    const { init, bob } = setup()
    expectXchatError(() => initiateSession({ ...init, ourIdentity: { ...init.ourIdentity, publicKey: bob.publicKey } }), 'INVALID_KEY')
    expectXchatError(
      () => initiateSession({ ...init, ourIdentity: { ...init.ourIdentity, privateKey: new Uint8Array(32) } }),
      'INVALID_KEY',
    )
    expectXchatError(() => initiateSession({ ...init, ourIdentity: bob }), 'INVALID_KEY')
  })

  it('rejects invalid points in a PreKeyMessage (identity, base and ratchet keys) with INVALID_KEY', () => {
    const { bob, prekeys, init } = setup()
    const pb = PreKeyMessagePb.decode(firstMessage(init))
    const inner = RatchetMessagePb.decode(pb.message)
    const header = RatchetHeaderPb.decode(inner.header)
    for (const [, bad] of INVALID_POINTS) {
      const badHeader = RatchetHeaderPb.encode({ ...header, ratchetKey: Uint8Array.from(bad) })
      const variants = [
        { ...pb, identityKey: Uint8Array.from(bad) },
        { ...pb, baseKey: Uint8Array.from(bad) },
        { ...pb, message: RatchetMessagePb.encode({ ...inner, header: badHeader }) },
      ]
      for (const v of variants) {
        expectXchatError(
          () => respondToPrekeyMessage({ ourIdentity: bob, message: PreKeyMessagePb.encode(v), prekeys, now: NOW }),
          'INVALID_KEY',
        )
      }
    }
  })

  it('refuses an unknown signed prekey id and a used one-time prekey with BAD_PREKEY', () => {
    const { bob, prekeys, init } = setup()
    const message = firstMessage(init)
    const pb = PreKeyMessagePb.decode(message)
    expectXchatError(
      () => respondToPrekeyMessage({ ourIdentity: bob, message: PreKeyMessagePb.encode({ ...pb, signedPrekeyId: 99 }), prekeys, now: NOW }),
      'BAD_PREKEY',
    )
    const got = respondToPrekeyMessage({ ourIdentity: bob, message, prekeys, now: NOW })
    prekeys.oneTime.delete(got.usedOneTimePrekeyId as number)
    // a replay of the first message cannot start a second session: its one-time prekey is gone
    expectXchatError(() => respondToPrekeyMessage({ ourIdentity: bob, message, prekeys, now: NOW }), 'BAD_PREKEY')
  })

  it('does not decrypt when the PreKeyMessage claims another initiator identity', () => {
    const { bob, prekeys, init } = setup()
    const pb = PreKeyMessagePb.decode(firstMessage(init))
    const claimed = PreKeyMessagePb.encode({ ...pb, identityKey: Uint8Array.from(newDevice().publicKey) })
    expectXchatError(() => respondToPrekeyMessage({ ourIdentity: bob, message: claimed, prekeys, now: NOW }), 'DECRYPT_FAILED')
  })

  it('does not decrypt at a device that is not the intended responder', () => {
    const { prekeys, init } = setup()
    const carol = newDevice()
    expectXchatError(() => respondToPrekeyMessage({ ourIdentity: carol, message: firstMessage(init), prekeys, now: NOW }), 'DECRYPT_FAILED')
  })

  it('does not decrypt when the one-time prekey id is swapped for another of ours', () => {
    const { bob, prekeys, init } = setup(3)
    const pb = PreKeyMessagePb.decode(firstMessage(init))
    const other = [...prekeys.oneTime.keys()].find((id) => id !== pb.oneTimePrekeyId) as number
    const swapped = PreKeyMessagePb.encode({ ...pb, oneTimePrekeyId: other })
    expectXchatError(() => respondToPrekeyMessage({ ourIdentity: bob, message: swapped, prekeys, now: NOW }), 'DECRYPT_FAILED')
    const dropped = PreKeyMessagePb.encode({ ...pb, oneTimePrekeyId: undefined })
    expectXchatError(() => respondToPrekeyMessage({ ourIdentity: bob, message: dropped, prekeys, now: NOW }), 'DECRYPT_FAILED')
  })

  it('works with device keys derived from the words', () => {
    const seed = mnemonicToSeed(
      parseMnemonic('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'),
    )
    const a = deriveDeviceKey(seed, 0)
    const b = deriveDeviceKey(seed, 1)
    const alice = { publicKey: a.publicKey, privateKey: a.privateKey() }
    const bob = { publicKey: b.publicKey, privateKey: b.privateKey() }
    const prekeys = new MemoryPrekeys(bob, 0)
    const { state } = initiateSession({ ourIdentity: alice, theirIdentity: bob.publicKey, theirSignedPrekey: prekeys.signed.toPublic() })
    const { message } = encrypt(state, utf8('to my other device'))
    expect(str(respondToPrekeyMessage({ ourIdentity: bob, message: message.bytes, prekeys, now: NOW }).plaintext)).toBe(
      'to my other device',
    )
  })
})

describe('prekeys', () => {
  it('signs a signed prekey with the identity key under its own domain', () => {
    const bob = newDevice()
    const spk = generateSignedPrekey(bob.privateKey, 7, NOW)
    expect(spk.id).toBe(7)
    expect(spk.createdAt).toBe(NOW)
    expect(spk.publicKey).toHaveLength(33)
    expect(() => verifySignedPrekey(spk.toPublic(), bob.publicKey)).not.toThrow()
    expectXchatError(() => verifySignedPrekey(spk.toPublic(), newDevice().publicKey), 'BAD_SIGNATURE')
  })

  it('generates random one-time prekeys with consecutive ids', () => {
    const keys = generateOneTimePrekeys(5, 2 ** 32 - 5)
    expect(keys.map((k) => k.id)).toEqual([2 ** 32 - 5, 2 ** 32 - 4, 2 ** 32 - 3, 2 ** 32 - 2, 2 ** 32 - 1])
    expect(new Set(keys.map((k) => Buffer.from(k.publicKey).toString('hex'))).size).toBe(5)
    expect(generateOneTimePrekeys(0, 0)).toEqual([])
  })

  it('checks its arguments with RangeError', () => {
    const bob = newDevice()
    expect(() => generateSignedPrekey(bob.privateKey, -1, NOW)).toThrow(RangeError)
    expect(() => generateSignedPrekey(bob.privateKey, 2 ** 32, NOW)).toThrow(RangeError)
    expect(() => generateSignedPrekey(bob.privateKey, 1, -5)).toThrow(RangeError)
    expect(() => generateOneTimePrekeys(-1, 0)).toThrow(RangeError)
    expect(() => generateOneTimePrekeys(2, 2 ** 32 - 1)).toThrow(RangeError)
    expectXchatError(() => generateSignedPrekey(new Uint8Array(32), 1, NOW), 'INVALID_KEY')
  })

  it('keeps private keys out of JSON and inspection, and restores a pair only with its own private key', () => {
    const bob = newDevice()
    const spk = generateSignedPrekey(bob.privateKey, 1, NOW)
    const [opk] = generateOneTimePrekeys(1, 1) as [OneTimePrekeyPair]
    for (const pair of [spk, opk]) {
      const hex = Buffer.from(pair.privateKey()).toString('hex')
      expect(JSON.stringify(pair)).not.toContain(hex)
      expect(JSON.stringify(pair.toPublic())).not.toContain(hex)
    }
    expect(new SignedPrekeyPair(spk.toPublic(), spk.privateKey()).publicKey).toEqual(spk.publicKey)
    expectXchatError(() => new SignedPrekeyPair(spk.toPublic(), opk.privateKey()), 'INVALID_KEY')
    expectXchatError(() => new OneTimePrekeyPair(opk.toPublic(), spk.privateKey()), 'INVALID_KEY')
  })

  it('round-trips a prekey bundle and verifies it against the identity key', () => {
    const bob = newDevice()
    const prekeys = new MemoryPrekeys(bob, 3)
    const bundle = { signedPrekey: prekeys.signed.toPublic(), oneTimePrekeys: [...prekeys.oneTime.values()].map((k) => k.toPublic()) }
    const bytes = encodePrekeyBundle(bundle)
    const back = decodePrekeyBundle(bytes, bob.publicKey)
    expect(back.signedPrekey).toEqual(bundle.signedPrekey)
    expect(back.oneTimePrekeys).toEqual(bundle.oneTimePrekeys)
    expectXchatError(() => decodePrekeyBundle(bytes, newDevice().publicKey), 'BAD_SIGNATURE')
    // a session starts from what the bundle gave
    const alice = newDevice()
    const { state } = initiateSession({
      ourIdentity: alice,
      theirIdentity: bob.publicKey,
      theirSignedPrekey: back.signedPrekey,
      ...(back.oneTimePrekeys[0] ? { theirOneTimePrekey: back.oneTimePrekeys[0] } : {}),
    })
    const { message } = encrypt(state, utf8('via bundle'))
    expect(str(respondToPrekeyMessage({ ourIdentity: bob, message: message.bytes, prekeys, now: NOW }).plaintext)).toBe('via bundle')
  })

  it('limits a bundle to MAX_ONE_TIME_PREKEYS_PER_BUNDLE and refuses duplicate ids', () => {
    const bob = newDevice()
    const spk = generateSignedPrekey(bob.privateKey, 1, NOW).toPublic()
    const many = generateOneTimePrekeys(sessionLimits.MAX_ONE_TIME_PREKEYS_PER_BUNDLE + 1, 0).map((k) => k.toPublic())
    expectXchatError(() => encodePrekeyBundle({ signedPrekey: spk, oneTimePrekeys: many }), 'TOO_LARGE')
    const one = many[0] as { id: number; publicKey: Uint8Array }
    const dup = encodePrekeyBundle({ signedPrekey: spk, oneTimePrekeys: [one, one] })
    expectXchatError(() => decodePrekeyBundle(dup, bob.publicKey), 'MALFORMED')
  })
})

describe('a session from the fixture', () => {
  it('starts with the initiator pending and the responder not', () => {
    const p = startPair()
    expect(p.a.pending).toBe(true)
    expect(p.b.pending).toBe(false)
    expect(p.a.baseKey).toEqual(p.b.baseKey)
    expect(p.a.associatedData()).toEqual(p.b.associatedData())
  })
})
