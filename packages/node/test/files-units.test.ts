import { describe, it, expect } from 'vitest'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nobleFileCrypto, ringReader } from '@xchat/core'
import { diskSink, fileSource, nativeFileCrypto, numberedName, sanitiseName } from '../src/files/index.js'

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

  it('seals into parts and opens parts split anywhere, the tag straddling two, like the one-buffer calls', () => {
    const key = new Uint8Array(randomBytes(32))
    for (const size of [0, 1, 100, 256 * 1024]) {
      const plain = new Uint8Array(randomBytes(size))
      const whole = native.encryptChunk(key, 9, plain)
      const parts = native.sealChunk?.(key, 9, plain) ?? []
      expect(Buffer.concat(parts)).toEqual(Buffer.from(whole))
      for (const cuts of [[], [1], [size], [size + 8], [size + 15], [3, size + 1], [0, 0, size + 16]]) {
        const pieces: Uint8Array[] = []
        let from = 0
        for (const cut of [...cuts.filter((c) => c <= whole.length).sort((a, b) => a - b), whole.length]) {
          pieces.push(whole.subarray(from, cut))
          from = cut
        }
        expect(Buffer.concat(native.openChunk?.(key, 9, pieces) ?? [Buffer.from('refused')])).toEqual(Buffer.from(plain))
      }
      const bad = Uint8Array.from(whole)
      bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1 // the tag's last byte, in the second part
      expect(native.openChunk?.(key, 9, [bad.subarray(0, bad.length - 8), bad.subarray(bad.length - 8)])).toBeUndefined()
      expect(native.openChunk?.(key, 10, [whole])).toBeUndefined()
    }
    expect(native.openChunk?.(key, 0, [new Uint8Array(5), new Uint8Array(3)])).toBeUndefined()
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

describe('disk sink', () => {
  it('writes chunks given as parts, in order, and places the verified file under its name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xchat-sink-'))
    const sink = diskSink(join(dir, 'x.part'), dir, 'photo.jpg')
    const bytes = new Uint8Array(randomBytes(3 * 100_000 + 7))
    const chunk = 100_000
    for (let at = 0; at < bytes.length; at += chunk) {
      const c = bytes.subarray(at, at + chunk)
      // uneven parts, an empty one included, as a transport delivers them
      await sink.writeParts?.(at, [c.subarray(0, 10), c.subarray(10, 10), c.subarray(10, 60_000), c.subarray(60_000)])
    }
    expect(Buffer.from((await sink.read?.(chunk, 20)) ?? [])).toEqual(Buffer.from(bytes.subarray(chunk, chunk + 20)))
    await sink.finish()
    expect(sink.savedPath).toBe(join(dir, 'photo.jpg'))
    expect(Buffer.from(await readFile(join(dir, 'photo.jpg')))).toEqual(Buffer.from(bytes))
    expect(await readdir(dir)).toEqual(['photo.jpg'])
  })
})

describe('file source', () => {
  it('reads chunks into two reused buffers, one read ahead, with the bytes of the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xchat-source-'))
    const bytes = new Uint8Array(randomBytes(5 * 1000 + 3))
    await writeFile(join(dir, 'f.bin'), bytes)
    const source = await fileSource(join(dir, 'f.bin'))
    const read = ringReader(source, 1000)
    const seen: ArrayBufferLike[] = []
    let next = read(0, 1000)
    for (let i = 0; i * 1000 < bytes.length; i++) {
      const chunk = await next
      const at = (i + 1) * 1000
      if (at < bytes.length) next = read(at, Math.min(1000, bytes.length - at))
      expect(Buffer.from(chunk)).toEqual(Buffer.from(bytes.subarray(i * 1000, i * 1000 + 1000)))
      seen.push(chunk.buffer)
    }
    expect(new Set(seen).size).toBe(2)
    expect(Buffer.from(await source.read(4000, 1003))).toEqual(Buffer.from(bytes.subarray(4000)))
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
