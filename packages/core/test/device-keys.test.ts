import { describe, it, expect } from 'vitest'
import { inspect } from 'node:util'
import { HDKey } from '@scure/bip32'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import {
  DeviceKeys,
  encodeAccountId,
  decodeAccountId,
  verifyDeviceCertificate,
  decodeDeviceCertificate,
  encodeDeviceCertificate,
  sealKeystore,
  openKeystore,
  peerIdOfDevice,
  libp2pPrivateKey,
  type KeystoreSecrets,
} from '../src/index.js'
import { expectXchatError } from './expect-error.js'

const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'
/** BIP-39 seed of ABOUT with an empty passphrase (widely published). */
const ABOUT_SEED =
  '5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4'

/** Golden identity of ABOUT, empty passphrase. Derivation paths are protocol: a change here is a protocol change. */
const GOLDEN_ACCOUNT_ID = 'xc1qvapa2jyawwrq5wy6gsv3sntgr3nv799kpedhr0s7qnxugppua9hx8wc99z'
const GOLDEN_ACCOUNT_PUBLIC_KEY = '033a1eaa44eb9c3051c4d220c8c26b40e33678a5b072db8df0f0266e2021e74b73'
const GOLDEN_DEVICE_0_PUBLIC_KEY = '03ddaa10d4f3bf24c712df864f5db39f33eb29693e4c97bd547fb81dae52147ebb'

const base: KeystoreSecrets = { mnemonic: ABOUT, passphrase: '', deviceIndex: 0, createdAt: 1700000000000 }
const device0 = DeviceKeys.fromSecrets(base)
const device1 = DeviceKeys.fromSecrets({ ...base, deviceIndex: 1 })

/** Strings that must never appear in anything printable. */
function secretStrings(keys: DeviceKeys): string[] {
  const words = keys.secrets().mnemonic.split(' ')
  const priv = [keys.account.privateKey(), keys.device.privateKey()]
  return [...words, ...priv.map((k) => bytesToHex(k)), ...priv.map((k) => Array.from(k).join(', '))]
}

describe('DeviceKeys.fromSecrets', () => {
  it('derives the golden account ID and device-0 key for the "abandon … about" phrase', () => {
    expect(device0.accountId).toBe(GOLDEN_ACCOUNT_ID)
    expect(bytesToHex(device0.account.publicKey)).toBe(GOLDEN_ACCOUNT_PUBLIC_KEY)
    expect(bytesToHex(device0.device.publicKey)).toBe(GOLDEN_DEVICE_0_PUBLIC_KEY)
  })

  it('agrees with plain BIP-32 on the documented paths', () => {
    const root = HDKey.fromMasterSeed(hexToBytes(ABOUT_SEED))
    expect(bytesToHex(root.derive("m/44'/7368'/0'/0'").publicKey ?? new Uint8Array())).toBe(GOLDEN_ACCOUNT_PUBLIC_KEY)
    expect(bytesToHex(root.derive("m/44'/7368'/0'/1'/0'").publicKey ?? new Uint8Array())).toBe(GOLDEN_DEVICE_0_PUBLIC_KEY)
    expect(bytesToHex(root.derive("m/44'/7368'/0'/1'/1'").publicKey ?? new Uint8Array())).toBe(bytesToHex(device1.device.publicKey))
  })

  it('gives every device of an account the same account ID but its own device key', () => {
    expect(device1.accountId).toBe(device0.accountId)
    expect(bytesToHex(device1.account.publicKey)).toBe(bytesToHex(device0.account.publicKey))
    expect(bytesToHex(device1.device.publicKey)).not.toBe(bytesToHex(device0.device.publicKey))
    expect(device1.deviceIndex).toBe(1)
  })

  it('gives another account for another passphrase', () => {
    const other = DeviceKeys.fromSecrets({ ...base, passphrase: 'TREZOR' })
    expect(other.accountId).not.toBe(device0.accountId)
  })

  it('accepts the phrase typed with capitals and line breaks, and stores it normalised', () => {
    const messy = DeviceKeys.fromSecrets({ ...base, mnemonic: `  ${ABOUT.toUpperCase().replaceAll(' ', '\n')} ` })
    expect(messy.accountId).toBe(GOLDEN_ACCOUNT_ID)
    expect(messy.secrets().mnemonic).toBe(ABOUT)
  })

  it('rejects an invalid phrase with its mnemonic error code', () => {
    expectXchatError(() => DeviceKeys.fromSecrets({ ...base, mnemonic: ABOUT.replace(/about$/u, 'abandon') }), 'BAD_CHECKSUM')
    expectXchatError(() => DeviceKeys.fromSecrets({ ...base, mnemonic: 'abandon about' }), 'BAD_WORD_COUNT')
    expectXchatError(() => DeviceKeys.fromSecrets({ ...base, mnemonic: ABOUT.replace(/about$/u, 'abot') }), 'UNKNOWN_WORD')
  })

  it('throws RangeError for a device index out of range', () => {
    expect(() => DeviceKeys.fromSecrets({ ...base, deviceIndex: -1 })).toThrow(RangeError)
    expect(() => DeviceKeys.fromSecrets({ ...base, deviceIndex: 2 ** 31 })).toThrow(RangeError)
  })

  it('holds a certificate from its account key for its device key', () => {
    const cert = device1.certificate
    expect(() => verifyDeviceCertificate(cert, device1.account.publicKey)).not.toThrow()
    expect(bytesToHex(cert.devicePublicKey)).toBe(bytesToHex(device1.device.publicKey))
    expect(cert.deviceIndex).toBe(1)
    expect(cert.createdAt).toBe(base.createdAt)
    const decoded = decodeDeviceCertificate(encodeDeviceCertificate(cert), decodeAccountId(device0.accountId))
    expect(bytesToHex(decoded.devicePublicKey)).toBe(bytesToHex(device1.device.publicKey))
  })

  it('rebuilds the same keys from its secrets after a keystore round-trip', async () => {
    const bytes = await sealKeystore(device1.secrets(), 'pw', { scrypt: { N: 2 ** 10, r: 8, p: 1 } })
    const rebuilt = DeviceKeys.fromSecrets(await openKeystore(bytes, 'pw'))
    expect(rebuilt.identity()).toEqual(device1.identity())
    expect(bytesToHex(encodeDeviceCertificate(rebuilt.certificate))).toBe(bytesToHex(encodeDeviceCertificate(device1.certificate)))
  })
})

