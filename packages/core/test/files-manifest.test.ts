/** Manifest and chunk crypto without a network. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  bytesSource,
  chunkCount,
  decryptChunk,
  encodeManifest,
  encryptChunk,
  isXchatError,
  parseManifest,
  prepareFile,
  DEFAULT_CHUNK_BYTES,
} from '../src/index.js'
import { limits } from '../src/wire/index.js'

const key = new Uint8Array(32).fill(7)

describe('chunk encryption', () => {
  it('decrypts a chunk only at its own index and under its own key', () => {
    const sealed = encryptChunk(key, 5, Uint8Array.from([1, 2, 3]))
    expect(sealed.length).toBe(3 + 16)
    expect(decryptChunk(key, 5, sealed)).toEqual(Uint8Array.from([1, 2, 3]))
    expect(decryptChunk(key, 4, sealed)).toBeUndefined()
    expect(decryptChunk(new Uint8Array(32), 5, sealed)).toBeUndefined()
  })

  it('is deterministic per (key, index), so a sender can re-encrypt after a restart', () => {
    expect(encryptChunk(key, 1, Uint8Array.from([9]))).toEqual(encryptChunk(key, 1, Uint8Array.from([9])))
    expect(encryptChunk(key, 1, Uint8Array.from([9]))).not.toEqual(encryptChunk(key, 2, Uint8Array.from([9])))
  })

  it('rejects a key of the wrong length and an index out of range', () => {
    expect(() => encryptChunk(new Uint8Array(16), 0, new Uint8Array(1))).toThrow(RangeError)
    expect(() => encryptChunk(key, -1, new Uint8Array(1))).toThrow(RangeError)
  })
})

describe('manifest', () => {
  it('round-trips and names the file by the hash of its bytes', async () => {
    const file = await prepareFile(bytesSource(new Uint8Array(1000)), { name: 'a.txt', mime: 'text/plain' })
    const parsed = parseManifest(file.bytes)
    expect(parsed.manifest).toEqual(file.manifest)
    expect(parsed.id).toEqual(file.id)
    expect(file.bytes.length).toBeLessThanOrEqual(limits.MAX_FILE_MANIFEST_BYTES)
  })

  it('gives two offers of the same bytes different ids and keys', async () => {
    const a = await prepareFile(bytesSource(new Uint8Array(10)), { name: 'x' })
    const b = await prepareFile(bytesSource(new Uint8Array(10)), { name: 'x' })
    expect(a.id).not.toEqual(b.id)
    expect(a.manifest.key).not.toEqual(b.manifest.key)
  })

  it('raises the chunk size so a large file stays within MAX_FILE_CHUNKS', () => {
    // an 8 GiB file: 256 KiB chunks would be 32768 of them, 512 KiB chunks fit
    const m = {
      name: 'big',
      size: 8 * 1024 ** 3,
      mime: '',
      chunkSize: DEFAULT_CHUNK_BYTES * 2,
      key,
      chunksRoot: key,
      sha256: key,
      salt: new Uint8Array(16),
    }
    expect(chunkCount(m)).toBeLessThanOrEqual(limits.MAX_FILE_CHUNKS)
    expect(() => encodeManifest({ ...m, chunkSize: DEFAULT_CHUNK_BYTES })).toThrow()
  })

  it('refuses a manifest with a bad key, chunk size or name', () => {
    const m = { name: 'x', size: 1, mime: '', chunkSize: DEFAULT_CHUNK_BYTES, key, chunksRoot: key, sha256: key, salt: new Uint8Array(16) }
    expect(() => encodeManifest({ ...m, key: new Uint8Array(31) })).toThrow()
    expect(() => encodeManifest({ ...m, chunkSize: 1 })).toThrow()
    expect(() => encodeManifest({ ...m, name: 'n'.repeat(256) })).toThrow()
  })

  it('gives only typed errors for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        try {
          parseManifest(bytes)
        } catch (err) {
          expect(isXchatError(err)).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
