import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import * as secp from '@noble/secp256k1'
import { hexToBytes } from '@noble/hashes/utils.js'
import { safetyNumber, SAFETY_NUMBER_ITERATIONS } from '../src/index.js'
import { publicKeyOf } from '../src/crypto/index.js'
import { expectXchatError } from './expect-error.js'

/** secp256k1 public key of the private key `n` (1 → the generator G). */
function keyOf(n: number): Uint8Array {
  return publicKeyOf(hexToBytes(n.toString(16).padStart(64, '0')))
}

const a = keyOf(1)
const b = keyOf(2)
const c = keyOf(3)

/** The safety number of the public keys of private keys 1 and 2. A change here is a protocol change. */
const GOLDEN_1_2 = '43054 98047 05742 69380 02418 28727 98278 50816 80028 92318 46173 93435'

describe('safetyNumber', () => {
  it('is the same whichever side computes it', () => {
    expect(safetyNumber(a, b)).toEqual(safetyNumber(b, a))
  })

  it('has 60 digits in 12 groups of 5', () => {
    const sn = safetyNumber(a, b)
    expect(sn.groups).toHaveLength(12)
    for (const group of sn.groups) expect(group).toMatch(/^\d{5}$/u)
    expect(sn.digits).toBe(sn.groups.join(' '))
    expect(sn.digits).toMatch(/^\d{5}( \d{5}){11}$/u)
    expect(sn.digits.replaceAll(' ', '')).toHaveLength(60)
  })

  it('gives a QR text of xchat-sn:1: followed by the 60 digits', () => {
    const sn = safetyNumber(a, b)
    expect(sn.qr.startsWith('xchat-sn:1:')).toBe(true)
    expect(sn.qr).toBe(`xchat-sn:1:${sn.groups.join('')}`)
  })

  it('matches the golden value for two fixed keys', () => {
    expect(SAFETY_NUMBER_ITERATIONS).toBe(5200)
    expect(safetyNumber(a, b).digits).toBe(GOLDEN_1_2)
    expect(safetyNumber(b, a).qr).toBe(`xchat-sn:1:${GOLDEN_1_2.replaceAll(' ', '')}`)
  })

  it('differs for different pairs', () => {
    const ab = safetyNumber(a, b).digits
    expect(safetyNumber(a, c).digits).not.toBe(ab)
    expect(safetyNumber(b, c).digits).not.toBe(ab)
    expect(safetyNumber(a, c).digits).not.toBe(safetyNumber(b, c).digits)
  })

  it('keeps one half per account, so a shared account shows the same half in both numbers', () => {
    const ab = safetyNumber(a, b).digits.replaceAll(' ', '')
    const ac = safetyNumber(a, c).digits.replaceAll(' ', '')
    const halves = (s: string): string[] => [s.slice(0, 30), s.slice(30)]
    expect(halves(ab).filter((h) => halves(ac).includes(h))).toHaveLength(1)
  })

  it('is symmetric for random key pairs', () => {
    const key = fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .filter((k) => secp.utils.isValidSecretKey(k))
      .map((k) => publicKeyOf(k))
    fc.assert(
      fc.property(key, key, (x, y) => {
        expect(safetyNumber(x, y).digits).toBe(safetyNumber(y, x).digits)
      }),
      { numRuns: 5 },
    )
  })

  it('rejects a key that is not a compressed point with INVALID_KEY', () => {
    expectXchatError(() => safetyNumber(new Uint8Array(33), b), 'INVALID_KEY')
    expectXchatError(() => safetyNumber(a, a.slice(1)), 'INVALID_KEY')
    expectXchatError(() => safetyNumber(a, secp.getPublicKey(hexToBytes('01'.padStart(64, '0')), false)), 'INVALID_KEY')
  })
})