describe('DeviceKeys.identity', () => {
  it('lists the public identity with the documented paths', () => {
    expect(device0.identity()).toEqual({
      accountId: GOLDEN_ACCOUNT_ID,
      accountPublicKey: GOLDEN_ACCOUNT_PUBLIC_KEY,
      derivationPath: "m/44'/7368'/0'/0'",
      deviceIndex: 0,
      devicePath: "m/44'/7368'/0'/1'/0'",
      devicePublicKey: GOLDEN_DEVICE_0_PUBLIC_KEY,
    })
    expect(device0.identity().accountPublicKey).toMatch(/^[0-9a-f]{66}$/u)
    expect(device1.identity().devicePath).toBe("m/44'/7368'/0'/1'/1'")
  })

  it('names an account ID that encodes the account public key', () => {
    expect(encodeAccountId(hexToBytes(device0.identity().accountPublicKey))).toBe(device0.identity().accountId)
  })
})

describe('DeviceKeys secrecy', () => {
  it('serialises to JSON as its public identity only', () => {
    const json = JSON.stringify(device0)
    expect(JSON.parse(json)).toEqual(device0.identity())
    for (const secret of secretStrings(device0)) expect(json).not.toContain(secret)
  })

  it('shows no word of the mnemonic and no private key when inspected', () => {
    const shown = [
      inspect(device0),
      inspect(device0, { depth: Infinity, showHidden: true }),
      inspect({ nested: [device0] }, { depth: Infinity }),
      inspect(device0, { depth: Infinity, showHidden: true, customInspect: false, maxArrayLength: Infinity, breakLength: Infinity }),
    ]
    for (const text of shown) for (const secret of secretStrings(device0)) expect(text).not.toContain(secret)
    expect(inspect(device0)).toContain(GOLDEN_ACCOUNT_ID)
  })

  it('hands out the mnemonic only through the explicit secrets() call', () => {
    expect(device0.secrets()).toEqual(base)
  })
})

describe('device PeerId', () => {
  it('is a secp256k1 PeerId (16Uiu2…) bound to the device key', () => {
    const fromPublic = peerIdOfDevice(device0.device.publicKey)
    const fromPrivate = peerIdFromPrivateKey(libp2pPrivateKey(device0.device.privateKey()))
    expect(fromPublic.type).toBe('secp256k1')
    expect(fromPublic.toString()).toMatch(/^16Uiu2/u)
    expect(fromPublic.toString()).toBe(fromPrivate.toString())
    expect(fromPublic.equals(fromPrivate)).toBe(true)
  })

  it('differs between devices of one account', () => {
    expect(peerIdOfDevice(device1.device.publicKey).toString()).not.toBe(peerIdOfDevice(device0.device.publicKey).toString())
  })
})
