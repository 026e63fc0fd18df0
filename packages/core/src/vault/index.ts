export { Vault, type VaultInit, type VaultEvents, type VaultProgress, type FlushResult, type PullResult } from './vault.js'
export { VaultKeys, vaultKeysOf, vaultKeysFromSeed, vaultIdOf } from './keys.js'
export { sealBlob, openBlob, verifyBlobSignature, newBlobId, blobIdTime, type OpenedBlob } from './blob.js'
export { messageEntry, contactEntry, messageOf, type EntryBody } from './entries.js'
export { applyEntries, type ApplyResult, type ApplyOptions, type SettingChange } from './apply.js'
export { VaultService, vaultService, type VaultServiceInit, type VaultServiceComponents, type VaultStats } from './service.js'
export { VaultRelayClient, type VaultNode } from './relay-client.js'
export { rankedVaultRelays, type ReplicaNode } from './replicas.js'
export { DEFAULT_VAULT_LIMITS, type VaultLimits } from './limits.js'
export {
  VAULT_PROTOCOL,
  VAULT_PROTOCOL_VERSION,
  VAULT_BLOB_VERSION,
  VAULT_ENCRYPTION_INFO,
  VAULT_AUTH_INFO,
  VAULT_ID_LABEL,
  VAULT_BLOB_DOMAIN,
  VAULT_READ_DOMAIN,
  VAULT_REPLICAS,
} from './constants.js'
