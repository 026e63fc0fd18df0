import { describe, it, expect } from 'vitest'
import { randomBytes } from 'node:crypto'
import { nobleFileCrypto } from '@xchat/core'
import { nativeFileCrypto, numberedName, sanitiseName } from '../src/files/index.js'

describe('native file crypto', () => {
  const native = nativeFileCrypto()

  it('seals and opens chunks exactly like the pure-JS XChaCha20-Poly1305', () => {
    for (const [index, size] of [
      [0, 0],
      [1, 1],
      [7, 1000],
      [0xffffffff, 256 * 1024],
    ] as const) {
      const key = new Uint8Array(randomBytes(32))
      const plain = new Uint8Array(randomBytes(size))
      const sealed = native.encryptChunk(key, index, plain)
      expect(Buffer.from(sealed)).toEqual(Buffer.from(nobleFileCrypto.encryptChunk(key, index, plain)))
      expect(Buffer.from(native.decryptChunk(key, index, sealed) ?? [])).toEqual(Buffer.from(plain))
      expect(Buffer.from(nobleFileCrypto.decryptChunk(key, index, sealed) ?? [])).toEqual(Buffer.from(plain))
    }
  })

  it('refuses a chunk at another index, under another key, or with a flipped bit', () => {
    const key = new Uint8Array(randomBytes(32))
    const sealed = native.encryptChunk(key, 3, new Uint8Array(randomBytes(500)))
    expect(native.decryptChunk(key, 4, sealed)).toBeUndefined()
    expect(native.decryptChunk(new Uint8Array(randomBytes(32)), 3, sealed)).toBeUndefined()
    const bad = Uint8Array.from(sealed)
    bad[10] = (bad[10] ?? 0) ^ 1
    expect(native.decryptChunk(key, 3, bad)).toBeUndefined()
    expect(native.decryptChunk(key, 3, new Uint8Array(5))).toBeUndefined()
  })

  it('hashes like SHA-256, whole and incrementally', () => {
    const bytes = new Uint8Array(randomBytes(100_000))
    expect(Buffer.from(native.sha256(bytes))).toEqual(Buffer.from(nobleFileCrypto.sha256(bytes)))
    const h = native.createSha256()
    h.update(bytes.subarray(0, 333))
    h.update(bytes.subarray(333))
    expect(Buffer.from(h.digest())).toEqual(Buffer.from(nobleFileCrypto.sha256(bytes)))
  })
})

describe('received file names', () => {
  it.each([
    ['../../etc/passwd', 'etc_passwd'],
    ['..', 'file'],
    ['.', 'file'],
    ['', 'file'],
    ['.bashrc', 'bashrc'],
    ['a\\b/c', 'a_b_c'],
    ['report\u0000.pdf', 'report.pdf'],
    ['bill\u202egnp.exe', 'billgnp.exe'],
    ['x..y', 'x.y'],
    ['name. ', 'name'],
    ['C:\\Windows\\x.dll', 'C__Windows_x.dll'],
  ])('makes %j one safe name: %j', (input, output) => {
    expect(sanitiseName(input)).toBe(output)
  })

  it('keeps long names under 200 characters with their extension', () => {
    const name = sanitiseName(`${'a'.repeat(500)}.tar.gz`)
    expect(name.length).toBe(200)
    expect(name.endsWith('.gz')).toBe(true)
  })

  it('numbers alternatives before the extension', () => {
    expect(numberedName('a.bin', 0)).toBe('a.bin')
    expect(numberedName('a.bin', 2)).toBe('a (2).bin')
    expect(numberedName('README', 1)).toBe('README (1)')
  })
})
