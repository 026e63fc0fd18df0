/**
 * Disappearing messages: timers and their parsing, the clock policy, the
 * persisted expiry index with tombstones, and the sweeper (docs/protocol/ephemeral.md).
 */
export {
  MIN_TIMER_MS,
  MAX_TIMER_MS,
  TIMER_PRESETS,
  MAX_UNREAD_MS,
  TOMBSTONE_RETENTION_MS,
  SWEEP_MAX_WAIT_MS,
  SWEEP_BATCH,
} from './constants.js'
export { checkTimer, clampTimer, parseDuration, parseTimer, formatTimer, formatRemaining, describeTimer } from './duration.js'
export { isTimed, expiryOnArrival, expiryOnRead, expiryOnPeerRead, type TimedMessage } from './clock.js'
export { withExpiry, indexOps, isTombstoned, tombstoneOps, pruneTombstones, isExpired, expiryKey, expiryTimeOf } from './expiry-store.js'
export { Sweeper, type SweeperInit, type ExpiredMessage } from './sweeper.js'
export { SweepLoop, firstKey, type SweepTarget } from './sweep-loop.js'
export { withTimerMs } from './conversation-timer.js'
