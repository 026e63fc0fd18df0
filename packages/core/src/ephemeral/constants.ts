/**
 * Disappearing-message limits, each with its reason (docs/protocol/ephemeral.md).
 */

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const WEEK = 7 * DAY

/** The shortest timer: a message must live long enough to be read on a slow device. */
export const MIN_TIMER_MS = 5 * SECOND

/** The longest timer: 4 weeks, below relays' 30-day mail retention, so a relay never outlives a message's whole life. */
export const MAX_TIMER_MS = 4 * WEEK

/** Timers a UI offers; any whole number of ms in MIN_TIMER_MS..MAX_TIMER_MS is valid too (custom). */
export const TIMER_PRESETS: readonly number[] = [
  5 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  HOUR,
  8 * HOUR,
  DAY,
  WEEK,
  4 * WEEK,
]

/**
 * An unread timed message is deleted at the latest this long after it
 * arrived: its clock starts when read, and a message nobody reads must not be kept forever.
 */
export const MAX_UNREAD_MS = 4 * WEEK

/**
 * How long the id of an expired message is remembered (its tombstone). A copy
 * can still arrive as long as the sender keeps the message (≤ MAX_TIMER_MS
 * after it was sent: resends and outbox retries stop then) and relays keep
 * mail (≤ 30 days); the seen-id window is 31 days. The tombstone outlives both.
 */
export const TOMBSTONE_RETENTION_MS = 31 * DAY + MAX_TIMER_MS

/** The sweeper looks again at least this often: a clock that jumped forward (sleep, NTP) is noticed within a minute. */
export const SWEEP_MAX_WAIT_MS = MINUTE

/** Messages one sweep batch deletes (one level batch each). */
export const SWEEP_BATCH = 256

export const DURATION_UNITS: Readonly<Record<string, number>> = { s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: WEEK }
