/**
 * The session protocol's labels and versions. Changing one is a protocol
 * change: update docs/protocol/session.md and the golden vectors in the same commit.
 */

/** Version of PreKeyMessage and RatchetMessage on the wire. */
export const SESSION_VERSION = 1

/**
 * Version of the persisted SessionState / SessionRecord. 2: the sending
 * ratchet key and chain may be absent (the sending half of a DH ratchet step
 * not made yet). Version 1 states (always with a sending chain) still load.
 */
export const SESSION_STATE_VERSION = 2

/** Oldest persisted SessionState / SessionRecord version that still loads. */
export const MIN_SESSION_STATE_VERSION = 1

/** Version of a published PrekeyBundle. */
export const PREKEY_BUNDLE_VERSION = 1

/** Domain label of the device key's signature over a signed prekey. */
export const SIGNED_PREKEY_DOMAIN = 'xchat/signed-prekey/v1'

/** HKDF info of the X3DH shared secret SK. */
export const X3DH_INFO = 'xchat/x3dh/v1'

/** HKDF info of KDF_RK (the root chain). */
export const ROOT_KDF_INFO = 'xchat/ratchet/root/v1'

/** HKDF info that expands a message key into an AEAD key and nonce. */
export const MESSAGE_KEY_INFO = 'xchat/ratchet/message-key/v1'

/** KDF_CK: HMAC-SHA256(ck, 0x01) is the message key (Double Ratchet spec §5.2). */
export const MESSAGE_KEY_CONSTANT = 0x01

/** KDF_CK: HMAC-SHA256(ck, 0x02) is the next chain key (Double Ratchet spec §5.2). */
export const CHAIN_KEY_CONSTANT = 0x02

/** Length of root, chain and message keys. */
export const SYMMETRIC_KEY_LENGTH = 32
