/**
 * When a disappearing message's clock starts, on this device's clock only
 * (docs/protocol/ephemeral.md). A peer's `sent_at` is never used: a clock
 * days ahead or behind can neither keep a message forever nor delete it unread.
 */
import { MAX_TIMER_MS, MAX_UNREAD_MS } from './constants.js'

/** The parts of a message the clock looks at. */
export interface TimedMessage {
  readonly direction: 'in' | 'out'
  readonly expireAfterMs?: number
  readonly viewOnce?: boolean
}

/** Whether a message disappears at all. */
export function isTimed(m: TimedMessage): boolean {
  return m.expireAfterMs !== undefined || m.viewOnce === true
}

/**
 * When a message stored on this device now goes. Ours (sent here, or a copy
 * from our other device): the clock starts now — "when sent"; a view-once
 * without a timer is kept until the read receipt, at most MAX_TIMER_MS.
 * The peer's: its clock starts when read; until then it is kept at most MAX_UNREAD_MS.
 * @returns undefined for a message without a timer
 */
export function expiryOnArrival(m: TimedMessage, now: number): number | undefined {
  if (!isTimed(m)) return undefined
  if (m.direction === 'out') return now + (m.expireAfterMs ?? MAX_TIMER_MS)
  return now + MAX_UNREAD_MS
}

/**
 * When a peer's message goes once it is read here (or on our other device):
 * view-once at once, else its timer from now.
 */
export function expiryOnRead(m: TimedMessage, now: number): number | undefined {
  if (!isTimed(m) || m.direction !== 'in') return undefined
  if (m.viewOnce === true) return now
  return now + (m.expireAfterMs ?? 0)
}

/** When our view-once message goes once the peer read it: at once. Other messages keep their expiry. */
export function expiryOnPeerRead(m: TimedMessage & { readonly expiresAt?: number }, now: number): number | undefined {
  if (m.direction !== 'out' || m.viewOnce !== true) return m.expiresAt
  return Math.min(m.expiresAt ?? now, now)
}
