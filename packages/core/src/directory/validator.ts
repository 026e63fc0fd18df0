import { XchatError } from '../errors.js'
import { accountOfDirectoryKey } from './key.js'
import { parseDirectoryRecord, type DirectoryRecord } from './record.js'

/** kad-dht's validator shape: resolves when the record may be stored or used, throws otherwise. */
export type DhtValidateFn = (key: Uint8Array, value: Uint8Array, options?: { signal?: AbortSignal }) => Promise<void>

/** What {@link directoryValidator} needs from its node. */
export interface DirectoryValidatorInit {
  /** The clock, ms since the Unix epoch; defaults to `Date.now`. */
  readonly now?: () => number
  /**
   * The record this node already stores under `key`, if any. With it, a record
   * with a lower seq than the stored one is refused as stale, so replaying an
   * old record cannot roll a DHT server back.
   */
  readonly storedRecord?: (key: Uint8Array, options?: { signal?: AbortSignal }) => Promise<Uint8Array | undefined>
}

/**
 * The kad-dht validator of the `xchat-dir` namespace: the key must name the
 * record's account, the record must parse (signature, certificates, limits),
 * must not be expired, and must not be older than what this node stores.
 * @throws XchatError RECORD_INVALID | RECORD_EXPIRED | RECORD_STALE | TOO_LARGE | MALFORMED | VERSION_*
 * @example kadDHT({ validators: { 'xchat-dir': directoryValidator() } })
 */
export function directoryValidator(init: DirectoryValidatorInit = {}): DhtValidateFn {
  const now = init.now ?? Date.now
  return async (key, value, options) => {
    const expectedAccount = accountOfDirectoryKey(key)
    const record = parseDirectoryRecord(value, { now: now(), expectedAccount })
    const stored = await init.storedRecord?.(key, options)
    if (stored === undefined) return
    const current = tryParse(stored, now(), expectedAccount)
    if (current !== undefined && current.seq > record.seq) {
      throw new XchatError('RECORD_STALE', 'a newer record of this account is already stored', {
        details: { seq: record.seq.toString(), storedSeq: current.seq.toString() },
      })
    }
  }
}

/** A stored record that no longer parses (expired, or from an older format) does not block a new one. */
function tryParse(bytes: Uint8Array, now: number, expectedAccount: Uint8Array): DirectoryRecord | undefined {
  try {
    return parseDirectoryRecord(bytes, { now, expectedAccount })
  } catch {
    return undefined
  }
}
