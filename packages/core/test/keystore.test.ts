import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import {
  sealKeystore,
  openKeystore,
  keystoreNeedsPassword,
  isXchatError,
  type KeystoreSecrets,
  type KeystoreOptions,
} from '../src/index.js'
import { limits } from '../src/wire/index.js'
import { expectXchatError, expectXchatErrorAsync } from './expect-error.js'

/** Small scrypt cost so the suite stays fast; the file records it, so opening needs no option. */
const FAST: KeystoreOptions = { scrypt: { N: 2 ** 10, r: 8, p: 1 } }
const PASSWORD = 'correct horse battery staple'

const secrets: KeystoreSecrets = {
  // every word has a letter outside 0-9a-f, so none can turn up inside hex by chance
  mnemonic: 'legal winner thank year wave sausage worth useful legal winner thank yellow',
  passphrase: 'an extra word',
  deviceIndex: 3,
  createdAt: 1700000000000,
}

const sealed = await sealKeystore(secrets, PASSWORD, FAST)

type Json = Record<string, unknown>

function readJson(bytes: Uint8Array): Json {
  return JSON.parse(new TextDecoder().decode(bytes)) as Json
}

function writeJson(file: Json): Uint8Array {
  return utf8ToBytes(JSON.stringify(file))
}

/** The sealed file with `change` applied to a copy of its JSON. */
function edited(change: (file: Json) => void, bytes: Uint8Array = sealed): Uint8Array {
  const file = readJson(bytes)
  change(file)
  return writeJson(file)
}

function kdfOf(file: Json): Json {
  return file['kdf'] as Json
}

describe('sealKeystore with a password', () => {
  it('round-trips the secrets', async () => {
    expect(await openKeystore(sealed, PASSWORD)).toEqual(secrets)
  })

  it('writes the documented header: format, version, scrypt parameters, cipher', () => {
    const file = readJson(sealed)
    expect(file['format']).toBe('xchat-keystore')
    expect(file['version']).toBe(1)
    expect(file['cipher']).toBe('xchacha20-poly1305')
    expect(kdfOf(file)).toMatchObject({ name: 'scrypt', N: 1024, r: 8, p: 1 })
    expect(kdfOf(file)['salt']).toMatch(/^[0-9a-f]{64}$/u)
    expect(file['nonce']).toMatch(/^[0-9a-f]{48}$/u)
    expect(file).not.toHaveProperty('plaintext')
  })

  it('contains neither the mnemonic, nor any of its words, nor the passphrase in clear', () => {
    const text = new TextDecoder().decode(sealed)
    expect(text).not.toContain(secrets.mnemonic)
    for (const word of secrets.mnemonic.split(' ')) expect(text).not.toContain(word)
    expect(text).not.toContain(secrets.passphrase)
    expect(text).not.toContain(bytesToHex(utf8ToBytes(secrets.mnemonic)).slice(0, 16))
  })

  it('uses a fresh salt and nonce each time', async () => {
    const again = readJson(await sealKeystore(secrets, PASSWORD, FAST))
    const first = readJson(sealed)
    expect(kdfOf(again)['salt']).not.toBe(kdfOf(first)['salt'])
    expect(again['nonce']).not.toBe(first['nonce'])
    expect(again['ciphertext']).not.toBe(first['ciphertext'])
  })

  it('says the store needs a password', () => {
    expect(keystoreNeedsPassword(sealed)).toBe(true)
  })

  it('reports progress while deriving the key', async () => {
    const seen: number[] = []
    const bytes = await sealKeystore(secrets, PASSWORD, { ...FAST, onProgress: (f) => seen.push(f) })
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every((f) => f >= 0 && f <= 1)).toBe(true)
    const opened: number[] = []
    await openKeystore(bytes, PASSWORD, { onProgress: (f) => opened.push(f) })
    expect(opened.length).toBeGreaterThan(0)
  })

  it('treats composed and decomposed accents in the password as the same password', async () => {
    const bytes = await sealKeystore(secrets, 'caf\u00e9', FAST)
    expect(await openKeystore(bytes, 'cafe\u0301')).toEqual(secrets)
  })

  it('works with any scrypt parameters within the cost cap, however odd', async () => {
    const bytes = await sealKeystore(secrets, PASSWORD, { scrypt: { N: 2, r: 1, p: 16 } })
    expect(await openKeystore(bytes, PASSWORD)).toEqual(secrets)
  })

  it.each([
    ['N not a power of two', { N: 1000, r: 8, p: 1 }],
    ['N of 1', { N: 1, r: 8, p: 1 }],
    ['r of 0', { N: 1024, r: 0, p: 1 }],
    ['fractional p', { N: 1024, r: 8, p: 1.5 }],
    ['a cost 16 times the default', { N: 2 ** 21, r: 8, p: 1 }],
  ])('throws RangeError for scrypt parameters with %s, rather than write a file it could not open', async (_, scrypt) => {
    await expect(sealKeystore(secrets, PASSWORD, { scrypt })).rejects.toThrow(RangeError)
  })

  it('refuses an empty password with WRONG_PASSWORD', async () => {
    await expectXchatErrorAsync(sealKeystore(secrets, '', FAST), 'WRONG_PASSWORD')
  })
})

