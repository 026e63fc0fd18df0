/**
 * Call signaling versions, wire values and timings. Changing a version or a
 * wire value is a protocol change: update docs/protocol/calls.md in the same
 * commit. Byte limits live in wire/limits.ts.
 */

/** Version of CallSignal. */
export const CALL_SIGNAL_VERSION = 1

/** 128 random bits: call ids never collide, and a replayed one is recognised. */
export const CALL_ID_LENGTH = 16

/** CallSignal.kind values. */
export const SIGNAL_KIND = {
  offer: 1,
  answer: 2,
  candidates: 3,
  ringing: 4,
  accept: 5,
  decline: 6,
  busy: 7,
  cancel: 8,
  hangup: 9,
} as const

/** CallSignal.media values. */
export const MEDIA = { audio: 1, video: 2 } as const

/** CallSignal.reason values (cancel, hangup), and the reasons a call ends. */
export const END_REASON = {
  hangup: 1,
  declined: 2,
  busy: 3,
  'no-answer': 4,
  cancelled: 5,
  failed: 6,
  'answered-elsewhere': 7,
} as const

/** How long the caller lets devices ring before it gives up (no answer). */
export const RING_TIMEOUT_MS = 45_000

/** A callee stops ringing this much after the caller would have given up, in case its cancel never comes. */
export const RING_GRACE_MS = 5_000

/** From accept/answer to media flowing; longer means ICE found no path. */
export const CONNECT_TIMEOUT_MS = 30_000

/**
 * A signal older than this (the sender's clock against ours) is refused: an
 * offer that sat somewhere (or is replayed) must not ring. It also bounds how
 * long call ids are remembered for replay checks.
 */
export const MAX_SIGNAL_AGE_MS = 60_000

/** A signal from further in the future than this is refused too (a clock that far off breaks the age check). */
export const MAX_CLOCK_SKEW_MS = 60_000

/** How long the outbox tries to deliver a call signal: a few direct attempts, then it is useless. */
export const SIGNAL_TTL_MS = 15_000

/** Call ids remembered for the replay check (older ones fail the age check anyway). */
export const MAX_SEEN_CALL_IDS = 4096

/** Offers held from accounts that are not contacts (they ring once the contact is accepted). */
export const MAX_HELD_OFFERS = 16
