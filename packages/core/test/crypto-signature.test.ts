import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { isValidPublicKey, publicKeyOf, sign, verify } from '../src/crypto/index.js'

describe('public key checks', () => {
  it('accepts real keys again and again (the cached path) and refuses off-curve bytes every time', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
        let priv = seed
        if (priv.every((b) => b === 0)) priv = Uint8Array.of(1, ...priv.subarray(1))
        let key: Uint8Array
        try {
          key = publicKeyOf(priv)
        } catch {
          return // not a scalar in range: nothing to check
        }
        expect(isValidPublicKey(key)).toBe(true)
        expect(isValidPublicKey(key)).toBe(true)
        // the same x with a prefix that is no compressed point
        const bad = Uint8Array.from(key)
        bad[0] = 0x05
        expect(isValidPublicKey(bad)).toBe(false)
        expect(isValidPublicKey(bad)).toBe(false)
      }),
      { numRuns: 200 },
    )
  })

  it('refuses x-coordinates that are not on the curve, wrong lengths and the all-zero key', () => {
    // x = 5 has no square root of x³+7 mod p on secp256k1
    const offCurve = new Uint8Array(33)
    offCurve[0] = 0x02
    offCurve[32] = 5
    expect(isValidPublicKey(offCurve)).toBe(false)
    expect(isValidPublicKey(offCurve)).toBe(false)
    expect(isValidPublicKey(new Uint8Array(33))).toBe(false)
    expect(isValidPublicKey(new Uint8Array(32).fill(2))).toBe(false)
    expect(isValidPublicKey(new Uint8Array(65).fill(4))).toBe(false)
  })

  it('a signature made for one domain does not verify under another', () => {
    const priv = new Uint8Array(32).fill(7)
    const pub = publicKeyOf(priv)
    const payload = new TextEncoder().encode('payload')
    const sig = sign('xchat/test/a', payload, priv)
    expect(verify('xchat/test/a', payload, sig, pub)).toBe(true)
    expect(verify('xchat/test/b', payload, sig, pub)).toBe(false)
  })
})
