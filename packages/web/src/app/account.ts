/**
 * Making and recovering this browser's device of an account. The words never
 * leave this module except to be shown once at creation.
 */
import { DeviceKeys, generateMnemonic, parseMnemonic, type KeystoreSecrets } from '@xchat/core/identity'

/** Recovered devices get a random index in 1..2^20−1, as `xchat recover` does (docs/identity.md). */
export const MAX_RECOVERED_DEVICE_INDEX = 2 ** 20 - 1

/** The 12 words of a fresh account (not stored until the user confirms them). */
export function newAccountWords(): readonly string[] {
  return generateMnemonic(12).words
}

/** A random device index in 1..2^20−1 from the platform CSPRNG. */
export function randomDeviceIndex(): number {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1))
  return 1 + (n % MAX_RECOVERED_DEVICE_INDEX)
}

/** The secrets of device 0 of a freshly created account. */
export function newAccountSecrets(words: readonly string[], now = Date.now()): KeystoreSecrets {
  return { mnemonic: words.join(' '), passphrase: '', deviceIndex: 0, createdAt: now }
}

/**
 * The secrets of a new device of an existing account, from typed words.
 * @throws XchatError BAD_WORD_COUNT | UNKNOWN_WORD (details: word, position, suggestions) | BAD_CHECKSUM
 */
export function recoveredSecrets(typed: string, passphrase = '', deviceIndex = randomDeviceIndex(), now = Date.now()): KeystoreSecrets {
  const mnemonic = parseMnemonic(typed)
  return { mnemonic: mnemonic.phrase, passphrase, deviceIndex, createdAt: now }
}

/** Every key of this device, derived from its secrets. */
export function deviceKeys(secrets: KeystoreSecrets): DeviceKeys {
  return DeviceKeys.fromSecrets(secrets)
}

/** Positions (1-based, ascending) of `count` distinct words the user is asked to confirm. */
export function confirmPositions(wordCount: number, count = 3): number[] {
  const picked = new Set<number>()
  const random = new Uint32Array(64)
  while (picked.size < Math.min(count, wordCount)) {
    crypto.getRandomValues(random)
    for (const r of random) {
      if (picked.size >= count) break
      picked.add(1 + (r % wordCount))
    }
  }
  return [...picked].sort((a, b) => a - b)
}
