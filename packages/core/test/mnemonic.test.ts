import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { entropyToMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import {
  generateMnemonic,
  parseMnemonic,
  normaliseMnemonic,
  mnemonicToSeed,
  suggestWords,
  isXchatError,
  type WordCount,
} from '../src/index.js'
import { expectXchatError, thrownBy } from './expect-error.js'

const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'
const LEGAL = 'legal winner thank year wave sausage worth useful legal winner thank yellow'

describe('parseMnemonic', () => {
  it('accepts a valid 12-word phrase and returns its words', () => {
    const m = parseMnemonic(LEGAL)
    expect(m.phrase).toBe(LEGAL)
    expect(m.words).toEqual(LEGAL.split(' '))
  })

  it('accepts a valid 24-word phrase', () => {
    const phrase = entropyToMnemonic(new Uint8Array(32), wordlist)
    expect(parseMnemonic(phrase).words).toHaveLength(24)
  })

  it('accepts capitals, extra whitespace, tabs and newlines, and normalises them away', () => {
    const messy = `  LEGAL Winner\tthank\n\nyear  wave\r\nsausage WORTH useful\n legal winner   thank yellow \n`
    expect(parseMnemonic(messy).phrase).toBe(LEGAL)
    expect(normaliseMnemonic(messy)).toBe(LEGAL)
  })

  it('rejects an empty phrase with BAD_WORD_COUNT', () => {
    expect(expectXchatError(() => parseMnemonic(''), 'BAD_WORD_COUNT').details['count']).toBe(0)
    expect(expectXchatError(() => parseMnemonic('  \n\t '), 'BAD_WORD_COUNT').details['count']).toBe(0)
  })

  it.each([1, 11, 13, 15, 18, 21, 23, 25])('rejects a phrase of %i words with BAD_WORD_COUNT', (count) => {
    const phrase = Array.from({ length: count }, () => 'abandon').join(' ')
    expect(expectXchatError(() => parseMnemonic(phrase), 'BAD_WORD_COUNT').details['count']).toBe(count)
  })

  it('checks the word count before the words', () => {
    expectXchatError(() => parseMnemonic('notaword '.repeat(11)), 'BAD_WORD_COUNT')
  })

  it('rejects a word not in the list with UNKNOWN_WORD, its 1-based position and the near word', () => {
    const words = ABOUT.split(' ')
    words[2] = 'abandn'
    const err = expectXchatError(() => parseMnemonic(words.join(' ')), 'UNKNOWN_WORD')
    expect(err.details['word']).toBe('abandn')
    expect(err.details['position']).toBe(3)
    expect(err.details['suggestions']).toContain('abandon')
  })

  it('reports the first unknown word when there are several', () => {
    const words = LEGAL.split(' ')
    words[0] = 'legl'
    words[11] = 'yelow'
    const err = expectXchatError(() => parseMnemonic(words.join(' ')), 'UNKNOWN_WORD')
    expect(err.details['position']).toBe(1)
    expect(err.details['suggestions']).toContain('legal')
  })

  it('reports an unknown last word at position 12', () => {
    const err = expectXchatError(() => parseMnemonic(LEGAL.replace(/yellow$/u, 'yelow')), 'UNKNOWN_WORD')
    expect(err.details['position']).toBe(12)
    expect(err.details['suggestions']).toContain('yellow')
  })

  it('gives an empty suggestion list for a word near nothing in the list', () => {
    const err = expectXchatError(() => parseMnemonic(ABOUT.replace(/about$/u, 'qqqqqqqq')), 'UNKNOWN_WORD')
    expect(err.details['suggestions']).toEqual([])
  })

  it('rejects a phrase whose checksum does not match with BAD_CHECKSUM', () => {
    expectXchatError(() => parseMnemonic(Array.from({ length: 12 }, () => 'abandon').join(' ')), 'BAD_CHECKSUM')
    expectXchatError(() => parseMnemonic(LEGAL.replace(/yellow$/u, 'year')), 'BAD_CHECKSUM')
  })

  it('rejects a 24-word phrase whose checksum does not match with BAD_CHECKSUM', () => {
    expectXchatError(() => parseMnemonic(Array.from({ length: 24 }, () => 'zoo').join(' ')), 'BAD_CHECKSUM')
  })

  it('rejects a phrase whose words are in the wrong order with BAD_CHECKSUM', () => {
    const words = LEGAL.split(' ')
    ;[words[0], words[11]] = [words[11] ?? '', words[0] ?? '']
    expectXchatError(() => parseMnemonic(words.join(' ')), 'BAD_CHECKSUM')
  })

  it('accepts every phrase made from 16 or 32 bytes of entropy', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 32, maxLength: 32 })), (entropy) => {
        const phrase = entropyToMnemonic(entropy, wordlist)
        expect(parseMnemonic(phrase.toUpperCase()).phrase).toBe(phrase)
      }),
    )
  })

  it('accepts a phrase with one word replaced only if its checksum still matches, else BAD_CHECKSUM', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.nat(11),
        fc.nat(wordlist.length - 1),
        (entropy, position, wordIndex) => {
          const words = entropyToMnemonic(entropy, wordlist).split(' ')
          words[position] = wordlist[wordIndex] ?? ''
          const err = thrownBy(() => parseMnemonic(words.join(' ')))
          if (err !== undefined) expect(isXchatError(err, 'BAD_CHECKSUM')).toBe(true)
        },
      ),
    )
  })

  it('throws only XchatError for any string', () => {
    const wordish = fc.array(fc.oneof(fc.constantFrom(...wordlist), fc.string({ maxLength: 9 })), { maxLength: 26 }).map((w) => w.join(' '))
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), wordish), (input) => {
        const err = thrownBy(() => parseMnemonic(input))
        if (err !== undefined) expect(isXchatError(err)).toBe(true)
      }),
    )
  })
})

