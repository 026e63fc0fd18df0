import { sha512 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { assertPublicKey } from '../crypto/index.js'

/**
 * Iterations of SHA-512 per fingerprint, as in Signal's numeric fingerprints:
 * makes grinding a key whose number collides with a victim's ~2^12 times dearer.
 */
export const SAFETY_NUMBER_ITERATIONS = 5200
const FINGERPRINT_VERSION = new Uint8Array([0, 1])
const LABEL = utf8ToBytes('xchat/safety-number/v1')

/** A safety number for two accounts: the same on both sides. */
export interface SafetyNumber {
  /** 60 digits in 12 groups of 5, e.g. "12345 67890 …" */
  readonly digits: string
  /** The 12 groups. */
  readonly groups: readonly string[]
  /** Text for a QR code: `xchat-sn:1:` + the 60 digits (compare by scanning). */
  readonly qr: string
}

/** 30 digits for one account key: 6 chunks of 5 bytes, each as a 40-bit number mod 100000. */
function fingerprintDigits(accountPublicKey: Uint8Array): string {
  let hash = sha512(concatBytes(FINGERPRINT_VERSION, LABEL, accountPublicKey))
  for (let i = 1; i < SAFETY_NUMBER_ITERATIONS; i++) hash = sha512(concatBytes(hash, accountPublicKey))
  let digits = ''
  for (let i = 0; i < 30; i += 5) {
    let n = 0
    for (let j = 0; j < 5; j++) n = n * 256 + (hash[i + j] ?? 0)
    digits += String(n % 100000).padStart(5, '0')
  }
  return digits
}

/**
 * The safety number of two accounts, independent of which side computes it:
 * the two halves are ordered, so Alice's screen and Bob's show the same digits.
 * Depends on account keys only, so adding or removing devices does not change it.
 * @throws XchatError INVALID_KEY
 */
export function safetyNumber(accountKeyA: Uint8Array, accountKeyB: Uint8Array): SafetyNumber {
  assertPublicKey(accountKeyA, 'first account key')
  assertPublicKey(accountKeyB, 'second account key')
  const halves = [fingerprintDigits(accountKeyA), fingerprintDigits(accountKeyB)].sort()
  const all = halves.join('')
  const groups = all.match(/\d{5}/gu) ?? []
  return { digits: groups.join(' '), groups, qr: `xchat-sn:1:${all}` }
}
