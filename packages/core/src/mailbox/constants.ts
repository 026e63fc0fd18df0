/**
 * The mailbox protocol's IDs, labels and formats. Changing one is a protocol
 * change: update docs/protocol/mailbox.md and the golden vectors in the same commit.
 */

/** libp2p protocol of relay mailboxes. */
export const MAILBOX_PROTOCOL = '/xchat/mailbox/1.0.0'

/** Version of MailboxRequest / MailboxResponse. */
export const MAILBOX_VERSION = 1

/** Version of a SealedEnvelope. */
export const SEAL_VERSION = 1

/** Version of the StoredMail a relay persists. */
export const STORED_MAIL_VERSION = 1

/** HKDF info of the envelope key (salt: ephemeral public key ‖ recipient public key). */
export const SEAL_INFO = 'xchat/mailbox-seal/v1'

/** Prefix of the hash that names a device's mailbox for one epoch. */
export const MAILBOX_ID_LABEL = 'xchat/mailbox-id/v1'

/** Signature domain of the key proof of a fetch. */
export const FETCH_PROOF_DOMAIN = 'xchat/mailbox-fetch/v1'

/** Signature domain of the key proof of an ack. */
export const ACK_PROOF_DOMAIN = 'xchat/mailbox-ack/v1'

/** Signature domain of the key proof of a one-time prekey upload. */
export const PREKEY_UPLOAD_PROOF_DOMAIN = 'xchat/mailbox-prekeys/v1'

/** Mailbox ids rotate once per epoch: one UTC day. */
export const MAILBOX_EPOCH_MS = 24 * 60 * 60 * 1000

/** A mailbox id: SHA-256 output. */
export const MAILBOX_ID_LENGTH = 32

/** A mail id: mailbox id (32) ‖ u64be(received at) ‖ 8 random bytes. */
export const MAIL_ID_LENGTH = MAILBOX_ID_LENGTH + 8 + 8

/** Random bytes in a key proof. */
export const PROOF_NONCE_LENGTH = 16

/**
 * How far a key proof's timestamp may be from the relay's clock: ±5 minutes,
 * the usual tolerance for unsynchronised consumer clocks (Kerberos uses the same).
 */
export const PROOF_MAX_SKEW_MS = 5 * 60 * 1000

/**
 * How long mail waits on a relay by default, and at most: 30 days, the same as
 * a session keeps skipped message keys (session/limits.ts MAX_SKIPPED_KEY_AGE_MS).
 */
export const MAX_MAIL_AGE_MS = 30 * 24 * 60 * 60 * 1000
