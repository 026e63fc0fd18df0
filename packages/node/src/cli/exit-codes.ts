import { isXchatError, type XchatErrorCode } from '@xchat/core'

/** Process exit codes every command keeps (a contract for scripts). */
export const EXIT_OK = 0
/** A runtime failure: network, disk, a bug. */
export const EXIT_FAILURE = 1
/** Bad input: a wrong word, a malformed ID, a missing argument. Nothing was written. */
export const EXIT_BAD_INPUT = 2

/** An error caused by what the user typed or passed; exits with {@link EXIT_BAD_INPUT}. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Core error codes that mean "the input was wrong", not "something broke". */
const BAD_INPUT_CODES: ReadonlySet<XchatErrorCode> = new Set<XchatErrorCode>([
  'BAD_WORD_COUNT',
  'UNKNOWN_WORD',
  'BAD_CHECKSUM',
  'ACCOUNT_ID_CHECKSUM',
  'ACCOUNT_ID_PREFIX',
  'ACCOUNT_ID_LENGTH',
  'ACCOUNT_ID_FORMAT',
  'INVALID_KEY',
  'WRONG_PASSWORD',
  'NOT_FOUND',
  'IDENTITY_CHANGED',
  'TOO_LARGE',
])

/** The exit code for an error thrown by a command. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError) return EXIT_BAD_INPUT
  if (isXchatError(err) && BAD_INPUT_CODES.has(err.code)) return EXIT_BAD_INPUT
  return EXIT_FAILURE
}
