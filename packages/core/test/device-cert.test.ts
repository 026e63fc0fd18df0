import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import {
  parseMnemonic,
  mnemonicToSeed,
  deriveAccountKey,
  deriveDeviceKey,
  issueDeviceCertificate,
  verifyDeviceCertificate,
  encodeDeviceCertificate,
  decodeDeviceCertificate,
  CERTIFICATE_VERSION,
  CERTIFICATE_DOMAIN,
  isXchatError,
  type DeviceCertificate,
} from '../src/index.js'
import { sign } from '../src/crypto/index.js'
import { DeviceCertificatePb, limits } from '../src/wire/index.js'
import { expectXchatError, thrownBy } from './expect-error.js'

const CREATED_AT = 1700000000000
const seed = mnemonicToSeed(parseMnemonic('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'))
const account = deriveAccountKey(seed)
const device0 = deriveDeviceKey(seed, 0)
const device1 = deriveDeviceKey(seed, 1)
const cert = issueDeviceCertificate(account.privateKey(), device0.publicKey, 0, CREATED_AT)

const otherSeed = mnemonicToSeed(parseMnemonic('legal winner thank year wave sausage worth useful legal winner thank yellow'))
const otherAccount = deriveAccountKey(otherSeed)

/**
 * Encoded certificate for the "abandon … about" account, device 0, created 1700000000000.
 * ECDSA here is deterministic (RFC 6979), so these bytes never change: a change is a protocol change.
 */
const GOLDEN_CERT_HEX =
  '08011221033a1eaa44eb9c3051c4d220c8c26b40e33678a5b072db8df0f0266e2021e74b731a2103ddaa10d4f3bf24c712df864f5db39f33eb29693e4c97bd547fb81dae52147ebb2880d095ffbc313240990e881733d815e3c9624d68cdfe750874d7aed5e9737212cf1c47ebf95746f51fa939ed621d98b4d4db0e59e7206efc04b9b6572d3fef15b0325135b5d26e6d'

/** The protobuf of `cert` with some fields replaced, bypassing issueDeviceCertificate's checks. */
function encodeWith(changes: Partial<DeviceCertificatePb>): Uint8Array {
  return DeviceCertificatePb.encode({
    version: cert.version,
    accountPublicKey: Uint8Array.from(cert.accountPublicKey),
    devicePublicKey: Uint8Array.from(cert.devicePublicKey),
    deviceIndex: cert.deviceIndex,
    createdAt: BigInt(cert.createdAt),
    signature: Uint8Array.from(cert.signature),
    ...changes,
  })
}

/** A certificate's fields as comparable plain values. */
function summary(c: DeviceCertificate): Record<string, string | number> {
  return {
    version: c.version,
    accountPublicKey: bytesToHex(c.accountPublicKey),
    devicePublicKey: bytesToHex(c.devicePublicKey),
    deviceIndex: c.deviceIndex,
    createdAt: c.createdAt,
    signature: bytesToHex(c.signature),
  }
}

function flipBit(bytes: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  const copy = Uint8Array.from(bytes)
  copy[index] = (copy[index] ?? 0) ^ 1
  return copy
}

describe('issueDeviceCertificate', () => {
  it('issues a version-1 certificate from the account key for the device key', () => {
    expect(CERTIFICATE_VERSION).toBe(1)
    expect(CERTIFICATE_DOMAIN).toBe('xchat/device-cert/v1')
    expect(cert.version).toBe(CERTIFICATE_VERSION)
    expect(bytesToHex(cert.accountPublicKey)).toBe(bytesToHex(account.publicKey))
    expect(bytesToHex(cert.devicePublicKey)).toBe(bytesToHex(device0.publicKey))
    expect(cert.deviceIndex).toBe(0)
    expect(cert.createdAt).toBe(CREATED_AT)
    expect(cert.signature).toHaveLength(64)
    expect(() => verifyDeviceCertificate(cert, account.publicKey)).not.toThrow()
  })

  it('encodes to the golden bytes', () => {
    expect(bytesToHex(encodeDeviceCertificate(cert))).toBe(GOLDEN_CERT_HEX)
    expect(limits.MAX_DEVICE_CERTIFICATE_BYTES).toBeGreaterThanOrEqual(GOLDEN_CERT_HEX.length / 2)
  })

  it.each([-1, 2 ** 31, 0.5])('throws RangeError for device index %s', (index) => {
    expect(() => issueDeviceCertificate(account.privateKey(), device0.publicKey, index, CREATED_AT)).toThrow(RangeError)
  })

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('throws RangeError for creation time %s', (createdAt) => {
    expect(() => issueDeviceCertificate(account.privateKey(), device0.publicKey, 0, createdAt)).toThrow(RangeError)
  })
})

