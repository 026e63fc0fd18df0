import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import * as secp from '@noble/secp256k1'
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { MAILBOX_EPOCH_MS, epochOf, isXchatError, mailboxIdFor, mailboxIdsFor, openEnvelope, sealEnvelope } from '../src/index.js'
import { generateKeyPair } from '../src/crypto/index.js'
import { SealedEnvelopePb, limits } from '../src/wire/index.js'
import { expectXchatError } from './expect-error.js'

const DAY = MAILBOX_EPOCH_MS

/** Does `haystack` contain `needle` anywhere? */
function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return bytesToHex(haystack).includes(bytesToHex(needle))
}

describe('sealed envelopes', () => {
  it('opens what was sealed to the device, for any bytes', () => {
    const device = generateKeyPair()
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (inner) => {
        expect(openEnvelope(device.privateKey, sealEnvelope(device.publicKey, inner))).toEqual(inner)
      }),
      { numRuns: 100 },
    )
  })

  it('opens the largest mail allowed and refuses one byte more', () => {
    const device = generateKeyPair()
    const inner = new Uint8Array(limits.MAX_SEALED_PLAINTEXT_BYTES).fill(7)
    const sealed = sealEnvelope(device.publicKey, inner)
    expect(sealed.length).toBeLessThanOrEqual(limits.MAX_ENVELOPE_BYTES)
    expect(openEnvelope(device.privateKey, sealed)).toEqual(inner)
    expectXchatError(() => sealEnvelope(device.publicKey, new Uint8Array(limits.MAX_SEALED_PLAINTEXT_BYTES + 1)), 'TOO_LARGE')
  })

  it('follows docs/protocol/mailbox.md step by step (ECDH x → HKDF salt EPK‖RPK → XChaCha20-Poly1305, AD u32be(1))', () => {
    const device = generateKeyPair()
    const inner = utf8ToBytes('hello from the spec')
    const pb = SealedEnvelopePb.decode(sealEnvelope(device.publicKey, inner))
    expect(pb.version).toBe(1)
    const shared = secp.getSharedSecret(device.privateKey, pb.ephemeralKey, true).slice(1)
    const key = hkdf(sha256, shared, concatBytes(pb.ephemeralKey, device.publicKey), utf8ToBytes('xchat/mailbox-seal/v1'), 32)
    const plain = xchacha20poly1305(key, pb.nonce, new Uint8Array([0, 0, 0, 1])).decrypt(pb.ciphertext)
    expect(plain).toEqual(inner)
  })

  it('uses a fresh ephemeral key and nonce for every envelope', () => {
    const device = generateKeyPair()
    const a = SealedEnvelopePb.decode(sealEnvelope(device.publicKey, new Uint8Array(10)))
    const b = SealedEnvelopePb.decode(sealEnvelope(device.publicKey, new Uint8Array(10)))
    expect(a.ephemeralKey).not.toEqual(b.ephemeralKey)
    expect(a.nonce).not.toEqual(b.nonce)
    expect(a.ciphertext).not.toEqual(b.ciphertext)
  })

  it('carries neither the plaintext nor any key but the ephemeral one', () => {
    const sender = generateKeyPair()
    const device = generateKeyPair()
    // inner bytes that name the sender, as a messaging envelope does
    const text = utf8ToBytes('meet me at the station at nine, this is secret')
    const inner = concatBytes(sender.publicKey, text)
    const sealed = sealEnvelope(device.publicKey, inner)
    expect(contains(sealed, sender.publicKey)).toBe(false)
    expect(contains(sealed, sender.publicKey.subarray(1))).toBe(false)
    expect(contains(sealed, device.publicKey.subarray(1))).toBe(false)
    expect(contains(sealed, text.subarray(0, 8))).toBe(false)
    // only overhead on top of the inner length: the size is all a relay learns
    expect(sealed.length - inner.length).toBeLessThanOrEqual(128)
  })

  it('refuses to open with another device key (DECRYPT_FAILED)', () => {
    const device = generateKeyPair()
    const stranger = generateKeyPair()
    const sealed = sealEnvelope(device.publicKey, utf8ToBytes('for the device only'))
    expectXchatError(() => openEnvelope(stranger.privateKey, sealed), 'DECRYPT_FAILED')
  })

  it('gives a typed error for every single-byte change', () => {
    const device = generateKeyPair()
    const sealed = sealEnvelope(device.publicKey, utf8ToBytes('do not touch'))
    for (let i = 0; i < sealed.length; i++) {
      const tampered = Uint8Array.from(sealed)
      tampered[i] = (tampered[i] ?? 0) ^ 0x01
      let thrown: unknown
      try {
        openEnvelope(device.privateKey, tampered)
      } catch (err) {
        thrown = err
      }
      expect(isXchatError(thrown), `byte ${i}`).toBe(true)
    }
  })

  it('gives only typed errors for random bytes', () => {
    const device = generateKeyPair()
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          openEnvelope(device.privateKey, bytes)
        } catch (err) {
          expect(isXchatError(err)).toBe(true)
          return
        }
        throw new Error('random bytes opened')
      }),
      { numRuns: 2000 },
    )
  })

  it('names the version problem first', () => {
    const device = generateKeyPair()
    const pb = SealedEnvelopePb.decode(sealEnvelope(device.publicKey, new Uint8Array(3)))
    expectXchatError(() => openEnvelope(device.privateKey, SealedEnvelopePb.encode({ ...pb, version: 2 })), 'VERSION_TOO_NEW')
    expectXchatError(() => openEnvelope(device.privateKey, SealedEnvelopePb.encode({ ...pb, version: 0 })), 'VERSION_TOO_OLD')
  })

  it('refuses an oversized envelope before parsing it', () => {
    const device = generateKeyPair()
    expectXchatError(() => openEnvelope(device.privateKey, new Uint8Array(limits.MAX_ENVELOPE_BYTES + 1)), 'TOO_LARGE')
  })

  it('refuses a recipient key that is not a curve point', () => {
    const offCurve = new Uint8Array(33)
    offCurve[0] = 2 // x = 0: y² = 7 has no root mod p
    expectXchatError(() => sealEnvelope(offCurve, new Uint8Array(1)), 'INVALID_KEY')
    expectXchatError(() => sealEnvelope(generateKeyPair().publicKey.subarray(1), new Uint8Array(1)), 'INVALID_KEY')
  })
})

