export { openStore, XchatStore, SEEN_RETENTION_MS, type OpenStoreInit } from './xchat-store.js'
export { deriveStorageKey, Sealer, STORAGE_KEY_INFO, KEY_BLINDING_INFO } from './sealer.js'
export { Collection, type RecordCodec, type KeyRange } from './collection.js'
export { KeyIndex } from './key-index.js'
export { StoreTxn } from './txn.js'
export { pad, jsonCodec, bytesCodec, read } from './codecs.js'
export type { LevelDatabase, StoreOp } from './level.js'
export type {
  Contact,
  Conversation,
  MessageDirection,
  MessageStatus,
  StoredMessage,
  StoredCall,
  IdentityRecord,
  PrekeyRecord,
  OutboxTarget,
  OutboxKind,
  OutboxEntry,
  ReceiveCursor,
  HeldEnvelope,
} from './records.js'
export type { FileOfferRecord } from './file-offer-record.js'
export type { GroupFileOfferRecord } from './group-file-offer-record.js'
export type { FileMailRecord } from './file-mail-record.js'
