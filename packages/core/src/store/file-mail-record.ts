import { bytesCodec } from './codecs.js'

/**
 * A piece of a file that came through this device's mailboxes (file mail,
 * docs/protocol/files.md), kept until the file is received, cancelled, or
 * too old. Keyed `<file id>!<kind>!<chunk>!<offset>`, so a file's pieces are
 * one key range and a duplicate overwrites itself.
 */
export interface FileMailRecord {
  /** ms since the Unix epoch: pieces of a file never offered are dropped after the mail age limit. */
  readonly receivedAt: number
  /** The unsealed inner bytes (marker byte and FileMail), as received. */
  readonly mail: Uint8Array
}

/** u64be(receivedAt) ‖ mail: the piece is bytes already, JSON would double it. */
export const fileMailCodec = bytesCodec<FileMailRecord>(
  (r) => {
    const out = new Uint8Array(8 + r.mail.length)
    new DataView(out.buffer).setBigUint64(0, BigInt(r.receivedAt))
    out.set(r.mail, 8)
    return out
  },
  (bytes) => {
    if (bytes.length < 9) throw new TypeError('file mail record is too short')
    const receivedAt = Number(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0))
    return { receivedAt, mail: bytes.slice(8) }
  },
)
