import { concatBytes } from '@noble/hashes/utils.js'
import { open, randomBytes, seal, sign, verify } from '../crypto/index.js'
import { XchatError } from '../errors.js'
import { SealedVaultBlobPb, VaultBlobPb, checkVersion, decodeBounded, limits, type VaultEntryPb } from '../wire/index.js'
import { BLOB_ID_LENGTH, VAULT_BLOB_DOMAIN, VAULT_BLOB_VERSION, VAULT_ID_LENGTH } from './constants.js'
import type { VaultKeys } from './keys.js'

/** A new blob id: u64be(now) ‖ 8 random bytes, so a relay lists blobs roughly by time. */
export function newBlobId(now: number): Uint8Array {
  const id = new Uint8Array(BLOB_ID_LENGTH)
  new DataView(id.buffer).setBigUint64(0, BigInt(Math.max(0, Math.floor(now))))
  id.set(randomBytes(8), 8)
  return id
}

/** The ms time a blob id starts with. */
export function blobIdTime(id: Uint8Array): number {
  return id.length === BLOB_ID_LENGTH ? Number(new DataView(id.buffer, id.byteOffset, id.byteLength).getBigUint64(0)) : 0
}

/**
 * Encrypt and sign a batch of entries as one blob. The vault id and blob id
 * are the AEAD's associated data, so a blob moved to another id does not open.
 * @throws XchatError TOO_LARGE when the sealed blob passes MAX_VAULT_BLOB_BYTES
 */
export function sealBlob(keys: VaultKeys, blobId: Uint8Array, deviceIndex: number, entries: readonly VaultEntryPb[]): Uint8Array {
  if (blobId.length !== BLOB_ID_LENGTH) throw new RangeError(`"blobId" expected ${BLOB_ID_LENGTH} bytes, got ${blobId.length}`)
  if (entries.length > limits.MAX_VAULT_ENTRIES_PER_BLOB) {
    throw new XchatError('TOO_LARGE', `a blob holds at most ${limits.MAX_VAULT_ENTRIES_PER_BLOB} entries, got ${entries.length}`)
  }
  const plaintext = VaultBlobPb.encode({ version: VAULT_BLOB_VERSION, deviceIndex, entries: [...entries] })
  const box = seal(keys.encryptionKey(), plaintext, concatBytes(keys.vaultId, blobId))
  const signature = sign(VAULT_BLOB_DOMAIN, signedPart(keys.vaultId, blobId, box.nonce, box.ciphertext), keys.authPrivateKey())
  const bytes = SealedVaultBlobPb.encode({
    version: VAULT_BLOB_VERSION,
    nonce: Uint8Array.from(box.nonce),
    ciphertext: Uint8Array.from(box.ciphertext),
    signature: Uint8Array.from(signature),
  })
  if (bytes.length > limits.MAX_VAULT_BLOB_BYTES) {
    throw new XchatError('TOO_LARGE', `a sealed blob is ${bytes.length} bytes, the limit is ${limits.MAX_VAULT_BLOB_BYTES}`)
  }
  return bytes
}

/**
 * Check a sealed blob's signature without the encryption key (what a relay
 * does before it stores an append).
 * @returns false for anything but a well-formed blob signed by `authPublicKey` for this vault and id
 */
export function verifyBlobSignature(vaultId: Uint8Array, authPublicKey: Uint8Array, blobId: Uint8Array, bytes: Uint8Array): boolean {
  if (vaultId.length !== VAULT_ID_LENGTH || blobId.length !== BLOB_ID_LENGTH) return false
  try {
    const sealed = decodeBounded('vault blob', bytes, limits.MAX_VAULT_BLOB_BYTES, (b) => SealedVaultBlobPb.decode(b))
    if (sealed.version !== VAULT_BLOB_VERSION) return false
    return verify(VAULT_BLOB_DOMAIN, signedPart(vaultId, blobId, sealed.nonce, sealed.ciphertext), sealed.signature, authPublicKey)
  } catch {
    return false
  }
}

/** A blob opened and checked. */
export interface OpenedBlob {
  readonly deviceIndex: number
  readonly entries: readonly VaultEntryPb[]
}

/**
 * Verify and decrypt a blob fetched from a relay.
 * @throws XchatError VAULT_TAMPERED (signature or AEAD tag fails: changed bytes, another vault or id) |
 *   TOO_LARGE | MALFORMED | VERSION_TOO_OLD | VERSION_TOO_NEW
 */
export function openBlob(keys: VaultKeys, blobId: Uint8Array, bytes: Uint8Array): OpenedBlob {
  const sealed = decodeBounded('vault blob', bytes, limits.MAX_VAULT_BLOB_BYTES, (b) => SealedVaultBlobPb.decode(b))
  checkVersion('vault blob', sealed.version, { min: VAULT_BLOB_VERSION, max: VAULT_BLOB_VERSION })
  if (!verify(VAULT_BLOB_DOMAIN, signedPart(keys.vaultId, blobId, sealed.nonce, sealed.ciphertext), sealed.signature, keys.authPublicKey)) {
    throw new XchatError('VAULT_TAMPERED', 'a vault blob signature does not verify')
  }
  const plaintext = open(keys.encryptionKey(), { nonce: sealed.nonce, ciphertext: sealed.ciphertext }, concatBytes(keys.vaultId, blobId))
  if (plaintext === undefined) throw new XchatError('VAULT_TAMPERED', 'a vault blob does not decrypt')
  const blob = decodeBounded('vault blob body', plaintext, limits.MAX_VAULT_BLOB_BYTES, (b) =>
    VaultBlobPb.decode(b, { limits: { entries: limits.MAX_VAULT_ENTRIES_PER_BLOB } }),
  )
  checkVersion('vault blob body', blob.version, { min: VAULT_BLOB_VERSION, max: VAULT_BLOB_VERSION })
  return { deviceIndex: blob.deviceIndex, entries: blob.entries }
}

function signedPart(vaultId: Uint8Array, blobId: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return concatBytes(vaultId, blobId, nonce, ciphertext)
}
