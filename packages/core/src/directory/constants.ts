/**
 * The directory's protocol constants. Changing one is a protocol change:
 * update docs/protocol/directory.md in the same commit.
 */

/** kad-dht namespace of directory records: kad-dht picks validators by the text between the first two `/`. */
export const DIRECTORY_NAMESPACE = 'xchat-dir'

/** DHT key of an account's record: this prefix ‖ the 33-byte account public key. */
export const DIRECTORY_KEY_PREFIX = `/${DIRECTORY_NAMESPACE}/`

/** Current {@link DirectoryRecord} format version. */
export const DIRECTORY_RECORD_VERSION = 1

/** Domain label of the account key's signature over the record bytes. */
export const DIRECTORY_RECORD_DOMAIN = 'xchat/directory-record/v1'

/**
 * How long a published record stays valid: 48 h, the same time kad-dht keeps a
 * stored record, so an offline device stays resolvable (for mail) as long as
 * the DHT can hold it.
 */
export const DEFAULT_RECORD_TTL_MS = 48 * 60 * 60 * 1000

/** How often a running {@link Directory} republishes: well inside the TTL, and addresses change. */
export const DEFAULT_REPUBLISH_MS = 60 * 60 * 1000

/**
 * The furthest in the future a record may expire. Keeps an old record from
 * outliving its devices' addresses forever; leaves room for clock skew.
 */
export const MAX_RECORD_TTL_MS = 7 * 24 * 60 * 60 * 1000
