import { entropyToMnemonic, mnemonicToEntropy, mnemonicToSeedSync } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import { XchatError } from '../errors.js'
import { randomBytes } from '../crypto/index.js'

/** Word counts an xchat account accepts: 12 (default) or 24 (BIP-39 128/256-bit entropy). */
export type WordCount = 12 | 24

/** A mnemonic that passed word-list and checksum validation, in normalised form. */
export interface ValidMnemonic {
  readonly phrase: string
  readonly words: readonly string[]
}

const ENTROPY_BYTES: Record<WordCount, number> = { 12: 16, 24: 32 }
const WORD_INDEX = new Map(wordlist.map((w, i) => [w, i]))

/**
 * Generate a fresh BIP-39 English mnemonic from the platform CSPRNG.
 * @param words - 12 (default) or 24
 * @example generateMnemonic() // 'legal winner thank year wave ...'
 */
export function generateMnemonic(words: WordCount = 12): ValidMnemonic {
  const bytes = ENTROPY_BYTES[words]
  if (bytes === undefined) throw new RangeError(`"words" expected 12 or 24, got ${String(words)}`)
  const phrase = entropyToMnemonic(randomBytes(bytes), wordlist)
  return { phrase, words: phrase.split(' ') }
}

/**
 * Normalise a typed phrase: NFKD (as BIP-39 requires), lower case, single spaces.
 * Users paste phrases with line breaks, numbering tabs and capitals.
 */
export function normaliseMnemonic(input: string): string {
  return input.normalize('NFKD').toLowerCase().trim().split(/\s+/u).filter(Boolean).join(' ')
}

/**
 * Validate a phrase before anything is derived from it: word count, every
 * word in the list, checksum. @scure/bip39's mnemonicToSeed does not check
 * the checksum, so this must run first.
 * @throws XchatError BAD_WORD_COUNT | UNKNOWN_WORD (details: word, position, suggestions) | BAD_CHECKSUM
 */
export function parseMnemonic(input: string): ValidMnemonic {
  const phrase = normaliseMnemonic(input)
  const words = phrase === '' ? [] : phrase.split(' ')
  if (words.length !== 12 && words.length !== 24) {
    throw new XchatError('BAD_WORD_COUNT', `a recovery phrase has 12 or 24 words, got ${words.length}`, {
      details: { count: words.length },
    })
  }
  words.forEach((word, i) => {
    if (!WORD_INDEX.has(word)) {
      const suggestions = suggestWords(word)
      const hint = suggestions.length > 0 ? ` (did you mean ${suggestions.join(', ')}?)` : ''
      throw new XchatError('UNKNOWN_WORD', `word ${i + 1} "${word}" is not in the BIP-39 English list${hint}`, {
        details: { word, position: i + 1, suggestions },
      })
    }
  })
  try {
    // BIP-39: the checksum is the first ENT/32 bits of SHA-256(entropy)
    mnemonicToEntropy(phrase, wordlist)
  } catch (cause) {
    throw new XchatError('BAD_CHECKSUM', 'the recovery phrase checksum does not match: a word is wrong or the order is mixed up', {
      cause,
    })
  }
  return { phrase, words }
}

/**
 * BIP-39 seed (64 bytes) from a validated mnemonic and optional passphrase.
 * @example mnemonicToSeed(parseMnemonic(words), 'TREZOR')
 */
export function mnemonicToSeed(mnemonic: ValidMnemonic, passphrase = ''): Uint8Array {
  return mnemonicToSeedSync(mnemonic.phrase, passphrase.normalize('NFKD'))
}

/**
 * The nearest words in the list: edit distance ≤ 2 first, then words sharing
 * the first four letters (BIP-39 words are unique in their first four).
 */
export function suggestWords(word: string, max = 4): string[] {
  const prefix = word.slice(0, 4)
  return wordlist
    .map((w) => {
      const d = editDistance(word, w)
      // a shared 4-letter prefix names a word uniquely in BIP-39: rank it just after close typos
      return { w, rank: d <= 2 ? d : word.length >= 3 && w.startsWith(prefix) ? 2.5 : Infinity }
    })
    .filter(({ rank }) => rank !== Infinity)
    .sort((a, b) => a.rank - b.rank || a.w.localeCompare(b.w))
    .slice(0, max)
    .map(({ w }) => w)
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost)
    }
    prev = cur
  }
  return prev[b.length] ?? 0
}
