import { limits } from '../wire/index.js'
import type { ReceiveCursor } from '../store/index.js'
import { MAX_CURSOR_AHEAD } from './constants.js'

/** What one arriving seq did to a stream's cursor. */
export interface SeqOutcome {
  readonly cursor: ReceiveCursor
  /** True when the seq filled the lowest gap or continued the stream (no reordering needed). */
  readonly inOrder: boolean
}

/**
 * Record that `seq` of one (sender device → conversation) stream arrived.
 * The first seq seen sets the baseline: a new device, or a device meeting a
 * conversation late, does not ask for history it never had. A seq below
 * `next` is a late copy and changes nothing. When more than MAX_CURSOR_AHEAD
 * seqs wait above a gap, the gap is given up (it stays reported, the stream moves on).
 * @example acceptSeq(undefined, 7) // → { next: 8, above: [] }
 */
export function acceptSeq(cursor: ReceiveCursor | undefined, seq: number): SeqOutcome {
  if (cursor === undefined || cursor.next === 0) return { cursor: { next: seq + 1, above: [] }, inOrder: true }
  if (seq < cursor.next || cursor.above.includes(seq)) return { cursor, inOrder: seq < cursor.next }
  if (seq > cursor.next) {
    let above = [...cursor.above, seq].sort((a, b) => a - b)
    let next = cursor.next
    if (above.length > MAX_CURSOR_AHEAD) {
      next = above[0] as number
      ;({ next, above } = absorb(next, above))
    }
    return { cursor: { ...cursor, next, above }, inOrder: false }
  }
  const { next, above } = absorb(seq + 1, cursor.above)
  // a closed gap forgets when it was asked for
  const keep = above.length > 0 && cursor.requestedAt !== undefined ? { requestedAt: cursor.requestedAt } : {}
  return { cursor: { next, above, ...keep }, inOrder: true }
}

/** The seqs still missing below the highest received one, lowest first, at most MAX_RESEND_SEQS. */
export function missingSeqs(cursor: ReceiveCursor): number[] {
  const highest = cursor.above.at(-1)
  if (highest === undefined) return []
  const have = new Set(cursor.above)
  const missing: number[] = []
  for (let s = cursor.next; s < highest && missing.length < limits.MAX_RESEND_SEQS; s++) if (!have.has(s)) missing.push(s)
  return missing
}

function absorb(start: number, sortedAbove: readonly number[]): { next: number; above: number[] } {
  let next = start
  let i = 0
  while (sortedAbove[i] !== undefined && (sortedAbove[i] as number) <= next) {
    if (sortedAbove[i] === next) next++
    i++
  }
  return { next, above: sortedAbove.slice(i) }
}
