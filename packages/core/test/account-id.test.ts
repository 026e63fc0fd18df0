import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { bech32, bech32m } from '@scure/base'
import * as secp from '@noble/secp256k1'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { encodeAccountId, decodeAccountId, parseAccountId, ACCOUNT_ID_PREFIX, isXchatError, type XchatErrorCode } from '../src/index.js'
import { publicKeyOf } from '../src/crypto/index.js'
import { expectXchatError, thrownBy } from './expect-error.js'

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
const key = publicKeyOf(hexToBytes('5a'.repeat(32)))
const id = encodeAccountId(key)

/** 32 random bytes that are a valid secp256k1 private key. */
const privateKeys = fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((k) => secp.utils.isValidSecretKey(k))

describe('encodeAccountId', () => {
  it('encodes a public key as lower-case bech32m with the prefix xc1', () => {
    expect(ACCOUNT_ID_PREFIX).toBe('xc')
    expect(id).toMatch(/^xc1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{59}$/u)
    expect(bech32m.decode(id).prefix).toBe('xc')
  })

  it('round-trips through decodeAccountId', () => {
    expect(bytesToHex(decodeAccountId(id))).toBe(bytesToHex(key))
  })

  it('round-trips any valid public key', () => {
    fc.assert(
      fc.property(privateKeys, (priv) => {
        const pub = publicKeyOf(priv)
        const encoded = encodeAccountId(pub)
        expect(bytesToHex(decodeAccountId(encoded))).toBe(bytesToHex(pub))
        expect(parseAccountId(encoded.toUpperCase())).toBe(encoded)
      }),
    )
  })

  it.each([
    ['33 zero bytes', new Uint8Array(33)],
    ['a 32-byte x coordinate', key.slice(1)],
    ['a 65-byte uncompressed key', secp.getPublicKey(hexToBytes('5a'.repeat(32)), false)],
    ['an x coordinate not on the curve', hexToBytes(`02${'ff'.repeat(32)}`)],
    ['a bad prefix byte', Uint8Array.from([0x04, ...key.slice(1)])],
    ['no bytes', new Uint8Array(0)],
  ])('refuses %s with INVALID_KEY', (_, bytes) => {
    expectXchatError(() => encodeAccountId(bytes), 'INVALID_KEY')
  })
})

