import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { parseMnemonic, mnemonicToSeed, deriveExtendedKey, deriveKey } from '../src/index.js'
import { expectXchatError } from './expect-error.js'

interface Bip39Vectors {
  readonly passphrase: string
  readonly vectors: readonly { readonly entropy: string; readonly mnemonic: string; readonly seed: string }[]
}
interface Bip32Vectors {
  readonly vectors: readonly {
    readonly seed: string
    readonly chains: readonly { readonly path: string; readonly xpub: string; readonly xprv: string }[]
  }[]
}

function loadJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8')) as T
}

const bip39 = loadJson<Bip39Vectors>('bip39-english.json')
const bip32 = loadJson<Bip32Vectors>('bip32.json')

// xchat accounts use 12 or 24 words; the Trezor set also has 18-word phrases.
const accepted = bip39.vectors.filter((v) => [12, 24].includes(v.mnemonic.split(' ').length))
const otherLengths = bip39.vectors.filter((v) => ![12, 24].includes(v.mnemonic.split(' ').length))

describe('BIP-39 vectors (Trezor, passphrase TREZOR)', () => {
  it('has the vectors this suite expects', () => {
    expect(bip39.passphrase).toBe('TREZOR')
    expect(accepted).toHaveLength(16)
    expect(otherLengths).toHaveLength(8)
  })

  it.each(accepted.map((v) => [v.mnemonic, v]))('parses "%s" and derives the published seed', (_, v) => {
    const mnemonic = parseMnemonic(v.mnemonic)
    expect(mnemonic.phrase).toBe(v.mnemonic)
    expect(bytesToHex(mnemonicToSeed(mnemonic, bip39.passphrase))).toBe(v.seed)
  })

  it.each(otherLengths.map((v) => [v.mnemonic, v]))(
    'refuses the 18-word "%s" as an account phrase but its seed still matches BIP-39',
    (_, v) => {
      expectXchatError(() => parseMnemonic(v.mnemonic), 'BAD_WORD_COUNT')
      const words = v.mnemonic.split(' ')
      expect(bytesToHex(mnemonicToSeed({ phrase: v.mnemonic, words }, bip39.passphrase))).toBe(v.seed)
    },
  )
})

describe('BIP-32 vectors 1 and 2', () => {
  const cases = bip32.vectors.flatMap((v, i) => v.chains.map((c) => ({ name: `vector ${i + 1} ${c.path}`, seed: v.seed, ...c })))

  it('has the vectors this suite expects', () => {
    expect(cases).toHaveLength(12)
  })

  it.each(cases.map((c) => [c.name, c]))('derives the published xprv and xpub for %s', (_, c) => {
    const key = deriveExtendedKey(hexToBytes(c.seed), c.path)
    expect(key.xprv).toBe(c.xprv)
    expect(key.xpub).toBe(c.xpub)
  })

  const hardened = cases.filter((c) => /^m(\/\d+')+$/u.test(c.path))
  it.each(hardened.map((c) => [c.name, c]))('deriveKey agrees with the vector on the fully hardened path %s', (_, c) => {
    const full = deriveExtendedKey(hexToBytes(c.seed), c.path)
    const pair = deriveKey(hexToBytes(c.seed), c.path)
    expect(pair.path).toBe(c.path)
    expect(bytesToHex(pair.publicKey)).toBe(bytesToHex(full.publicKey))
    expect(bytesToHex(pair.privateKey())).toBe(bytesToHex(full.privateKey))
  })

  const notHardened = cases.filter((c) => !/^m(\/\d+')+$/u.test(c.path))
  it.each(notHardened.map((c) => [c.name, c]))('deriveKey refuses the path of %s, which is not fully hardened', (_, c) => {
    expectXchatError(() => deriveKey(hexToBytes(c.seed), c.path), 'INVALID_DERIVATION')
  })
})
