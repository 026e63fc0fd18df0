export { sealEnvelope, openEnvelope } from './seal.js'
export { mailboxIdFor, mailboxIdsFor, epochOf } from './mailbox-id.js'
export {
  MailboxClient,
  type MailboxClientInit,
  type MailboxNode,
  type MailboxConnection,
  type RelayTarget,
  type DepositReceipt,
  type DepositBatch,
  type DepositManyResult,
  type FetchedMail,
  type FetchPage,
  type FetchOptions,
} from './client.js'
export {
  MailboxService,
  mailboxService,
  type MailboxServiceInit,
  type MailboxServiceComponents,
  type MailboxRegistrar,
  type MailboxStats,
} from './service.js'
export type { MailboxOwner } from './proof.js'
export type { MailboxDatabase } from './database.js'
export { SYNC_WRITE } from './database.js'
export { DEFAULT_MAILBOX_LIMITS, type MailboxLimits } from './limits.js'
export { RateLimiter, type RateLimit, type RateDecision } from './rate-limiter.js'
export {
  MAILBOX_PROTOCOL,
  MAILBOX_VERSION,
  SEAL_VERSION,
  SEAL_INFO,
  MAILBOX_ID_LABEL,
  FETCH_PROOF_DOMAIN,
  ACK_PROOF_DOMAIN,
  PREKEY_UPLOAD_PROOF_DOMAIN,
  MAILBOX_EPOCH_MS,
  MAILBOX_ID_LENGTH,
  MAIL_ID_LENGTH,
  PROOF_MAX_SKEW_MS,
  MAX_MAIL_AGE_MS,
} from './constants.js'