describe('decodeAccountId', () => {
  it('accepts the upper-case form and canonicalises to lower case', () => {
    expect(bytesToHex(decodeAccountId(id.toUpperCase()))).toBe(bytesToHex(key))
    expect(parseAccountId(id.toUpperCase())).toBe(id)
    expect(parseAccountId(id)).toBe(id)
  })

  it('trims surrounding whitespace', () => {
    expect(parseAccountId(`  ${id}\n`)).toBe(id)
  })

  it('rejects mixed case with ACCOUNT_ID_FORMAT', () => {
    expectXchatError(() => decodeAccountId(`XC1${id.slice(3)}`), 'ACCOUNT_ID_FORMAT')
    expectXchatError(() => decodeAccountId(`${id.slice(0, -1)}${id.slice(-1).toUpperCase()}`), 'ACCOUNT_ID_FORMAT')
  })

  it.each([
    ['an empty string', ''],
    ['no separator', 'xcqqqqqqqqqq'],
    ['nothing before the separator', `1${id.slice(3)}`],
    ['an inner space', `${id.slice(0, 10)} ${id.slice(10)}`],
    ['a non-ASCII character', `${id.slice(0, 10)}é${id.slice(11)}`],
    ['more than 90 characters', `xc1${'q'.repeat(88)}`],
  ])('rejects %s with ACCOUNT_ID_FORMAT', (_, text) => {
    expectXchatError(() => decodeAccountId(text), 'ACCOUNT_ID_FORMAT')
  })

  it.each(['b', 'i', 'o', '1'])('rejects a data part containing "%s", which bech32 never uses, with ACCOUNT_ID_FORMAT', (c) => {
    expectXchatError(() => decodeAccountId(`${id.slice(0, 20)}${c}${id.slice(21)}`), 'ACCOUNT_ID_FORMAT')
  })

  it('rejects a valid bech32m string with another prefix with ACCOUNT_ID_PREFIX', () => {
    for (const prefix of ['xd', 'bc', 'x', 'xcx', 'cx']) {
      const other = bech32m.encode(prefix, bech32m.toWords(key))
      expectXchatError(() => decodeAccountId(other), 'ACCOUNT_ID_PREFIX')
    }
  })

  it('rejects a valid bech32m string whose prefix merely begins with xc1 with ACCOUNT_ID_FORMAT', () => {
    for (const prefix of ['xc1zz', 'xc1', 'xc1xc']) {
      const other = bech32m.encode(prefix, bech32m.toWords(key))
      expectXchatError(() => decodeAccountId(other), 'ACCOUNT_ID_FORMAT')
    }
  })

  it('rejects the same key encoded as bech32 (not bech32m) with ACCOUNT_ID_CHECKSUM', () => {
    expectXchatError(() => decodeAccountId(bech32.encode('xc', bech32.toWords(key))), 'ACCOUNT_ID_CHECKSUM')
  })

  it('detects every single-character substitution after the separator', () => {
    const codes = new Set<XchatErrorCode>()
    let tried = 0
    for (let pos = id.indexOf('1') + 1; pos < id.length; pos++) {
      for (const c of CHARSET) {
        if (c === id[pos]) continue
        const typo = `${id.slice(0, pos)}${c}${id.slice(pos + 1)}`
        const err = thrownBy(() => decodeAccountId(typo))
        if (!isXchatError(err)) throw new Error(`substitution at ${pos} by "${c}" was not detected: ${typo}`)
        codes.add(err.code)
        tried++
      }
    }
    expect(tried).toBe((id.length - 3) * 31)
    expect([...codes].every((c) => c === 'ACCOUNT_ID_CHECKSUM' || c === 'ACCOUNT_ID_FORMAT')).toBe(true)
  })

  it('detects every swap of two neighbouring characters after the separator', () => {
    for (let pos = 3; pos < id.length - 1; pos++) {
      if (id[pos] === id[pos + 1]) continue
      const swapped = `${id.slice(0, pos)}${id[pos + 1] ?? ''}${id[pos] ?? ''}${id.slice(pos + 2)}`
      expectXchatError(() => decodeAccountId(swapped), 'ACCOUNT_ID_CHECKSUM')
    }
  })

  it('rejects a dropped or doubled character', () => {
    for (const typo of [`${id.slice(0, 10)}${id.slice(11)}`, `${id.slice(0, 10)}${id.slice(10)}${id.slice(-1)}`]) {
      const err = thrownBy(() => decodeAccountId(typo))
      expect(isXchatError(err, 'ACCOUNT_ID_CHECKSUM') || isXchatError(err, 'ACCOUNT_ID_LENGTH')).toBe(true)
    }
  })

  it.each([0, 1, 20, 32, 34, 40])('rejects a well-formed ID holding %i bytes with ACCOUNT_ID_LENGTH', (length) => {
    const bytes = new Uint8Array(length).fill(2)
    expectXchatError(() => decodeAccountId(bech32m.encode('xc', bech32m.toWords(bytes))), 'ACCOUNT_ID_LENGTH')
  })

  it('rejects an ID whose 33 bytes are not a valid public key with INVALID_KEY', () => {
    for (const bytes of [new Uint8Array(33), hexToBytes(`02${'ff'.repeat(32)}`), Uint8Array.from([0x05, ...key.slice(1)])]) {
      expectXchatError(() => decodeAccountId(bech32m.encode('xc', bech32m.toWords(bytes))), 'INVALID_KEY')
    }
  })

  it('throws only XchatError for any string', () => {
    const bech32ish = fc.string({ unit: fc.constantFrom(...CHARSET, '1'), maxLength: 70 }).map((s) => `xc1${s}`)
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), bech32ish), (text) => {
        const err = thrownBy(() => decodeAccountId(text))
        if (err === undefined) expect(encodeAccountId(decodeAccountId(text))).toBe(text.trim().toLowerCase())
        else expect(isXchatError(err)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('never leaks the whole input into an error message', () => {
    const long = `zz1${'q'.repeat(80)}`
    const err = expectXchatError(() => decodeAccountId(long), 'ACCOUNT_ID_PREFIX')
    expect(err.message).not.toContain(long)
  })
})
