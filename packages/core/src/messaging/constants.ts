/**
 * The messaging protocol's versions, labels and timings. Changing a version or
 * label is a protocol change: update docs/protocol/messaging.md in the same commit.
 * Byte limits live in wire/limits.ts.
 */

/** Version of Envelope and DeliveryAck. */
export const ENVELOPE_VERSION = 1

/** Version of Content. */
export const CONTENT_VERSION = 1

/** Label in front of the envelope fields the session AEAD authenticates. */
export const ENVELOPE_AD_LABEL = 'xchat/envelope/v1'

/** Length of a message id: 128 random bits never collide in practice. */
export const MESSAGE_ID_LENGTH = 16

/** Envelope.session_type values. */
export const SESSION_TYPE = { prekey: 1, ratchet: 2 } as const

/** Receipt.kind values. */
export const RECEIPT_KIND = { delivered: 1, read: 2 } as const

/** FileControl.kind values (docs/protocol/files.md). */
export const FILE_CONTROL_KIND = { complete: 1, cancelled: 2 } as const

/** A file id: the SHA-256 of an encoded manifest. */
export const FILE_ID_LENGTH = 32

/** DeliveryAck.status values. */
export const ACK_STATUS = { stored: 1, duplicate: 2, rejected: 3 } as const

/** Longest DeliveryAck.reason (an error code, never user data). */
export const MAX_ACK_REASON_LENGTH = 64

/**
 * How long an undelivered envelope is retried: 30 days, as long as relays keep
 * mail and sessions keep skipped keys; later it could not be decrypted anyway.
 */
export const OUTBOX_TTL_MS = 30 * 24 * 60 * 60 * 1000

/** How long mail is asked to stay on relays (they cap it at their own maximum). */
export const MAIL_TTL_MS = 30 * 24 * 60 * 60 * 1000

/** First retry delay; doubled per failed attempt up to {@link RETRY_MAX_MS}. */
export const RETRY_BASE_MS = 2_000

/** Longest wait between two attempts of an envelope. */
export const RETRY_MAX_MS = 5 * 60 * 1000

/** How long a direct attempt (dial + frame + ack) may take before the mailbox is tried. */
export const DIRECT_TIMEOUT_MS = 5_000

/**
 * Envelopes to one device waiting for their acks at once (a window over the
 * direct stream, net/ DIRECT_WINDOW): the receiver makes a burst durable with few disk syncs.
 */
export const DIRECT_WINDOW = 128

/** After a failed direct attempt, go straight to mailboxes for this long (an offline device costs no more dials). */
export const DIRECT_BACKOFF_MS = 30_000

/** How long a mailbox deposit or a prekey take may take. */
export const MAILBOX_TIMEOUT_MS = 10_000

/** Mailboxes that must confirm a deposit: losing one relay then loses nothing (a device on one relay: that one). */
export const MIN_MAILBOX_ACKS = 2

/**
 * Waits before asking the directory again after a miss (NOT_FOUND / UNREACHABLE):
 * right after a peer (re)connects its DHT routing table may still be filling, and
 * a lookup then fails although the record is there.
 */
export const DEVICE_LOOKUP_RETRY_MS: readonly number[] = [300, 1_200]

/** How long a resolved account's devices are reused before the directory is asked again. */
export const DEVICE_CACHE_MS = 5 * 60 * 1000

/** Delivered receipts wait this long to be sent together. */
export const RECEIPT_BATCH_MS = 200

/**
 * A gap in a device's seqs is asked for again only after this long: messages
 * taking different paths (direct, two mailboxes) may arrive out of order.
 */
export const GAP_GRACE_MS = 3_000

/** A resend request for the same stream is not repeated sooner than this. */
export const RESEND_INTERVAL_MS = 60_000

/** Seqs above a gap a receive cursor keeps; beyond that the gap is given up (reported, not waited for). */
export const MAX_CURSOR_AHEAD = 1024

/** Sessions reset (a new handshake, content encrypted again) for one envelope before it is given up. */
export const MAX_SESSION_RESETS = 2

/** Envelopes held back for an unaccepted identity change, per database. */
export const MAX_HELD_ENVELOPES = 1000

/** How often the mailboxes of this device are polled while running. */
export const MAILBOX_POLL_MS = 30_000

/**
 * Most items (messages composed, envelopes received, deliveries ended) one
 * group commit takes: a burst shares a store batch and a disk sync, but one
 * batch stays small (a few hundred KB of sealed records) and the first
 * message of a burst is not held back behind thousands of others.
 */
export const MAX_GROUP_ITEMS = 64
