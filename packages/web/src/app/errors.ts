/**
 * What the user reads when something fails: what happened and what to do.
 * Errors are told apart by their `code` (XchatError) or `name`, never by text.
 */
import type { XchatErrorCode } from '@xchat/core'

/** An error as the UI shows it. */
export interface UserError {
  readonly title: string
  /** What to do about it. */
  readonly hint?: string
  /** For UNKNOWN_WORD: the word's position (1-based), the word and close list words. */
  readonly word?: { readonly position: number; readonly word: string; readonly suggestions: readonly string[] }
}

interface CodedError {
  readonly code: XchatErrorCode
  readonly details: Readonly<Record<string, unknown>>
  readonly message: string
}

/** The XchatError code of an error, if it is one (checked structurally: the class may come from another chunk). */
export function xchatCode(err: unknown): XchatErrorCode | undefined {
  return isCoded(err) ? err.code : undefined
}

function isCoded(err: unknown): err is CodedError {
  return err instanceof Error && err.name === 'XchatError' && typeof (err as Partial<CodedError>).code === 'string'
}

/** Turn any failure into a title and a hint for the user. */
export function describeError(err: unknown): UserError {
  if (isCoded(err)) {
    const d = err.details
    switch (err.code) {
      case 'BAD_WORD_COUNT':
        return {
          title: `That is ${String(d['count'])} word${d['count'] === 1 ? '' : 's'}; a recovery phrase has 12 (or 24).`,
          hint: 'Type every word of your phrase, in order, separated by spaces.',
        }
      case 'UNKNOWN_WORD': {
        const suggestions = Array.isArray(d['suggestions']) ? d['suggestions'].filter((s): s is string => typeof s === 'string') : []
        const position = typeof d['position'] === 'number' ? d['position'] : 0
        const word = typeof d['word'] === 'string' ? d['word'] : ''
        return {
          title: `Word ${position}, “${word}”, is not a recovery word.`,
          hint:
            suggestions.length > 0
              ? `Did you mean ${suggestions.map((s) => `“${s}”`).join(' or ')}? Check it on your paper.`
              : 'Check its spelling on your paper.',
          word: { position, word, suggestions },
        }
      }
      case 'BAD_CHECKSUM':
        return {
          title: 'These words do not form a valid recovery phrase.',
          hint: 'One word is wrong or two are swapped: compare each word and its position with your paper.',
        }
      case 'ACCOUNT_ID_CHECKSUM':
        return { title: 'That account ID has a typo.', hint: 'Copy it again, or scan or open the share link instead of typing it.' }
      case 'ACCOUNT_ID_PREFIX':
      case 'ACCOUNT_ID_FORMAT':
      case 'ACCOUNT_ID_LENGTH':
      case 'INVALID_KEY':
        return { title: 'That is not an xchat account ID.', hint: 'An ID starts with “xc1”; paste the whole ID or the share link.' }
      case 'NO_BOOTSTRAP':
        return { title: 'No relay answered.', hint: 'Check your connection, or the relay list in Settings.' }
      case 'NOT_FOUND':
        return { title: 'This account is not online and has no directory entry yet.', hint: 'It will be found once its owner opens xchat.' }
      case 'UNREACHABLE':
        return { title: 'The directory could not be reached.', hint: 'Check your connection to a relay (Settings) and send again.' }
      case 'KEYSTORE_CORRUPT':
        return {
          title: 'The stored keys of this device are damaged.',
          hint: 'Remove this device in Settings and recover it from your words.',
        }
      default:
        return { title: err.message }
    }
  }
  if (err instanceof Error && err.name === 'SealedDataError') {
    return {
      title: 'This browser can no longer unlock the stored account.',
      hint: 'Its protection key was removed (e.g. by clearing site data). Remove the old data and recover with your words.',
    }
  }
  if (err instanceof Error) return { title: err.message }
  return { title: String(err) }
}
