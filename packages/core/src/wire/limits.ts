/**
 * Every size limit on bytes that cross a wire or a disk, with its reason.
 * Decoders check these before allocating.
 */

/** A device certificate: 2 × 33-byte keys + 64-byte signature + small ints ≈ 150 bytes; 512 leaves room for new fields. */
export const MAX_DEVICE_CERTIFICATE_BYTES = 512

/** The keystore file: a few hundred bytes of JSON; anything near 64 KiB is not ours. */
export const MAX_KEYSTORE_BYTES = 64 * 1024

/**
 * A signed directory record. One device entry is ≈ 150 bytes of certificate +
 * addresses (≈ 60 bytes each) + a prekey bundle (≈ 200 bytes); 16 KiB covers
 * {@link MAX_DEVICES_PER_RECORD} typical devices and keeps a DHT server's
 * per-account cost small (a relay may hold records for many accounts).
 */
export const MAX_DIRECTORY_RECORD_BYTES = 16 * 1024

/**
 * Devices listed in one account record: far more than a person uses, small
 * enough that resolving an account never fans out to hundreds of peers.
 */
export const MAX_DEVICES_PER_RECORD = 32

/**
 * Addresses per device: a peer keeps reservations on a few relays, each with
 * a TCP and a WebSockets address, plus its own public addresses.
 */
export const MAX_ADDRS_PER_DEVICE = 16

/** One multiaddr: a DNS name (≤ 253) plus protocols and two PeerIds fit in 512 bytes. */
export const MAX_MULTIADDR_BYTES = 512

/**
 * One RatchetMessage: MAX_PLAINTEXT_BYTES (256 KiB, session/limits.ts) plus
 * a 16-byte tag, a header of ≤ 50 bytes and protobuf framing; 512 bytes of room.
 */
export const MAX_RATCHET_MESSAGE_BYTES = 256 * 1024 + 512

/** An encoded RatchetHeader: a 33-byte key and two uint32 counters is ≤ 47 bytes; 128 leaves room for new fields. */
export const MAX_RATCHET_HEADER_BYTES = 128

/** One PreKeyMessage: a RatchetMessage plus two 33-byte keys and two ids (≤ 90 bytes). */
export const MAX_PREKEY_MESSAGE_BYTES = MAX_RATCHET_MESSAGE_BYTES + 256

/**
 * A published prekey bundle: a signed prekey (≈ 115 bytes) and up to 16
 * one-time prekeys (≈ 42 bytes each) is ≈ 800 bytes.
 */
export const MAX_PREKEY_BUNDLE_BYTES = 1024

/**
 * One persisted SessionState: ≈ 350 bytes of keys and counters plus up to
 * MAX_SKIPPED_KEYS (2000, session/limits.ts) skipped keys of ≤ 89 bytes each.
 */
export const MAX_SESSION_STATE_BYTES = 192 * 1024

/** A SessionRecord: MAX_SESSIONS_PER_RECORD (5, session/limits.ts) states and framing. */
export const MAX_SESSION_RECORD_BYTES = 5 * (MAX_SESSION_STATE_BYTES + 8) + 16

// ---- mailboxes (docs/protocol/mailbox.md) ----

/**
 * One sealed envelope a relay stores: 64 KiB holds a chat message, a receipt
 * or a small file chunk sealed for one device. Larger content (files) goes
 * direct or in chunks; a later protocol version may raise this.
 */
export const MAX_ENVELOPE_BYTES = 64 * 1024

/**
 * Sealing adds ≤ 128 bytes: version (2), ephemeral key (35), nonce (26),
 * ciphertext framing (≤ 4) and the 16-byte tag, so the inner bytes may be this large.
 */
export const MAX_SEALED_PLAINTEXT_BYTES = MAX_ENVELOPE_BYTES - 128

/**
 * One MailboxRequest frame. The largest is a deposit: an envelope plus a
 * 32-byte mailbox id and an expiry; an upload of MAX_PREKEYS_PER_UPLOAD
 * prekeys is ≈ 4.3 KiB. 1 KiB of room for framing and the key proof.
 */
export const MAX_MAILBOX_REQUEST_BYTES = MAX_ENVELOPE_BYTES + 1024

/**
 * Envelope bytes in one fetch answer: 1 MiB keeps one answer well inside a
 * relayed connection's data limit (16 MiB) and a browser's memory; the owner
 * acks and fetches again for more.
 */
export const MAX_FETCH_BATCH_BYTES = 1024 * 1024

/** Envelopes in one fetch answer: bounds per-item work; an ack of one batch fits MAX_ACK_IDS. */
export const MAX_FETCH_BATCH_COUNT = 256

