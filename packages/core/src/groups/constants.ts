/**
 * Group protocol versions, labels and limits (docs/protocol/groups.md).
 * Changing a version or label is a protocol change.
 */

/** Version of GroupOpBody and GroupInviteBody. */
export const GROUP_OP_VERSION = 1
/** Version of GroupControl. */
export const GROUP_CONTROL_VERSION = 1
/** Version of GroupMessage and GroupPayload. */
export const GROUP_MESSAGE_VERSION = 1

/** Signature domain of a membership op. */
export const OP_DOMAIN = 'xchat/group-op/v1'
/** Signature domain of an invite link. */
export const INVITE_DOMAIN = 'xchat/group-invite/v1'
/** HKDF info turning a sender-chain message key into the AEAD key. */
export const MESSAGE_KEY_INFO = 'xchat/group-msg/v1'
/** Domain in front of what a sender chain's Schnorr signature covers. */
export const MESSAGE_SIG_DOMAIN = 'xchat/group-msg-sig/v1'
/** Domain of the gossip topic name: relays see SHA-256(domain ‖ group id), never the id or name. */
export const TOPIC_DOMAIN = 'xchat/group-topic/v1'

/** GroupOpBody.kind values. */
export const OP_KIND = {
  create: 1,
  add: 2,
  join: 3,
  leave: 4,
  remove: 5,
  promote: 6,
  demote: 7,
  rename: 8,
} as const

/** Group ids are 32 random bytes. */
export const GROUP_ID_LENGTH = 32
/** Sender chain ids: 16 random bytes. */
export const CHAIN_ID_LENGTH = 16
/** Invite nonces: 16 random bytes. */
export const INVITE_NONCE_LENGTH = 16

/** The most members a group may have (the target size). */
export const MAX_GROUP_MEMBERS = 1024
/** Longest group name in UTF-8 bytes. */
export const MAX_GROUP_NAME_BYTES = 128
/** One op: 1024 × 33-byte keys would not fit a control, so one op names at most this many members. */
export const MAX_OP_MEMBERS = 256
/** Largest encoded GroupOp: MAX_OP_MEMBERS keys plus the other fields and an invite. */
export const MAX_GROUP_OP_BYTES = MAX_OP_MEMBERS * 36 + 1024
/** Ops one GroupControl may carry (a new member's catch-up is split into several). */
export const MAX_OPS_PER_CONTROL = 64
/** Largest GroupMessage: a text of MAX_TEXT_BYTES or a file manifest, plus framing. */
export const MAX_GROUP_MESSAGE_BYTES = 34 * 1024

/**
 * Message keys a receiver keeps for skipped iterations of one chain, and the
 * furthest jump forward it derives: a hostile sender cannot make it derive or
 * keep more (libsignal's MAX_MESSAGE_KEYS / MAX_FORWARD_JUMPS).
 */
export const MAX_SKIPPED_KEYS = 2000
export const MAX_FORWARD_JUMP = 25_000

/**
 * Concurrent ops (docs/protocol/groups.md "Forks"): ops sharing one parent,
 * and so the tips one op may merge. Honest forks come from admins acting at
 * the same moment; more than this is a hostile admin and is refused.
 */
export const MAX_FORK_WIDTH = 8
/**
 * How far below the newest op a branch may start: a device partitioned for
 * more ops than this must re-sign its ops on the current head (rebasing
 * further back would rewrite a long stretch of history every member already used).
 */
export const MAX_FORK_DEPTH = 256

/** Ops waiting for their predecessor (out of order), per device. */
export const MAX_PENDING_OPS = 1024
/** Groups with ops waiting (a chain that never completes is dropped, oldest first). */
export const MAX_PENDING_GROUPS = 64
/** Group messages waiting for their chain's sender key, per device. */
export const MAX_HELD_MESSAGES = 2048
/** Sender-key distributions waiting for the op that starts their epoch. */
export const MAX_PENDING_KEYS = 1024

/**
 * How many epochs behind ours a member's sender key may be and still be taken:
 * a member that sent before it saw the latest membership changes (offline, or
 * concurrent with them) still reaches the others. Its messages are readable by
 * whoever was a member in that epoch, as when it sent them; beyond 8 changes
 * such a key is of no use (its sender will have caught up) and is ignored.
 */
export const MAX_LAGGING_EPOCHS = 8

/** Delivered receipts wait this long to be sent together. */
export const GROUP_RECEIPT_BATCH_MS = 500
/** How long an invite link is valid by default. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000

/** The relay store protocol: a peer that was offline fetches what its relay still holds for a topic. */
export const GROUP_STORE_PROTOCOL = '/xchat/group-store/1.0.0'
/** Topic names are '/xchat/group/' + 64 hex characters. */
export const TOPIC_PREFIX = '/xchat/group/'
export const MAX_TOPIC_LENGTH = 128
/** One fetch answer: the newest held messages up to this many bytes. */
export const MAX_GROUP_FETCH_BYTES = 1024 * 1024
/** What a relay keeps per topic: the newest messages, for 30 days (as long as it keeps mail). */
export const RELAY_MESSAGES_PER_TOPIC = 256
export const RELAY_MESSAGE_TTL_MS = 30 * 24 * 60 * 60 * 1000
/** Topics a relay follows and keeps messages for, and its total bytes held: a full relay drops the oldest topic. */
export const RELAY_MAX_TOPICS = 4096
export const RELAY_MAX_BYTES = 64 * 1024 * 1024