describe('mailbox ids', () => {
  const pub = hexToBytes('031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f') // private key 0x01 × 32

  it('matches the golden vector SHA-256("xchat/mailbox-id/v1" ‖ key ‖ u32be(epoch))', () => {
    expect(bytesToHex(mailboxIdFor(pub, 20417))).toBe('db335a7cdbc2088b94ef83e3b65fca10df75b47f878e869e630f67fcb858d862')
    expect(bytesToHex(mailboxIdFor(pub, 0))).toBe('049764a3b1a7f82c7bc89e67427353eedfbef15d32a036306e39af7e4817689f')
  })

  it('rotates daily (UTC) and differs per device', () => {
    const t = Date.UTC(2025, 10, 25, 23, 59, 59, 999)
    expect(epochOf(t + 1)).toBe(epochOf(t) + 1)
    expect(mailboxIdFor(pub, epochOf(t))).not.toEqual(mailboxIdFor(pub, epochOf(t + 1)))
    expect(mailboxIdFor(pub, 5)).not.toEqual(mailboxIdFor(generateKeyPair().publicKey, 5))
  })

  it('lists 30 days back, today and tomorrow, oldest first', () => {
    const now = Date.UTC(2025, 10, 25, 12)
    const ids = mailboxIdsFor(pub, now)
    expect(ids).toHaveLength(32)
    expect(ids[0]).toEqual(mailboxIdFor(pub, epochOf(now - 30 * DAY)))
    expect(ids.at(-2)).toEqual(mailboxIdFor(pub, epochOf(now)))
    expect(ids.at(-1)).toEqual(mailboxIdFor(pub, epochOf(now) + 1))
    expect(ids.length).toBeLessThanOrEqual(limits.MAX_FETCH_MAILBOX_IDS)
  })

  it('checks its arguments', () => {
    expectXchatError(() => mailboxIdFor(new Uint8Array(33), 1), 'INVALID_KEY')
    expect(() => mailboxIdFor(pub, -1)).toThrow(RangeError)
    expect(() => mailboxIdFor(pub, 2 ** 32)).toThrow(RangeError)
    expect(() => epochOf(Number.NaN)).toThrow(RangeError)
  })
})