/**
 * One MailboxResponse frame: a fetch batch (≤ 1 MiB of envelopes, or one
 * envelope when it alone is larger) plus ≤ 128 bytes of ids, times and
 * framing per envelope.
 */
export const MAX_MAILBOX_RESPONSE_BYTES = Math.max(MAX_FETCH_BATCH_BYTES, MAX_ENVELOPE_BYTES) + MAX_FETCH_BATCH_COUNT * 128 + 1024

/**
 * Mailbox ids in one fetch: mailbox ids rotate daily, so 30 days of mail
 * (the maximum age) is 31 ids, plus the next day's for senders whose clock is
 * ahead, and room for clock skew.
 */
export const MAX_FETCH_MAILBOX_IDS = 40

/** Mail ids in one ack: one fetch batch. */
export const MAX_ACK_IDS = MAX_FETCH_BATCH_COUNT

/** One-time prekeys in one upload: a device tops up in batches of ≤ 100 (≈ 4.3 KiB). */
export const MAX_PREKEYS_PER_UPLOAD = 100

/**
 * Mail a relay keeps in one mailbox by default. Mailboxes rotate daily, so
 * this is per device per day: far more than a person receives while offline
 * for a day, and a flooder fills one mailbox, not the relay.
 */
export const MAX_MAIL_PER_MAILBOX = 1000

/**
 * Envelope bytes a relay keeps in one mailbox by default: 32 MiB holds one
 * file sent to an offline device at the clients' default mailbox file limit
 * (25 MiB of file mail, docs/protocol/files.md) plus thousands of ordinary
 * messages (most are < 1 KiB). Mailboxes rotate daily, so a flooder fills one
 * device's day, and the relay's total budget (maxTotalBytes) still bounds the disk.
 */
export const MAX_MAILBOX_BYTES = 32 * 1024 * 1024

/**
 * One-time prekeys a relay keeps per device by default: a device uploads
 * ≈ 100 and tops up; 200 bounds what a device can make a relay store.
 */
export const MAX_PREKEYS_PER_DEVICE = 200

// ---- messaging (docs/protocol/messaging.md) ----

/**
 * UTF-8 bytes of one text message: 32 KiB is ≈ 8–32 thousand characters,
 * longer than any chat message; longer text travels as a file. Keeps a text
 * envelope well inside a mailbox envelope (MAX_SEALED_PLAINTEXT_BYTES).
 */
export const MAX_TEXT_BYTES = 32 * 1024

/** Message ids in one receipt: a receiver batches receipts, 256 × 18 bytes ≈ 4.6 KiB. */
export const MAX_RECEIPT_IDS = 256

/** Seqs in one resend request: a gap larger than this is asked for in several requests. */
export const MAX_RESEND_SEQS = 256

/**
 * An encoded Content: the largest body is a text (MAX_TEXT_BYTES) or a full
 * receipt (≈ 4.6 KiB), plus ≤ 80 bytes of id, conversation, time and seq.
 */
export const MAX_CONTENT_BYTES = MAX_TEXT_BYTES + 1024

/**
 * One Envelope: a PreKeyMessage (session limits allow MAX_PREKEY_MESSAGE_BYTES
 * for later file chunks) plus three 33-byte keys, a certificate
 * (≤ MAX_DEVICE_CERTIFICATE_BYTES) and framing. This bounds a
 * '/xchat/msg/1.0.0' frame; mail is further bounded by MAX_SEALED_PLAINTEXT_BYTES.
 */
export const MAX_MESSAGING_ENVELOPE_BYTES = MAX_PREKEY_MESSAGE_BYTES + 1024

/** A DeliveryAck: a status and a reason of ≤ 64 characters. */
export const MAX_DELIVERY_ACK_BYTES = 128

/**
 * Plaintext bytes per file chunk, at most: a chunk is read, encrypted, hashed
 * and written whole, so this bounds a transfer's memory per chunk in flight;
 * 1 MiB keeps several chunks in flight far below libp2p's 4 MiB unread-stream limit.
 */
export const MAX_CHUNK_BYTES = 1024 * 1024

/** Plaintext bytes per file chunk, at least: smaller chunks only add per-chunk overhead (tag, hash, frame). */
export const MIN_CHUNK_BYTES = 16 * 1024

/**
 * Chunks in one file: the chunk list (32 bytes each, 512 KiB in all) is fetched
 * and held whole while the file is received.
 */
export const MAX_FILE_CHUNKS = 16384

/** The largest file the protocol can describe: MAX_FILE_CHUNKS × MAX_CHUNK_BYTES = 16 GiB. */
export const MAX_FILE_BYTES = MAX_FILE_CHUNKS * MAX_CHUNK_BYTES

/** A file name in a manifest: 255 bytes is the longest name common file systems store. */
export const MAX_FILE_NAME_BYTES = 255

