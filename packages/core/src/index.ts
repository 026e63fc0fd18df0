/**
 * @xchat/core — the xchat protocol. Platform-free: callers bring a libp2p
 * node, a level database and a clock.
 */
export { XchatError, isXchatError, type XchatErrorCode, type XchatErrorDetails } from './errors.js'
export * from './identity/index.js'
export * from './net/index.js'
export * from './directory/index.js'
export {
  sign,
  verify,
  isValidPublicKey,
  randomBytes,
  setEcdhImplementation,
  ecdh,
  generateKeyPair,
  type EcdhImplementation,
  type ScryptParams,
  DEFAULT_SCRYPT,
} from './crypto/index.js'
export * from './session/index.js'
export * from './mailbox/index.js'
export {
  openStore,
  XchatStore,
  deriveStorageKey,
  SEEN_RETENTION_MS,
  STORAGE_KEY_INFO,
  type OpenStoreInit,
  type LevelDatabase,
  type StoreOp,
  type Contact,
  type Conversation,
  type MessageDirection,
  type MessageStatus,
  type StoredMessage,
  type OutboxEntry,
} from './store/index.js'
export * from './messaging/index.js'
export * from './files/index.js'
export * from './ephemeral/index.js'
export * from './calls/index.js'
export * from './groups/index.js'
export { createClient, type CreateClientInit, type XchatClient } from './client.js'
export type { SendFileResult, SendFileOptions, ReceiveFileOptions, FileOfferView } from './client.js'
export { DEFAULT_MAILBOX_FILE_MAX_BYTES, GROUP_FILE_OFFER_MAX_MS, type MailboxFileState, type MailboxFileOutcome } from './client-files.js'
export { depositFileMail, type FileDepositInit, type FileDepositResult, type FileMailDevice } from './client-file-deposit.js'
export * from './vault/index.js'