describe('openKeystore', () => {
  it('rejects a wrong password with WRONG_PASSWORD', async () => {
    await expectXchatErrorAsync(openKeystore(sealed, 'not the password'), 'WRONG_PASSWORD')
    await expectXchatErrorAsync(openKeystore(sealed, PASSWORD.toUpperCase()), 'WRONG_PASSWORD')
  })

  it('rejects a protected store opened without a password with WRONG_PASSWORD', async () => {
    await expectXchatErrorAsync(openKeystore(sealed, null), 'WRONG_PASSWORD')
    await expectXchatErrorAsync(openKeystore(sealed, ''), 'WRONG_PASSWORD')
  })

  it('rejects a tampered ciphertext with WRONG_PASSWORD', async () => {
    const tampered = edited((f) => {
      const ct = hexToBytes(f['ciphertext'] as string)
      ct[0] = (ct[0] ?? 0) ^ 1
      f['ciphertext'] = bytesToHex(ct)
    })
    await expectXchatErrorAsync(openKeystore(tampered, PASSWORD), 'WRONG_PASSWORD')
  })

  it('rejects a truncated ciphertext or a tampered nonce or salt with WRONG_PASSWORD', async () => {
    const changes: ((f: Json) => void)[] = [
      (f) => (f['ciphertext'] = (f['ciphertext'] as string).slice(0, -2)),
      (f) => (f['ciphertext'] = ''),
      (f) => (f['nonce'] = flipFirstByte(f['nonce'] as string)),
      (f) => (f['nonce'] = (f['nonce'] as string).slice(2)),
      (f) => (kdfOf(f)['salt'] = flipFirstByte(kdfOf(f)['salt'] as string)),
    ]
    for (const change of changes) await expectXchatErrorAsync(openKeystore(edited(change), PASSWORD), 'WRONG_PASSWORD')
  })

  it.each([
    ['N raised to 2^11', (k: Json) => (k['N'] = 2 ** 11)],
    ['N lowered to 2^9', (k: Json) => (k['N'] = 2 ** 9)],
    ['r changed', (k: Json) => (k['r'] = 4)],
    ['p changed', (k: Json) => (k['p'] = 2)],
    ['N not a power of two', (k: Json) => (k['N'] = 1000)],
    ['N of 1', (k: Json) => (k['N'] = 1)],
    ['N of zero', (k: Json) => (k['N'] = 0)],
    ['N negative', (k: Json) => (k['N'] = -1024)],
    ['N fractional', (k: Json) => (k['N'] = 1024.5)],
    ['N a string', (k: Json) => (k['N'] = '1024')],
    ['N absurdly large', (k: Json) => (k['N'] = 2 ** 40)],
    ['memory cost beyond any sane keystore', (k: Json) => Object.assign(k, { N: 2 ** 22, r: 32 })],
    ['p large for a tiny N', (k: Json) => Object.assign(k, { N: 2, r: 1, p: 16 })],
    ['salt not hex', (k: Json) => (k['salt'] = 'zz')],
    ['salt missing', (k: Json) => delete k['salt']],
  ])('fails on a kdf header with %s, with WRONG_PASSWORD or KEYSTORE_CORRUPT', async (_, change) => {
    const err = await openKeystore(
      edited((f) => change(kdfOf(f))),
      PASSWORD,
    ).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(isXchatError(err, 'WRONG_PASSWORD') || isXchatError(err, 'KEYSTORE_CORRUPT'), String(err)).toBe(true)
  })

  it('rejects a protected store relabelled as unprotected with KEYSTORE_CORRUPT', async () => {
    const relabelled = edited((f) => (f['kdf'] = { name: 'none' }))
    await expectXchatErrorAsync(openKeystore(relabelled, null), 'KEYSTORE_CORRUPT')
  })

  it.each([
    ['no bytes', new Uint8Array(0)],
    ['random bytes', hexToBytes('8f1c2e0b9a7d6e5f4c3b2a1908f7e6d5')],
    ['invalid UTF-8', Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])],
    ['a JSON array', utf8ToBytes('[1,2,3]')],
    ['JSON null', utf8ToBytes('null')],
    ['another format', utf8ToBytes('{"format":"other","version":1,"kdf":{"name":"none"}}')],
    ['a missing version', utf8ToBytes('{"format":"xchat-keystore","kdf":{"name":"none"}}')],
    ['an unknown kdf', utf8ToBytes('{"format":"xchat-keystore","version":1,"kdf":{"name":"argon2id"}}')],
    ['a missing kdf', utf8ToBytes('{"format":"xchat-keystore","version":1}')],
    ['an unprotected store without contents', utf8ToBytes('{"format":"xchat-keystore","version":1,"kdf":{"name":"none"}}')],
    [
      'an unprotected store whose contents are not hex',
      utf8ToBytes('{"format":"xchat-keystore","version":1,"kdf":{"name":"none"},"plaintext":"xyz"}'),
    ],
  ])('rejects %s with KEYSTORE_CORRUPT', async (_, bytes) => {
    await expectXchatErrorAsync(openKeystore(bytes, PASSWORD), 'KEYSTORE_CORRUPT')
    await expectXchatErrorAsync(openKeystore(bytes, null), 'KEYSTORE_CORRUPT')
  })

  it('rejects a file over the size limit with KEYSTORE_CORRUPT', async () => {
    const big = new Uint8Array(limits.MAX_KEYSTORE_BYTES + 1).fill(0x20)
    await expectXchatErrorAsync(openKeystore(big, PASSWORD), 'KEYSTORE_CORRUPT')
    expectXchatError(() => keystoreNeedsPassword(big), 'KEYSTORE_CORRUPT')
  })

  it('rejects a newer version with VERSION_TOO_NEW', async () => {
    await expectXchatErrorAsync(
      openKeystore(
        edited((f) => (f['version'] = 99)),
        PASSWORD,
      ),
      'VERSION_TOO_NEW',
    )
    await expectXchatErrorAsync(
      openKeystore(
        edited((f) => (f['version'] = 2)),
        PASSWORD,
      ),
      'VERSION_TOO_NEW',
    )
    expectXchatError(() => keystoreNeedsPassword(edited((f) => (f['version'] = 99))), 'VERSION_TOO_NEW')
  })

  it.each([0, -1, 0.5, 1.5])('rejects the impossible version %s with KEYSTORE_CORRUPT', async (version) => {
    await expectXchatErrorAsync(
      openKeystore(
        edited((f) => (f['version'] = version)),
        PASSWORD,
      ),
      'KEYSTORE_CORRUPT',
    )
  })

  it('rejects unprotected contents that are not complete secrets with KEYSTORE_CORRUPT', async () => {
    const contents = [
      '{}',
      '[]',
      'not json',
      '{"mnemonic":"x","passphrase":"","deviceIndex":"0","createdAt":1}',
      '{"mnemonic":1,"passphrase":"","deviceIndex":0,"createdAt":1}',
    ]
    for (const c of contents) {
      const bytes = utf8ToBytes(
        JSON.stringify({ format: 'xchat-keystore', version: 1, kdf: { name: 'none' }, plaintext: bytesToHex(utf8ToBytes(c)) }),
      )
      await expectXchatErrorAsync(openKeystore(bytes, null), 'KEYSTORE_CORRUPT')
    }
  })

  it('throws only XchatError for random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.json().map((j) => utf8ToBytes(j)),
        ),
        async (bytes) => {
          const err = await openKeystore(bytes, PASSWORD).then(
            () => undefined,
            (e: unknown) => e,
          )
          expect(isXchatError(err)).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('unprotected keystore (--no-password)', () => {
  it('round-trips the secrets without a password', async () => {
    const bytes = await sealKeystore(secrets, null)
    expect(keystoreNeedsPassword(bytes)).toBe(false)
    expect(await openKeystore(bytes, null)).toEqual(secrets)
  })

  it('ignores a password given for it', async () => {
    const bytes = await sealKeystore(secrets, null)
    expect(await openKeystore(bytes, 'anything')).toEqual(secrets)
  })

  it('is marked kdf none and carries no cipher fields', async () => {
    const file = readJson(await sealKeystore(secrets, null))
    expect(file['kdf']).toEqual({ name: 'none' })
    expect(file).not.toHaveProperty('ciphertext')
    expect(file).not.toHaveProperty('nonce')
  })
})

/** The hex string with its first byte inverted: always a change (writing 00 was none when the byte was 00 already). */
function flipFirstByte(hex: string): string {
  return `${(parseInt(hex.slice(0, 2), 16) ^ 0xff).toString(16).padStart(2, '0')}${hex.slice(2)}`
}