/** A MIME type in a manifest: RFC 6838 caps type and subtype at 127 characters each. */
export const MAX_MIME_BYTES = 255

/** An encoded FileManifest: name and MIME type plus ≤ 150 bytes of sizes, key, hashes and salt. */
export const MAX_FILE_MANIFEST_BYTES = MAX_FILE_NAME_BYTES + MAX_MIME_BYTES + 256

/** A FileRequest: a 32-byte id and three small integers. */
export const MAX_FILE_REQUEST_BYTES = 128

/**
 * Chunks one FileRequest may ask for: a sender answers a request whole before
 * reading the next, so this bounds the work one frame can order (64 × 1 MiB).
 * Receivers ask for far less at a time (files/constants.ts REQUEST_BYTES).
 */
export const MAX_CHUNKS_PER_REQUEST = 64

/** A FileChunk frame: the chunk list (the largest answer) or a chunk plus its tag and framing. */
export const MAX_FILE_CHUNK_FRAME_BYTES = Math.max(MAX_FILE_CHUNKS * 32, MAX_CHUNK_BYTES + 16) + 64

/**
 * A session description: Chromium's audio + video offer with a handful of
 * codecs is 4–7 KiB; 16 KiB leaves room for more codecs or tracks and keeps
 * a signal well inside one Content.
 */
export const MAX_SDP_BYTES = 16 * 1024

/** One a=candidate line is under 200 bytes; 1 KiB is not a candidate. */
export const MAX_ICE_CANDIDATE_BYTES = 1024

/** Candidates batched in one signal: a device gathers a few per interface and server. */
export const MAX_ICE_CANDIDATES_PER_SIGNAL = 16

/** An encoded CallSignal: an SDP or a batch of candidates plus small fields. */
export const MAX_CALL_SIGNAL_BYTES = Math.max(MAX_SDP_BYTES, MAX_ICE_CANDIDATES_PER_SIGNAL * (MAX_ICE_CANDIDATE_BYTES + 64)) + 256

// ---- vault (vault/, docs/protocol/vault.md) ----

/**
 * A sealed vault blob: 256 KiB holds ~2,000 typical text entries, so a
 * 10,000-message history is a handful of blobs, while one blob still fits a
 * relay request frame and a slow mobile upload.
 */
export const MAX_VAULT_BLOB_BYTES = 256 * 1024

/** Entries in one blob: a bound on decode work (each entry is ≥ ~8 bytes). */
export const MAX_VAULT_ENTRIES_PER_BLOB = 16384

/** A vault request: one blob plus ids, keys and a proof. */
export const MAX_VAULT_REQUEST_BYTES = MAX_VAULT_BLOB_BYTES + 1024

/** Blob ids one list answer returns (16 bytes each plus framing: ~24 KiB). */
export const MAX_VAULT_LIST_COUNT = 1000

/** Blob ids one fetch asks for. */
export const MAX_VAULT_FETCH_IDS = 64

/** Blob bytes one fetch answer carries at most: 1 MiB, like a mailbox fetch. */
export const MAX_VAULT_FETCH_BYTES = 1024 * 1024

/** A vault response: a full fetch (the batch may end with one blob that alone passes the batch bound) or a full list. */
export const MAX_VAULT_RESPONSE_BYTES =
  MAX_VAULT_FETCH_BYTES + MAX_VAULT_BLOB_BYTES + MAX_VAULT_FETCH_IDS * 64 + MAX_VAULT_LIST_COUNT * 32 + 1024

/** A device name in a directory record: 64 bytes, a short label ("work laptop") that keeps records small. */
export const MAX_DEVICE_NAME_BYTES = 64

/**
 * Revoked device keys a record carries (33 bytes each, ~2.2 KiB): a record is
 * at most 16 KiB and a user revokes far fewer devices in an account's life;
 * past the limit the oldest revocations drop out (their certificates stay refused by contacts that saw them).
 */
export const MAX_REVOKED_DEVICES = 64

// ── groups (docs/protocol/groups.md) ──

/** A group control (Content field 18) must fit a Content: MAX_CONTENT_BYTES less the Content's own fields. */
export const MAX_GROUP_CONTROL_BYTES = MAX_CONTENT_BYTES - 256

/**
 * Bytes of file data in one mailbox piece (FileMail.data): 60 KiB leaves
 * ≥ 4 KiB of a sealed envelope's MAX_SEALED_PLAINTEXT_BYTES for the FileMail
 * fields (≈ 60 bytes) and the leading marker byte, so a piece always seals.
 */
export const FILE_MAIL_PIECE_BYTES = 60 * 1024

/** One encoded FileMail: a piece and its fields; bounded by what a sealed envelope holds. */
export const MAX_FILE_MAIL_BYTES = MAX_SEALED_PLAINTEXT_BYTES
