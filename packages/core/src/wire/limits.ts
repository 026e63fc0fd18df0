/**
 * Every size limit on bytes that cross a wire or a disk, with its reason.
 * Decoders check these before allocating.
 */

/** A device certificate: 2 × 33-byte keys + 64-byte signature + small ints ≈ 150 bytes; 512 leaves room for new fields. */
export const MAX_DEVICE_CERTIFICATE_BYTES = 512

/** The keystore file: a few hundred bytes of JSON; anything near 64 KiB is not ours. */
export const MAX_KEYSTORE_BYTES = 64 * 1024
