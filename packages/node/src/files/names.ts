/**
 * Received file names are the sender's words: untrusted. They become one
 * plain file name inside the downloads folder, never a path.
 */

/** Longest saved name in UTF-16 units (common file systems allow 255 bytes; leave room for " (n)"). */
const MAX_NAME_LENGTH = 200

/**
 * A safe file name for a name from a peer: no path separators, no control or
 * bidi-override characters, no `.`/`..`, no leading dots (hidden files) or
 * trailing dots/spaces; `file` when nothing is left.
 * @example sanitiseName('../../etc/passwd') // 'etc_passwd'
 */
export function sanitiseName(name: string): string {
  let s = name
    .normalize('NFC')
    // control characters, DEL, C1, bidi overrides and isolates, zero-width joiners and BOM
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    // separators on any platform, and characters Windows refuses
    .replace(/[/\\:*?"<>|]/g, '_')
    // no '..' anywhere, so no part of the name can mean "the folder above"
    .replace(/\.{2,}/g, '.')
    .replace(/^[.\s_]+/, '')
    .replace(/[.\s]+$/, '')
  if (s.length > MAX_NAME_LENGTH) {
    const dot = s.lastIndexOf('.')
    const ext = dot > 0 && s.length - dot <= 16 ? s.slice(dot) : ''
    s = s.slice(0, MAX_NAME_LENGTH - ext.length) + ext
  }
  return s === '' ? 'file' : s
}

/** The n-th alternative of a name: `report.pdf` → `report (1).pdf`. */
export function numberedName(name: string, n: number): string {
  if (n === 0) return name
  const dot = name.lastIndexOf('.')
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`
}
