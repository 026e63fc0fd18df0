import { accountOfDirectoryKey } from './key.js'
import { parseDirectoryRecord } from './record.js'

/** kad-dht's selector shape: the index of the best record. */
export type DhtSelectFn = (key: Uint8Array, records: Uint8Array[]) => number

/**
 * The kad-dht selector of the `xchat-dir` namespace: the valid record with the
 * highest seq wins; on a tie the first one. Records that do not parse never win.
 * @param now - the clock, ms since the Unix epoch; defaults to `Date.now`
 * @example kadDHT({ selectors: { 'xchat-dir': directorySelector() } })
 */
export function directorySelector(now: () => number = Date.now): DhtSelectFn {
  return (key, records) => {
    let best = 0
    let bestSeq = -1n
    const at = now()
    records.forEach((bytes, i) => {
      const seq = seqOf(key, bytes, at)
      if (seq > bestSeq) {
        best = i
        bestSeq = seq
      }
    })
    return best
  }
}

function seqOf(key: Uint8Array, bytes: Uint8Array, now: number): bigint {
  try {
    return parseDirectoryRecord(bytes, { now, expectedAccount: accountOfDirectoryKey(key) }).seq
  } catch {
    return -1n
  }
}
