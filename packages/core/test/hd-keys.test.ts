import { describe, it, expect } from 'vitest'
import { inspect } from 'node:util'
import { bytesToHex } from '@noble/hashes/utils.js'
import {
  parseMnemonic,
  mnemonicToSeed,
  deriveKey,
  deriveExtendedKey,
  deriveAccountKey,
  deriveDeviceKey,
  devicePath,
  assertDeviceIndex,
  XCHAT_ROOT_PATH,
  ACCOUNT_KEY_PATH,
  VAULT_KEY_PATH,
  MAX_DEVICE_INDEX,
} from '../src/index.js'
import { publicKeyOf } from '../src/crypto/index.js'
import { expectXchatError } from './expect-error.js'

const seed = mnemonicToSeed(parseMnemonic('legal winner thank year wave sausage worth useful legal winner thank yellow'))

describe('xchat derivation paths', () => {
  it("keeps the protocol paths: root, account, vault and devices under 7368'", () => {
    expect(XCHAT_ROOT_PATH).toBe("m/44'/7368'/0'")
    expect(ACCOUNT_KEY_PATH).toBe("m/44'/7368'/0'/0'")
    expect(VAULT_KEY_PATH).toBe("m/44'/7368'/0'/2'/0'")
    expect(devicePath(0)).toBe("m/44'/7368'/0'/1'/0'")
    expect(devicePath(7)).toBe("m/44'/7368'/0'/1'/7'")
    expect(devicePath(MAX_DEVICE_INDEX)).toBe("m/44'/7368'/0'/1'/2147483647'")
  })

  it.each([-1, 2 ** 31, 2 ** 32, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('devicePath(%s) throws RangeError', (index) => {
    expect(() => devicePath(index)).toThrow(RangeError)
    expect(() => assertDeviceIndex(index)).toThrow(RangeError)
  })

  it('names the argument and the value in the RangeError', () => {
    expect(() => devicePath(-1)).toThrow(/"index".*-1/u)
  })
})

describe('deriveKey', () => {
  it.each([
    "m/44'/7368'/0'/0",
    "m/44/7368'/0'/0'",
    'm/0',
    'm',
    '',
    "44'/7368'/0'",
    "m/44'/",
    "m/44'/7368'/0'/0h",
    "m/-1'",
    "m/44''",
    " m/44'",
  ])('rejects the path "%s", which is not fully hardened, with INVALID_DERIVATION', (path) => {
    expectXchatError(() => deriveKey(seed, path), 'INVALID_DERIVATION')
  })

  it('rejects a hardened index of 2^31 or more with INVALID_DERIVATION', () => {
    expectXchatError(() => deriveKey(seed, "m/2147483648'"), 'INVALID_DERIVATION')
    expectXchatError(() => deriveKey(seed, "m/44'/99999999999'"), 'INVALID_DERIVATION')
  })

  it('rejects a seed shorter than BIP-32 allows with INVALID_DERIVATION', () => {
    expectXchatError(() => deriveKey(new Uint8Array(8), ACCOUNT_KEY_PATH), 'INVALID_DERIVATION')
    expectXchatError(() => deriveExtendedKey(new Uint8Array(8), 'm'), 'INVALID_DERIVATION')
  })

  it('gives the key pair BIP-32 derives on the same path', () => {
    const pair = deriveKey(seed, ACCOUNT_KEY_PATH)
    const full = deriveExtendedKey(seed, ACCOUNT_KEY_PATH)
    expect(pair.path).toBe(ACCOUNT_KEY_PATH)
    expect(bytesToHex(pair.privateKey())).toBe(bytesToHex(full.privateKey))
    expect(bytesToHex(pair.publicKey)).toBe(bytesToHex(full.publicKey))
  })

  it('gives a 33-byte compressed public key matching its 32-byte private key', () => {
    const pair = deriveKey(seed, "m/44'/7368'/0'/5'")
    expect(pair.privateKey()).toHaveLength(32)
    expect(pair.publicKey).toHaveLength(33)
    expect(bytesToHex(publicKeyOf(pair.privateKey()))).toBe(bytesToHex(pair.publicKey))
  })

  it('is deterministic', () => {
    expect(bytesToHex(deriveKey(seed, ACCOUNT_KEY_PATH).privateKey())).toBe(bytesToHex(deriveKey(seed, ACCOUNT_KEY_PATH).privateKey()))
  })
})

describe('deriveExtendedKey', () => {
  it('derives non-hardened paths too (for BIP-32 vectors)', () => {
    expect(deriveExtendedKey(seed, "m/0'/1").xpub).toMatch(/^xpub/u)
  })

  it('rejects a malformed path with INVALID_DERIVATION', () => {
    expectXchatError(() => deriveExtendedKey(seed, 'not a path'), 'INVALID_DERIVATION')
    expectXchatError(() => deriveExtendedKey(seed, "m/2147483648'"), 'INVALID_DERIVATION')
  })
})

describe('account and device keys', () => {
  it('derives the account key on ACCOUNT_KEY_PATH', () => {
    const account = deriveAccountKey(seed)
    expect(account.path).toBe(ACCOUNT_KEY_PATH)
    expect(bytesToHex(account.publicKey)).toBe(bytesToHex(deriveKey(seed, ACCOUNT_KEY_PATH).publicKey))
  })

  it('derives a distinct key for every device, none equal to the account key', () => {
    const keys = [deriveAccountKey(seed), ...[0, 1, 2, MAX_DEVICE_INDEX].map((i) => deriveDeviceKey(seed, i))]
    expect(new Set(keys.map((k) => bytesToHex(k.publicKey))).size).toBe(keys.length)
    expect(deriveDeviceKey(seed, 3).path).toBe(devicePath(3))
  })

  it('throws RangeError for a device index out of range', () => {
    expect(() => deriveDeviceKey(seed, -1)).toThrow(RangeError)
    expect(() => deriveDeviceKey(seed, 2 ** 31)).toThrow(RangeError)
  })
})

describe('HdKeyPair', () => {
  const pair = deriveAccountKey(seed)
  const privateHex = bytesToHex(pair.privateKey())

  it('shows only the path and public key in JSON', () => {
    const json = JSON.stringify(pair)
    expect(JSON.parse(json)).toEqual({ path: ACCOUNT_KEY_PATH, publicKey: bytesToHex(pair.publicKey) })
    expect(json).not.toContain(privateHex)
  })

  it('never shows the private key when inspected', () => {
    expect(inspect(pair)).not.toContain(privateHex)
    const raw = inspect(pair, { showHidden: true, depth: Infinity, customInspect: false, maxArrayLength: Infinity, breakLength: Infinity })
    expect(raw).toContain(String(pair.publicKey[1]))
    expect(raw).not.toContain(privateHex)
    expect(raw).not.toContain(Array.from(pair.privateKey()).join(', '))
  })
})
