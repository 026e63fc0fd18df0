/**
 * Every anti-abuse limit of 1:1 sessions, with its reason. Byte sizes of the
 * encoded messages and state live in wire/limits.ts.
 */

/**
 * Most message keys one incoming message may make us skip in one chain
 * (Double Ratchet spec §4, MAX_SKIP). A peer can send 1000 messages while
 * one is lost or late; more is a forged header asking for work. It also bounds
 * the HMACs a single forged header costs (2 × 1000).
 */
export const MAX_SKIP = 1000

/**
 * Most skipped message keys a session keeps, oldest evicted first
 * (libsignal's MAX_MESSAGE_KEYS is the same 2000). Bounds the persisted state
 * (≈ 90 bytes each, so ≈ 180 KB) and how long a session holds old keys.
 */
export const MAX_SKIPPED_KEYS = 2000

/**
 * How long a skipped message key is kept: 30 days. Mail for an offline device
 * waits on relays no longer than that, so a later message will not come; and an
 * old key kept forever would undo forward secrecy for its message.
 */
export const MAX_SKIPPED_KEY_AGE_MS = 30 * 24 * 60 * 60 * 1000

/**
 * Sessions kept with one peer device: the one we send on plus older ones that
 * still decrypt late messages. Two are needed when both sides start at once;
 * a few more cover a peer that reinstalls while old mail is in flight.
 * Bounds the record to 5 × MAX_SESSION_STATE_BYTES.
 */
export const MAX_SESSIONS_PER_RECORD = 5

/**
 * Largest plaintext of one message: a chat message or one file chunk (files
 * travel in smaller chunks). Bounds what one frame from a peer costs to hold.
 */
export const MAX_PLAINTEXT_BYTES = 256 * 1024

/** Highest message counter: N and PN are uint32 on the wire. */
export const MAX_COUNTER = 2 ** 32 - 1

/**
 * One-time prekeys in one published bundle. A bundle rides in the directory
 * record, whose 16 KiB is shared by up to 32 devices; a device hands out
 * more one-time prekeys directly when it is online.
 */
export const MAX_ONE_TIME_PREKEYS_PER_BUNDLE = 16
