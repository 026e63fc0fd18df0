/** Vault keys and sealed blobs: derivation, golden values, tamper detection, decoder robustness. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { bytesToHex } from '@noble/hashes/utils.js'
import {
  DeviceKeys,
  mnemonicToSeed,
  parseMnemonic,
  newBlobId,
  openBlob,
  sealBlob,
  verifyBlobSignature,
  vaultKeysFromSeed,
  vaultKeysOf,
  encodeAccountId,
  deriveAccountKey,
  isXchatError,
} from '../src/index.js'
import { SealedVaultBlobPb, type VaultEntryPb } from '../src/wire/index.js'
import { expectXchatError } from './expect-error.js'

const WORDS = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'
const seed = mnemonicToSeed(parseMnemonic(WORDS), '')
const keys = vaultKeysFromSeed(seed)

const entry = (text: string, lamport = 1n): VaultEntryPb => ({
  lamport,
  deviceIndex: 0,
  at: 1_700_000_000_000n,
  message: {
    id: new Uint8Array(16).fill(1),
    conversation: 'xc1…',
    outgoing: true,
    senderDevice: new Uint8Array(33).fill(2),
    sentAt: 1n,
    receivedAt: 2n,
    seq: 1,
    text,
    fileManifest: new Uint8Array(0),
    status: 'sent',
  },
})

describe('vault keys', () => {
  it('derives the vault id from the vault key path only (golden)', () => {
    // changing this value is a protocol change (docs/protocol/vault.md)
    expect(bytesToHex(keys.vaultId)).toMatchInlineSnapshot(`"baa4721a088f314e9cf1088bcc964c2086ceb8a3dfaa1c81c493af7234f87368"`)
    expect(keys.toJSON()).toEqual({ vaultId: bytesToHex(keys.vaultId) })
  })

  it('gives every device of an account the same vault, and another account another one', () => {
    const d0 = DeviceKeys.fromSecrets({ mnemonic: WORDS, passphrase: '', deviceIndex: 0, createdAt: 1 })
    const d5 = DeviceKeys.fromSecrets({ mnemonic: WORDS, passphrase: '', deviceIndex: 5, createdAt: 1 })
    const other = DeviceKeys.fromSecrets({ mnemonic: WORDS, passphrase: 'x', deviceIndex: 0, createdAt: 1 })
    expect(bytesToHex(vaultKeysOf(d0).vaultId)).toBe(bytesToHex(vaultKeysOf(d5).vaultId))
    expect(bytesToHex(vaultKeysOf(other).vaultId)).not.toBe(bytesToHex(keys.vaultId))
  })

  it('is not the account key: the vault id reveals nothing a relay could match to the account ID', () => {
    const account = deriveAccountKey(seed)
    expect(bytesToHex(keys.authPublicKey)).not.toBe(bytesToHex(account.publicKey))
    expect(bytesToHex(keys.vaultId)).not.toContain(bytesToHex(account.publicKey).slice(2, 20))
    expect(encodeAccountId(account.publicKey)).toMatch(/^xc1/)
  })
})

describe('sealed blobs', () => {
  it('round-trips entries and carries a signature a relay can check without the key', () => {
    const id = newBlobId(1_700_000_000_000)
    const sealed = sealBlob(keys, id, 3, [entry('hello'), entry('again', 2n)])
    expect(verifyBlobSignature(keys.vaultId, keys.authPublicKey, id, sealed)).toBe(true)
    const opened = openBlob(keys, id, sealed)
    expect(opened.deviceIndex).toBe(3)
    expect(opened.entries.map((e) => e.message?.text)).toEqual(['hello', 'again'])
  })

  it('rejects a tampered blob: any flipped ciphertext byte', () => {
    const id = newBlobId(Date.now())
    const sealed = sealBlob(keys, id, 0, [entry('pay alice 10')])
    const pb = SealedVaultBlobPb.decode(sealed)
    const ciphertext = Uint8Array.from(pb.ciphertext)
    ciphertext[5] = (ciphertext[5] ?? 0) ^ 1
    const tampered = SealedVaultBlobPb.encode({ ...pb, ciphertext })
    expect(verifyBlobSignature(keys.vaultId, keys.authPublicKey, id, tampered)).toBe(false)
    expectXchatError(() => openBlob(keys, id, tampered), 'VAULT_TAMPERED')
  })

  it('rejects a blob moved under another blob id or signed by another vault', () => {
    const id = newBlobId(Date.now())
    const sealed = sealBlob(keys, id, 0, [entry('x')])
    expectXchatError(() => openBlob(keys, newBlobId(Date.now()), sealed), 'VAULT_TAMPERED')
    const otherKeys = vaultKeysFromSeed(mnemonicToSeed(parseMnemonic(WORDS), 'other'))
    expectXchatError(() => openBlob(keys, id, sealBlob(otherKeys, id, 0, [entry('x')])), 'VAULT_TAMPERED')
  })

  it('re-signed but re-encrypted garbage still fails: the AEAD tag needs the encryption key', () => {
    const id = newBlobId(Date.now())
    const sealed = SealedVaultBlobPb.decode(sealBlob(keys, id, 0, [entry('x')]))
    // an attacker without the keys cannot re-sign; with only the auth key it could, and the AEAD still refuses
    const forged = SealedVaultBlobPb.encode({ ...sealed, ciphertext: new Uint8Array(sealed.ciphertext.length) })
    expectXchatError(() => openBlob(keys, id, forged), 'VAULT_TAMPERED')
  })

  it('random bytes give typed errors only', () => {
    const id = newBlobId(0)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        try {
          openBlob(keys, id, bytes)
          return false
        } catch (err) {
          return isXchatError(err)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
