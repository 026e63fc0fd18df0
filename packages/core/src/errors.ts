/**
 * Typed errors for everything @xchat/core can refuse. Callers branch on
 * `code`, never on the message text.
 */

/** Every failure code @xchat/core raises. */
export type XchatErrorCode =
  // mnemonic
  | 'BAD_WORD_COUNT'
  | 'UNKNOWN_WORD'
  | 'BAD_CHECKSUM'
  // account IDs
  | 'ACCOUNT_ID_CHECKSUM'
  | 'ACCOUNT_ID_PREFIX'
  | 'ACCOUNT_ID_LENGTH'
  | 'ACCOUNT_ID_FORMAT'
  // keys and signatures
  | 'INVALID_KEY'
  | 'INVALID_DERIVATION'
  | 'BAD_SIGNATURE'
  | 'BAD_CERTIFICATE'
  // wire
  | 'MALFORMED'
  | 'TOO_LARGE'
  | 'VERSION_TOO_OLD'
  | 'VERSION_TOO_NEW'
  // keystore
  | 'WRONG_PASSWORD'
  | 'KEYSTORE_CORRUPT'
  // directory
  | 'RECORD_INVALID'
  | 'RECORD_STALE'
  | 'RECORD_EXPIRED'
  | 'NOT_FOUND'
  // network
  | 'NO_BOOTSTRAP'
  | 'UNREACHABLE'
  // sessions
  | 'BAD_PREKEY'
  | 'DECRYPT_FAILED'
  | 'DUPLICATE_MESSAGE'
  | 'TOO_MANY_SKIPPED'
  | 'NO_SESSION'
  | 'IDENTITY_MISMATCH'
  // mailboxes
  | 'QUOTA_EXCEEDED'
  | 'RATE_LIMITED'
  | 'MAILBOX_REFUSED'
  | 'DEPOSIT_FAILED'
  // storage
  | 'STORE_CORRUPT'
  | 'WRONG_STORAGE_KEY'
  // messaging
  | 'IDENTITY_CHANGED'
  | 'UNDELIVERED'
  | 'NO_PREKEYS'
  | 'CLIENT_STOPPED'
  // files
  | 'CHUNK_INVALID'
  | 'FILE_CORRUPT'
  | 'FILE_UNAVAILABLE'
  | 'TRANSFER_CANCELLED'
  // calls
  | 'CALL_STATE'
  | 'CALL_BUSY'
  | 'CALL_REPLAYED'
  | 'CALL_STALE'
  | 'CALL_FINGERPRINT'
  | 'CALL_UNKNOWN_PEER'
  // vault
  | 'VAULT_TAMPERED'
  | 'VAULT_REFUSED'
  | 'VAULT_UNAVAILABLE'
  // device management
  | 'DEVICE_REVOKED'
  // groups
  | 'GROUP_NOT_FOUND'
  | 'GROUP_UNAUTHORISED'
  | 'GROUP_OUT_OF_ORDER'
  | 'GROUP_FORK_LIMIT'
  | 'GROUP_FULL'
  | 'NOT_A_MEMBER'
  | 'NO_SENDER_KEY'
  | 'INVITE_INVALID'

/** Extra, non-secret facts attached to an error (e.g. suggested words). */
export type XchatErrorDetails = Readonly<Record<string, unknown>>

/**
 * The one base error of @xchat/core. Messages and details never carry
 * secrets (mnemonics, private keys, plaintext).
 */
export class XchatError extends Error {
  readonly code: XchatErrorCode
  readonly details: XchatErrorDetails

  constructor(code: XchatErrorCode, message: string, options: { cause?: unknown; details?: XchatErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'XchatError'
    this.code = code
    this.details = options.details ?? {}
  }
}

/**
 * Narrow an unknown error to an {@link XchatError}, optionally of one code.
 * @example
 * if (isXchatError(err, 'BAD_CHECKSUM')) askAgain()
 */
export function isXchatError(err: unknown, code?: XchatErrorCode): err is XchatError {
  return err instanceof XchatError && (code === undefined || err.code === code)
}
