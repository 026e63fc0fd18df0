import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { hkdfSha256, isValidPrivateKey, publicKeyOf } from '../crypto/index.js'
import { XchatError } from '../errors.js'
import { deriveKey, mnemonicToSeed, parseMnemonic, VAULT_KEY_PATH, type DeviceKeys } from '../identity/index.js'
import { VAULT_AUTH_INFO, VAULT_ENCRYPTION_INFO, VAULT_ID_LABEL } from './constants.js'

const inspect = Symbol.for('nodejs.util.inspect.custom')

/**
 * The keys of an account's vault, all from the vault key (m/44'/7368'/0'/2'/0'),
 * which only the words give: the blob key, the auth key pair and the vault id.
 * Secrets are reached through methods; JSON shows the vault id only.
 */
export class VaultKeys {
  /** What relays see: SHA-256("xchat/vault-id/v1" ‖ auth public key); unlinkable to the account ID. */
  readonly vaultId: Uint8Array
  readonly authPublicKey: Uint8Array
  readonly #encryptionKey: Uint8Array
  readonly #authPrivateKey: Uint8Array

  constructor(vaultPrivateKey: Uint8Array) {
    this.#encryptionKey = hkdfSha256(vaultPrivateKey, undefined, VAULT_ENCRYPTION_INFO, 32)
    const auth = hkdfSha256(vaultPrivateKey, undefined, VAULT_AUTH_INFO, 32)
    // an HKDF output is a valid scalar except with probability ~2^-128
    if (!isValidPrivateKey(auth)) throw new XchatError('INVALID_DERIVATION', 'the vault auth key is out of range')
    this.#authPrivateKey = auth
    this.authPublicKey = Uint8Array.from(publicKeyOf(auth))
    this.vaultId = vaultIdOf(this.authPublicKey)
  }

  /** The XChaCha20-Poly1305 key of blobs. */
  encryptionKey(): Uint8Array {
    return this.#encryptionKey
  }

  /** The secp256k1 key that signs blobs and read proofs. */
  authPrivateKey(): Uint8Array {
    return this.#authPrivateKey
  }

  toJSON(): { vaultId: string } {
    return { vaultId: bytesToHex(this.vaultId) }
  }

  [inspect](): string {
    return `VaultKeys(${bytesToHex(this.vaultId)})`
  }
}

/** The vault id of an auth public key (relays check appends with it). */
export function vaultIdOf(authPublicKey: Uint8Array): Uint8Array {
  return sha256(concatBytes(utf8ToBytes(VAULT_ID_LABEL), authPublicKey))
}

/**
 * The vault keys of a seed.
 * @throws XchatError INVALID_DERIVATION
 */
export function vaultKeysFromSeed(seed: Uint8Array): VaultKeys {
  return new VaultKeys(deriveKey(seed, VAULT_KEY_PATH).privateKey())
}

/**
 * The vault keys of a device's account (from the words it holds).
 * @throws XchatError BAD_* (words) | INVALID_DERIVATION
 */
export function vaultKeysOf(keys: DeviceKeys): VaultKeys {
  const secrets = keys.secrets()
  const seed = mnemonicToSeed(parseMnemonic(secrets.mnemonic), secrets.passphrase)
  try {
    return vaultKeysFromSeed(seed)
  } finally {
    seed.fill(0)
  }
}
