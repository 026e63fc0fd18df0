import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { createECDH, createHmac, hkdfSync } from 'node:crypto'
import * as secp from '@noble/secp256k1'
import { ecdh } from '../src/crypto/index.js'
import { x3dhSecret, kdfRoot, kdfChain, sealMessage, openMessage } from '../src/session/kdf.js'
import { encodeRatchetHeader, encodeRatchetMessage, encodePreKeyMessage } from '../src/session/messages.js'
import { signedPrekeyBytes } from '../src/session/prekeys.js'
import { respondToPrekeyMessage, SignedPrekeyPair, OneTimePrekeyPair, type PrekeyLookup } from '../src/index.js'
import { expectXchatError } from './expect-error.js'
import vectors from './vectors/session.json' with { type: 'json' }

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'))
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const k = vectors.keys

describe('session golden vectors (test/vectors/session.json)', () => {
  it('ECDH is the x-coordinate of the shared point', () => {
    expect(toHex(ecdh(hex(k.aliceIdentity.priv), hex(k.bobSignedPrekey.pub)))).toBe(vectors.x3dh.dh1)
    expect(toHex(ecdh(hex(k.aliceEphemeral.priv), hex(k.bobIdentity.pub)))).toBe(vectors.x3dh.dh2)
    expect(toHex(ecdh(hex(k.aliceEphemeral.priv), hex(k.bobSignedPrekey.pub)))).toBe(vectors.x3dh.dh3)
    expect(toHex(ecdh(hex(k.aliceEphemeral.priv), hex(k.bobOneTimePrekey.pub)))).toBe(vectors.x3dh.dh4)
    // and the responder computes the same from its side
    expect(toHex(ecdh(hex(k.bobSignedPrekey.priv), hex(k.aliceIdentity.pub)))).toBe(vectors.x3dh.dh1)
    expect(toHex(ecdh(hex(k.bobOneTimePrekey.priv), hex(k.aliceEphemeral.pub)))).toBe(vectors.x3dh.dh4)
  })

  it('X3DH SK with and without the one-time prekey', () => {
    const x = vectors.x3dh
    expect(toHex(x3dhSecret([x.dh1, x.dh2, x.dh3, x.dh4].map(hex)))).toBe(x.sk)
    expect(toHex(x3dhSecret([x.dh1, x.dh2, x.dh3].map(hex)))).toBe(x.skWithoutOneTimePrekey)
  })

  it('KDF_RK and KDF_CK', () => {
    const r = kdfRoot(hex(vectors.kdfRoot.rootKey), hex(vectors.kdfRoot.dhOutput))
    expect(toHex(r.rootKey)).toBe(vectors.kdfRoot.nextRootKey)
    expect(toHex(r.chainKey)).toBe(vectors.kdfRoot.chainKey)
    const c = kdfChain(hex(vectors.kdfChain.chainKey))
    expect(toHex(c.messageKey)).toBe(vectors.kdfChain.messageKey)
    expect(toHex(c.chainKey)).toBe(vectors.kdfChain.nextChainKey)
  })

  it('message encryption under a message key', () => {
    const m = vectors.firstMessage
    expect(toHex(sealMessage(hex(m.messageKey), hex(m.plaintext), hex(m.ad)))).toBe(m.ciphertext)
    expect(toHex(openMessage(hex(m.messageKey), hex(m.ciphertext), hex(m.ad)) as Uint8Array)).toBe(m.plaintext)
    expect(openMessage(hex(m.messageKey), hex(m.ciphertext), new Uint8Array(0))).toBeUndefined()
  })

  it('wire encodings', () => {
    const w = vectors.wire
    expect(toHex(encodeRatchetHeader({ ...w.header, ratchetKey: hex(w.header.ratchetKey) }))).toBe(w.header.bytes)
    expect(toHex(encodeRatchetMessage(hex(w.firstHeader), hex(vectors.firstMessage.ciphertext)))).toBe(w.ratchetMessage)
    const pk = { identityKey: hex(k.aliceIdentity.pub), baseKey: hex(k.aliceEphemeral.pub), signedPrekeyId: 1 }
    expect(toHex(encodePreKeyMessage({ ...pk, oneTimePrekeyId: 100 }, hex(w.ratchetMessage)))).toBe(w.prekeyMessage)
    expect(toHex(encodePreKeyMessage(pk, hex(w.ratchetMessage)))).toBe(w.prekeyMessageWithoutOneTimePrekey)
    const s = vectors.signedPrekeyBytes
    expect(toHex(signedPrekeyBytes({ ...s, publicKey: hex(s.publicKey) }))).toBe(s.bytes)
  })

  it('the responder decrypts the golden first message (the whole derivation, end to end)', () => {
    const bob = { privateKey: hex(k.bobIdentity.priv), publicKey: hex(k.bobIdentity.pub) }
    const spk = new SignedPrekeyPair(
      { id: 1, publicKey: hex(k.bobSignedPrekey.pub), createdAt: 0, signature: new Uint8Array(64) },
      hex(k.bobSignedPrekey.priv),
    )
    const opk = new OneTimePrekeyPair({ id: 100, publicKey: hex(k.bobOneTimePrekey.pub) }, hex(k.bobOneTimePrekey.priv))
    const prekeys: PrekeyLookup = {
      signedPrekey: (id) => (id === 1 ? spk : undefined),
      oneTimePrekey: (id) => (id === 100 ? opk : undefined),
    }
    const got = respondToPrekeyMessage({ ourIdentity: bob, message: hex(vectors.wire.prekeyMessage), prekeys, now: 0 })
    expect(toHex(got.plaintext)).toBe(vectors.firstMessage.plaintext)
    expect(got.usedOneTimePrekeyId).toBe(100)
    expect(toHex(got.theirIdentity)).toBe(k.aliceIdentity.pub)
    // without DH4 the secret differs, so the same ciphertext does not open
    expectXchatError(
      () => respondToPrekeyMessage({ ourIdentity: bob, message: hex(vectors.wire.prekeyMessageWithoutOneTimePrekey), prekeys, now: 0 }),
      'DECRYPT_FAILED',
    )
  })
})

