import { bech32m } from '@scure/base'
import { XchatError } from '../errors.js'
import { isValidPublicKey, PUBLIC_KEY_LENGTH } from '../crypto/index.js'

/** Human-readable prefix of an account ID: `xc1…`. */
export const ACCOUNT_ID_PREFIX = 'xc'

/** An account ID in its text form (bech32m, prefix `xc`), e.g. `xc1q…`. */
export type AccountId = string & { readonly __brand: 'AccountId' }

/**
 * Encode a 33-byte compressed account public key as an account ID: bech32m,
 * whose checksum catches any 4 typos and all transpositions of neighbours.
 * @throws XchatError INVALID_KEY
 */
export function encodeAccountId(accountPublicKey: Uint8Array): AccountId {
  if (!isValidPublicKey(accountPublicKey)) {
    throw new XchatError('INVALID_KEY', 'an account ID encodes a 33-byte compressed secp256k1 public key')
  }
  return bech32m.encode(ACCOUNT_ID_PREFIX, bech32m.toWords(accountPublicKey)) as AccountId
}

/**
 * Parse an account ID typed or pasted by a user (case-insensitive, spaces trimmed).
 * @returns the 33-byte account public key
 * @throws XchatError ACCOUNT_ID_FORMAT | ACCOUNT_ID_PREFIX | ACCOUNT_ID_CHECKSUM | ACCOUNT_ID_LENGTH | INVALID_KEY
 */
export function decodeAccountId(text: string): Uint8Array {
  const id = text.trim()
  if (id !== id.toLowerCase() && id !== id.toUpperCase()) {
    throw new XchatError('ACCOUNT_ID_FORMAT', 'an account ID is all lower case or all upper case, not mixed')
  }
  const lower = id.toLowerCase()
  // bech32 puts the separator at the last '1'; a '1' typed by mistake in the
  // data part would move it, so recognise our own prefix first
  const sep = lower.startsWith(`${ACCOUNT_ID_PREFIX}1`) ? ACCOUNT_ID_PREFIX.length : lower.lastIndexOf('1')
  if (sep < 1 || lower.length > 90 || !/^[\x21-\x7e]+$/u.test(lower)) {
    throw new XchatError('ACCOUNT_ID_FORMAT', `"${short(id)}" is not an account ID (expected ${ACCOUNT_ID_PREFIX}1…)`)
  }
  const prefix = lower.slice(0, sep)
  if (prefix !== ACCOUNT_ID_PREFIX) {
    throw new XchatError('ACCOUNT_ID_PREFIX', `an account ID starts with "${ACCOUNT_ID_PREFIX}1", this one starts with "${prefix}1"`)
  }
  let decoded: { prefix: string; words: number[] }
  try {
    decoded = bech32m.decode(lower as `${string}1${string}`)
  } catch (cause) {
    const badChar = /[^qpzry9x8gf2tvdw0s3jn54khce6mua7l]/u.exec(lower.slice(sep + 1))
    if (badChar) {
      throw new XchatError('ACCOUNT_ID_FORMAT', `an account ID cannot contain "${badChar[0]}"`, { cause })
    }
    throw new XchatError('ACCOUNT_ID_CHECKSUM', 'the account ID checksum does not match: a character is mistyped', { cause })
  }
  // bech32m splits at the last '1': "xc1zz1…" is valid bech32m, but for prefix "xc1zz", not ours
  if (decoded.prefix !== ACCOUNT_ID_PREFIX) {
    throw new XchatError('ACCOUNT_ID_FORMAT', 'an account ID cannot contain "1" after its prefix')
  }
  const { words } = decoded
  let key: Uint8Array
  try {
    key = bech32m.fromWords(words)
  } catch (cause) {
    throw new XchatError('ACCOUNT_ID_LENGTH', 'the account ID has the wrong length', { cause })
  }
  if (key.length !== PUBLIC_KEY_LENGTH) {
    throw new XchatError('ACCOUNT_ID_LENGTH', `an account ID holds ${PUBLIC_KEY_LENGTH} bytes, this one holds ${key.length}`)
  }
  if (!isValidPublicKey(key)) {
    throw new XchatError('INVALID_KEY', 'the account ID does not hold a valid public key')
  }
  return key
}

/** Parse and re-encode: the canonical (lower-case) form of a valid account ID. */
export function parseAccountId(text: string): AccountId {
  return encodeAccountId(decodeAccountId(text))
}

function short(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s
}
