import type { AccountId } from '../identity/index.js'
import { jsonCodec, read, hex } from './codecs.js'

/**
 * A file this device offers to an account, kept until the recipient says it
 * holds the whole file or either side cancels, so serving survives a restart.
 * The source is named by a platform locator (a path on Node); the chunk list
 * is kept so the file need not be read again to serve it.
 */
export interface FileOfferRecord {
  /** SHA-256 of the encoded manifest, hex (also the record's key). */
  readonly fileId: string
  /** The recipient account. */
  readonly to: AccountId
  /** Where the platform finds the plaintext again (a file path on Node). */
  readonly locator: string
  /** The encoded manifest. */
  readonly manifest: Uint8Array
  /** SHA-256 of each encrypted chunk, concatenated. */
  readonly chunkList: Uint8Array
  /** ms since the Unix epoch */
  readonly createdAt: number
}

export const fileOfferCodec = jsonCodec<FileOfferRecord>(
  (r) => ({ ...r, manifest: hex(r.manifest), chunkList: hex(r.chunkList) }),
  (j) => {
    const o = read.object(j)
    return {
      fileId: read.string(o.fileId),
      to: read.string(o.to) as AccountId,
      locator: read.string(o.locator),
      manifest: read.bytes(o.manifest),
      chunkList: read.bytes(o.chunkList),
      createdAt: read.int(o.createdAt),
    }
  },
)
