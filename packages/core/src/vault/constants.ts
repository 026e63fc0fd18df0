/**
 * The vault's protocol ID, labels and versions. Changing one is a protocol
 * change: update docs/protocol/vault.md in the same commit.
 */

/** libp2p protocol of relay vault storage. */
export const VAULT_PROTOCOL = '/xchat/vault/1.0.0'

/** Version of VaultRequest / VaultResponse. */
export const VAULT_PROTOCOL_VERSION = 1

/** Version of VaultBlob / SealedVaultBlob. */
export const VAULT_BLOB_VERSION = 1

/** HKDF info of the key that encrypts blobs (ikm: the vault private key). */
export const VAULT_ENCRYPTION_INFO = 'xchat/vault-enc/v1'

/** HKDF info of the auth key that signs blobs and read proofs. */
export const VAULT_AUTH_INFO = 'xchat/vault-auth/v1'

/** Prefix of the hash of the auth public key that names the vault on relays. */
export const VAULT_ID_LABEL = 'xchat/vault-id/v1'

/** Signature domain of a blob (over vault id ‖ blob id ‖ nonce ‖ ciphertext). */
export const VAULT_BLOB_DOMAIN = 'xchat/vault-blob/v1'

/** Signature domain of a read proof (over relay PeerId ‖ u64be(time) ‖ nonce ‖ vault id). */
export const VAULT_READ_DOMAIN = 'xchat/vault-read/v1'

/** A vault id: SHA-256 output. */
export const VAULT_ID_LENGTH = 32

/** A blob id: u64be(ms since the Unix epoch) ‖ 8 random bytes, so ids sort by time. */
export const BLOB_ID_LENGTH = 16

/** Random bytes in a read proof. */
export const VAULT_PROOF_NONCE_LENGTH = 16

/** A read proof's time may be this far from the relay's clock (as mailbox key proofs). */
export const VAULT_PROOF_MAX_SKEW_MS = 5 * 60 * 1000

/** Relays each blob is written to, when that many are known ("≥ 3 where available"). */
export const VAULT_REPLICAS = 3

/** A live-sync list starts this far before the newest blob id seen: other devices' clocks may lag. */
export const SYNC_LOOKBACK_MS = 10 * 60 * 1000
