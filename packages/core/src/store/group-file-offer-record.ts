import type { AccountId } from '../identity/index.js'
import { jsonCodec, read, hex } from './codecs.js'

/**
 * A file this device offers to a group, kept so serving survives a restart:
 * until every member it was sent to (and still a member) says it holds the
 * whole file, the message expires, it is cancelled, or `expiresAt` passes.
 * As {@link FileOfferRecord}: the source is named by a platform locator and the
 * chunk list is kept so the file need not be read again to serve it. Who may
 * fetch is not stored: it is whoever is a member when they ask.
 */
export interface GroupFileOfferRecord {
  /** SHA-256 of the encoded manifest, hex (also the record's key). */
  readonly fileId: string
  /** The group id, hex. */
  readonly group: string
  /** Where the platform finds the plaintext again (a file path on Node). */
  readonly locator: string
  /** The encoded manifest. */
  readonly manifest: Uint8Array
  /** SHA-256 of each encrypted chunk, concatenated. */
  readonly chunkList: Uint8Array
  /** The other members when it was sent: the offer ends once each (still a member) holds the file. */
  readonly members: readonly AccountId[]
  /** Those of `members` that reported holding the whole verified file. */
  readonly completedBy: readonly AccountId[]
  /** ms since the Unix epoch */
  readonly createdAt: number
  /** Served no longer than this (ms since the Unix epoch): the message's own timer, at most a relay's mail lifetime. */
  readonly expiresAt: number
}

const accounts = (j: unknown): AccountId[] => read.array(j, (x) => read.string(x) as AccountId)

export const groupFileOfferCodec = jsonCodec<GroupFileOfferRecord>(
  (r) => ({ ...r, manifest: hex(r.manifest), chunkList: hex(r.chunkList) }),
  (j) => {
    const o = read.object(j)
    return {
      fileId: read.string(o.fileId),
      group: read.string(o.group),
      locator: read.string(o.locator),
      manifest: read.bytes(o.manifest),
      chunkList: read.bytes(o.chunkList),
      members: accounts(o.members),
      completedBy: accounts(o.completedBy),
      createdAt: read.int(o.createdAt),
      expiresAt: read.int(o.expiresAt),
    }
  },
)
