/** Sealing at rest in one buffer, with nonces from the pool. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { bytesToHex } from '@noble/hashes/utils.js'
import { open, randomNonce, sealJoined, NONCE_LENGTH, TAG_LENGTH } from '../src/crypto/index.js'

const key = new Uint8Array(32).fill(7)
const split = (b: Uint8Array): { nonce: Uint8Array; ciphertext: Uint8Array } => ({
  nonce: b.subarray(0, NONCE_LENGTH),
  ciphertext: b.subarray(NONCE_LENGTH),
})

describe('aead: sealJoined', () => {
  it('opens with open() after splitting off the nonce, for any plaintext and aad', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 40 }), (plaintext, aad) => {
        const sealed = sealJoined(key, plaintext, aad)
        expect(sealed.length).toBe(NONCE_LENGTH + plaintext.length + TAG_LENGTH)
        expect(open(key, split(sealed), aad)).toEqual(plaintext)
      }),
      { numRuns: 300 },
    )
  })

  it('does not open under another aad, or with one bit flipped', () => {
    const sealed = sealJoined(key, Uint8Array.of(1, 2, 3), Uint8Array.of(9))
    expect(open(key, split(sealed), Uint8Array.of(8))).toBeUndefined()
    const flipped = Uint8Array.from(sealed)
    flipped[NONCE_LENGTH] = (flipped[NONCE_LENGTH] ?? 0) ^ 1
    expect(open(key, split(flipped), Uint8Array.of(9))).toBeUndefined()
  })

  it('never repeats a nonce across pool refills', () => {
    const seen = new Set<string>()
    // 24-byte nonces from a 4 KiB pool: 1,000 of them span several refills
    for (let i = 0; i < 1000; i++) seen.add(bytesToHex(split(sealJoined(key, new Uint8Array(0))).nonce))
    expect(seen.size).toBe(1000)
  })

  it('hands out pool bytes once', () => {
    const a = randomNonce(new Uint8Array(NONCE_LENGTH))
    const b = randomNonce(new Uint8Array(NONCE_LENGTH))
    expect(bytesToHex(a)).not.toBe(bytesToHex(b))
    expect(() => randomNonce(new Uint8Array(5000))).toThrow(RangeError)
  })
})