describe('session KDFs against node:crypto', () => {
  const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 })

  it('ECDH matches node:crypto computeSecret', () => {
    const secret = key32.filter((b) => secp.utils.isValidSecretKey(b))
    fc.assert(
      fc.property(secret, secret, (a, b) => {
        const theirs = secp.getPublicKey(b, true)
        const node = createECDH('secp256k1')
        node.setPrivateKey(Buffer.from(a))
        expect(ecdh(a, theirs)).toEqual(Uint8Array.from(node.computeSecret(Buffer.from(theirs))))
      }),
      { numRuns: 20 },
    )
  })

  it('KDF_RK is HKDF-SHA256(salt = RK, ikm = DH, info) and KDF_CK is HMAC-SHA256 with 0x01/0x02', () => {
    fc.assert(
      fc.property(key32, key32, (rk, dh) => {
        const ours = kdfRoot(rk, dh)
        const node = Buffer.from(hkdfSync('sha256', dh, rk, 'xchat/ratchet/root/v1', 64))
        expect(ours.rootKey).toEqual(Uint8Array.from(node.subarray(0, 32)))
        expect(ours.chainKey).toEqual(Uint8Array.from(node.subarray(32)))
        const c = kdfChain(rk)
        expect(c.messageKey).toEqual(Uint8Array.from(createHmac('sha256', rk).update(Buffer.of(1)).digest()))
        expect(c.chainKey).toEqual(Uint8Array.from(createHmac('sha256', rk).update(Buffer.of(2)).digest()))
      }),
      { numRuns: 50 },
    )
  })
})
