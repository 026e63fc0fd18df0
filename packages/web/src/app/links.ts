/**
 * Share links and what a user may paste to add a contact: an account ID, a
 * share link (`https://host/#add=xc1…`) or the text of its QR code (the same link).
 */
import { parseAccountId, type AccountId } from '@xchat/core/identity'

const ADD_PARAM = 'add'

/** The link that opens this app and offers to add `accountId`. */
export function shareLink(accountId: string, base: string = location.href): string {
  const url = new URL(base)
  url.search = ''
  url.hash = `${ADD_PARAM}=${accountId}`
  return url.toString()
}

/** The account ID a share link (or a bare `#add=…` hash) offers, if any; not validated. */
export function accountIdInLink(text: string): string | undefined {
  const hash = text.includes('#') ? text.slice(text.indexOf('#') + 1) : ''
  const value = new URLSearchParams(hash).get(ADD_PARAM)
  return value === null || value === '' ? undefined : value
}

/**
 * The account ID in what a user pasted: an ID (any case, spaces anywhere), a
 * share link, or `xchat:`-prefixed QR text.
 * @throws XchatError ACCOUNT_ID_* | INVALID_KEY
 */
export function parseContactInput(text: string): AccountId {
  const trimmed = text.trim()
  const fromLink = accountIdInLink(trimmed)
  const raw = fromLink ?? trimmed.replace(/^xchat:/iu, '')
  return parseAccountId(raw.replace(/\s+/gu, ''))
}
