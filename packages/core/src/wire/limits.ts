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