describe('generateMnemonic', () => {
  it('yields a valid 12-word phrase by default', () => {
    const m = generateMnemonic()
    expect(m.words).toHaveLength(12)
    expect(parseMnemonic(m.phrase)).toEqual(m)
  })

  it.each([12, 24] as const)('yields a valid %i-word phrase when asked', (count) => {
    const m = generateMnemonic(count)
    expect(m.words).toHaveLength(count)
    expect(m.phrase).toBe(m.words.join(' '))
    expect(parseMnemonic(m.phrase)).toEqual(m)
  })

  it('yields a different phrase each time', () => {
    const phrases = new Set(Array.from({ length: 20 }, () => generateMnemonic().phrase))
    expect(phrases.size).toBe(20)
  })

  it.each([0, 11, 13, 15, 18, 21, 25, 12.5, -12, Number.NaN])('throws RangeError when asked for %s words', (count) => {
    expect(() => generateMnemonic(count as WordCount)).toThrow(RangeError)
  })
})

describe('mnemonicToSeed', () => {
  it('derives a 64-byte seed that depends on the passphrase', () => {
    const m = parseMnemonic(ABOUT)
    const plain = mnemonicToSeed(m)
    expect(plain).toHaveLength(64)
    expect(bytesToHex(mnemonicToSeed(m, ''))).toBe(bytesToHex(plain))
    expect(bytesToHex(mnemonicToSeed(m, 'TREZOR'))).not.toBe(bytesToHex(plain))
  })

  it('normalises the passphrase to NFKD, so composed and decomposed accents give one seed', () => {
    const m = parseMnemonic(ABOUT)
    const composed = 'caf\u00e9'
    const decomposed = 'cafe\u0301'
    expect(bytesToHex(mnemonicToSeed(m, composed))).toBe(bytesToHex(mnemonicToSeed(m, decomposed)))
  })

  it('gives the same seed for a phrase typed with capitals and line breaks', () => {
    const messy = parseMnemonic(ABOUT.toUpperCase().replaceAll(' ', '\n'))
    expect(bytesToHex(mnemonicToSeed(messy, 'x'))).toBe(bytesToHex(mnemonicToSeed(parseMnemonic(ABOUT), 'x')))
  })
})

describe('suggestWords', () => {
  it('suggests the list word one typo away', () => {
    expect(suggestWords('abandn')).toContain('abandon')
    expect(suggestWords('zoop')).toContain('zoo')
    expect(suggestWords('yelow')).toContain('yellow')
  })

  it('suggests the list word sharing the first four letters', () => {
    expect(suggestWords('sausagge')).toContain('sausage')
    expect(suggestWords('univers')).toContain('universe')
  })

  it('suggests only words from the list, at most the requested number', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.integer({ min: 1, max: 6 }), (word, max) => {
        const suggestions = suggestWords(word, max)
        expect(suggestions.length).toBeLessThanOrEqual(max)
        for (const s of suggestions) expect(wordlist).toContain(s)
      }),
      { numRuns: 50 },
    )
  })
})
