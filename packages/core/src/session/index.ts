export {
  generateSignedPrekey,
  generateOneTimePrekeys,
  verifySignedPrekey,
  signedPrekeyBytes,
  SignedPrekeyPair,
  OneTimePrekeyPair,
  MAX_PREKEY_ID,
  type SignedPrekey,
  type OneTimePrekey,
} from './prekeys.js'
export { encodePrekeyBundle, decodePrekeyBundle, type PrekeyBundle } from './prekey-bundle.js'
export {
  initiateSession,
  respondToPrekeyMessage,
  type IdentityKeyPair,
  type InitiateSessionInit,
  type InitiatedSession,
  type PrekeyLookup,
  type RespondInit,
  type RespondedSession,
} from './handshake.js'
export {
  encrypt,
  decrypt,
  pruneSkippedKeys,
  prepareSendingStep,
  type EncryptResult,
  type DecryptResult,
  type PreparedSendingStep,
} from './ratchet.js'
export type { SessionCiphertext } from './messages.js'
export {
  SessionState,
  type SessionFields,
  type SessionRole,
  type SessionSummary,
  type ChainState,
  type SkippedKey,
  type HandshakePrekeys,
} from './session-state.js'
export {
  EMPTY_SESSION_RECORD,
  activeSession,
  addInitiatedSession,
  encryptWithRecord,
  decryptWithRecord,
  type SessionRecord,
  type RecordDecryptInit,
  type RecordDecryptResult,
  type RecordEncryptResult,
} from './session-record.js'
export { serializeSession, deserializeSession, serializeSessionRecord, deserializeSessionRecord } from './serialize.js'
export {
  SESSION_VERSION,
  SESSION_STATE_VERSION,
  MIN_SESSION_STATE_VERSION,
  PREKEY_BUNDLE_VERSION,
  SIGNED_PREKEY_DOMAIN,
  X3DH_INFO,
  ROOT_KDF_INFO,
  MESSAGE_KEY_INFO,
} from './constants.js'
export * as sessionLimits from './limits.js'