describe('encodeDeviceCertificate and decodeDeviceCertificate', () => {
  it('round-trip a certificate', () => {
    const decoded = decodeDeviceCertificate(encodeDeviceCertificate(cert))
    expect(decoded.version).toBe(cert.version)
    expect(bytesToHex(decoded.accountPublicKey)).toBe(bytesToHex(cert.accountPublicKey))
    expect(bytesToHex(decoded.devicePublicKey)).toBe(bytesToHex(cert.devicePublicKey))
    expect(decoded.deviceIndex).toBe(cert.deviceIndex)
    expect(decoded.createdAt).toBe(cert.createdAt)
    expect(bytesToHex(decoded.signature)).toBe(bytesToHex(cert.signature))
  })

  it('decodes the golden bytes for the expected account', () => {
    const decoded = decodeDeviceCertificate(hexToBytes(GOLDEN_CERT_HEX), account.publicKey)
    expect(bytesToHex(decoded.devicePublicKey)).toBe(bytesToHex(device0.publicKey))
  })

  it('round-trips certificates for any device index and creation time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (index, createdAt) => {
        const c = issueDeviceCertificate(account.privateKey(), device1.publicKey, index, createdAt)
        const decoded = decodeDeviceCertificate(encodeDeviceCertificate(c), account.publicKey)
        expect(decoded.deviceIndex).toBe(index)
        expect(decoded.createdAt).toBe(createdAt)
      }),
      { numRuns: 30 },
    )
  })

  it('rejects a certificate whose signature was changed with BAD_CERTIFICATE', () => {
    for (const i of [0, 31, 32, 63]) {
      expectXchatError(() => decodeDeviceCertificate(encodeWith({ signature: flipBit(cert.signature, i) })), 'BAD_CERTIFICATE')
    }
  })

  it('rejects a certificate whose signature is missing or the wrong length with BAD_CERTIFICATE', () => {
    for (const signature of [new Uint8Array(0), Uint8Array.from(cert.signature.slice(0, 63)), Uint8Array.from([...cert.signature, 0])]) {
      expectXchatError(() => decodeDeviceCertificate(encodeWith({ signature })), 'BAD_CERTIFICATE')
    }
  })

  it('rejects a certificate whose signature is the high-S twin of a valid one with BAD_CERTIFICATE', () => {
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const s = BigInt(`0x${bytesToHex(cert.signature.slice(32))}`)
    const highS = hexToBytes((n - s).toString(16).padStart(64, '0'))
    const signature = Uint8Array.from([...cert.signature.slice(0, 32), ...highS])
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ signature })), 'BAD_CERTIFICATE')
  })

  it('rejects a certificate whose device index was changed with BAD_CERTIFICATE', () => {
    for (const deviceIndex of [1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]) {
      expectXchatError(() => decodeDeviceCertificate(encodeWith({ deviceIndex })), 'BAD_CERTIFICATE')
    }
  })

  it('rejects a certificate whose creation time was changed with BAD_CERTIFICATE', () => {
    for (const createdAt of [0n, BigInt(CREATED_AT + 1), BigInt(CREATED_AT) + 2n ** 32n]) {
      expectXchatError(() => decodeDeviceCertificate(encodeWith({ createdAt })), 'BAD_CERTIFICATE')
    }
  })

  it('rejects a certificate whose device key was swapped for another valid key with BAD_CERTIFICATE', () => {
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ devicePublicKey: Uint8Array.from(device1.publicKey) })), 'BAD_CERTIFICATE')
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ devicePublicKey: Uint8Array.from(account.publicKey) })), 'BAD_CERTIFICATE')
  })

  it('rejects a certificate whose account key was swapped for another valid key with BAD_CERTIFICATE', () => {
    const accountPublicKey = Uint8Array.from(otherAccount.publicKey)
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ accountPublicKey })), 'BAD_CERTIFICATE')
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ accountPublicKey }), otherAccount.publicKey), 'BAD_CERTIFICATE')
  })

  it('rejects a certificate whose keys are not valid points with INVALID_KEY', () => {
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ devicePublicKey: new Uint8Array(33) })), 'INVALID_KEY')
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ devicePublicKey: new Uint8Array(0) })), 'INVALID_KEY')
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ accountPublicKey: device0.publicKey.slice(1) })), 'INVALID_KEY')
  })

  it('rejects a certificate of another account than the expected one with BAD_CERTIFICATE', () => {
    expectXchatError(() => decodeDeviceCertificate(encodeDeviceCertificate(cert), otherAccount.publicKey), 'BAD_CERTIFICATE')
    expectXchatError(() => verifyDeviceCertificate(cert, otherAccount.publicKey), 'BAD_CERTIFICATE')
    expectXchatError(() => verifyDeviceCertificate(cert, account.publicKey.slice(0, 32)), 'BAD_CERTIFICATE')
  })

  it('rejects a certificate signed by the device key instead of the account key with BAD_CERTIFICATE', () => {
    const selfSigned = issueDeviceCertificate(device0.privateKey(), device0.publicKey, 0, CREATED_AT)
    expectXchatError(() => verifyDeviceCertificate({ ...selfSigned, accountPublicKey: account.publicKey }), 'BAD_CERTIFICATE')
    expectXchatError(() => verifyDeviceCertificate(selfSigned, account.publicKey), 'BAD_CERTIFICATE')
  })

  it('rejects a signature made by the account key for another purpose with BAD_CERTIFICATE', () => {
    const encoded = encodeDeviceCertificate(cert)
    const signature = Uint8Array.from(sign('xchat/other-purpose/v1', encoded, account.privateKey()))
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ signature })), 'BAD_CERTIFICATE')
  })

  it('rejects version 0 with VERSION_TOO_OLD', () => {
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ version: 0 })), 'VERSION_TOO_OLD')
    expectXchatError(() => verifyDeviceCertificate({ ...cert, version: 0 }), 'VERSION_TOO_OLD')
  })

  it('rejects version 2 with VERSION_TOO_NEW', () => {
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ version: 2 })), 'VERSION_TOO_NEW')
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ version: 2 ** 32 - 1 })), 'VERSION_TOO_NEW')
  })

  it('checks the version before the keys and the signature', () => {
    const garbage = { accountPublicKey: new Uint8Array(3), signature: new Uint8Array(0) }
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ version: 2, ...garbage })), 'VERSION_TOO_NEW')
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ version: 0, ...garbage })), 'VERSION_TOO_OLD')
  })

  it('rejects a creation time beyond Number.MAX_SAFE_INTEGER with MALFORMED', () => {
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ createdAt: 2n ** 53n })), 'MALFORMED')
    expectXchatError(() => decodeDeviceCertificate(encodeWith({ createdAt: 2n ** 64n - 1n })), 'MALFORMED')
  })

  it('rejects bytes over the size limit with TOO_LARGE before parsing them', () => {
    const max = limits.MAX_DEVICE_CERTIFICATE_BYTES
    expectXchatError(() => decodeDeviceCertificate(new Uint8Array(max + 1)), 'TOO_LARGE')
    const padded = Uint8Array.from([...encodeDeviceCertificate(cert), ...new Uint8Array(max)])
    expectXchatError(() => decodeDeviceCertificate(padded), 'TOO_LARGE')
  })

  it('does not call bytes at the size limit TOO_LARGE', () => {
    const err = thrownBy(() => decodeDeviceCertificate(new Uint8Array(limits.MAX_DEVICE_CERTIFICATE_BYTES)))
    expect(isXchatError(err)).toBe(true)
    expect(isXchatError(err, 'TOO_LARGE')).toBe(false)
  })

  it('rejects bytes that are not a protobuf with MALFORMED', () => {
    expectXchatError(() => decodeDeviceCertificate(Uint8Array.from([0x0a, 0xff, 0xff])), 'MALFORMED')
    expectXchatError(() => decodeDeviceCertificate(Uint8Array.from([0x12, 0x40, 0x01])), 'MALFORMED')
  })

  it('rejects empty bytes (every field defaulted) with a typed error', () => {
    expectXchatError(() => decodeDeviceCertificate(new Uint8Array(0)), 'VERSION_TOO_OLD')
  })

  it('rejects every single-bit change to a valid certificate unless it decodes to the same certificate', () => {
    // protons ignores a field's wire type, so a flipped type bit can still decode to identical
    // content; the signature covers the content, not the encoding, so that is harmless
    const encoded = encodeDeviceCertificate(cert)
    const original = JSON.stringify(summary(cert))
    let rejected = 0
    for (let byte = 0; byte < encoded.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const changed = Uint8Array.from(encoded)
        changed[byte] = (changed[byte] ?? 0) ^ (1 << bit)
        let decoded: DeviceCertificate | undefined
        const err = thrownBy(() => (decoded = decodeDeviceCertificate(changed, account.publicKey)))
        if (isXchatError(err)) rejected++
        else if (decoded === undefined || JSON.stringify(summary(decoded)) !== original) {
          throw new Error(`bit ${bit} of byte ${byte} flipped went undetected`, { cause: err })
        }
      }
    }
    expect(rejected).toBeGreaterThan(encoded.length * 8 * 0.9)
  })

  it('throws only XchatError for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const err = thrownBy(() => decodeDeviceCertificate(bytes))
        expect(isXchatError(err)).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  it('throws only XchatError for well-formed protobufs with random fields', () => {
    const fields = fc.record({
      version: fc.nat({ max: 2 ** 32 - 1 }),
      accountPublicKey: fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constant(Uint8Array.from(account.publicKey))),
      devicePublicKey: fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constant(Uint8Array.from(device0.publicKey))),
      deviceIndex: fc.nat({ max: 2 ** 32 - 1 }),
      createdAt: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      signature: fc.uint8Array({ maxLength: 70 }),
    })
    fc.assert(
      fc.property(fields, (pb: DeviceCertificatePb) => {
        const err = thrownBy(() => decodeDeviceCertificate(DeviceCertificatePb.encode(pb)))
        expect(isXchatError(err)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

describe('verifyDeviceCertificate', () => {
  it('accepts a certificate with or without the expected account', () => {
    const c: DeviceCertificate = issueDeviceCertificate(account.privateKey(), device1.publicKey, 1, CREATED_AT)
    expect(() => verifyDeviceCertificate(c)).not.toThrow()
    expect(() => verifyDeviceCertificate(c, account.publicKey)).not.toThrow()
  })
})
