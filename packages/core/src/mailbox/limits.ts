/**
 * A relay's mailbox policy: quotas, ages and rate limits, with the reason
 * for each. Byte and count bounds of the wire messages are in wire/limits.ts.
 */
import { limits as wire } from '../wire/index.js'
import { MAX_MAIL_AGE_MS } from './constants.js'
import type { RateLimit } from './rate-limiter.js'

/** What a relay's mailbox service allows; every field has a default in {@link DEFAULT_MAILBOX_LIMITS}. */
export interface MailboxLimits {
  /** Largest envelope accepted (≤ MAX_ENVELOPE_BYTES, the frame limit). */
  readonly maxEnvelopeBytes: number
  /** Mail kept per mailbox. */
  readonly maxMailPerMailbox: number
  /** Envelope bytes kept per mailbox. */
  readonly maxMailboxBytes: number
  /** Envelope bytes kept by the whole relay: its disk budget. */
  readonly maxTotalBytes: number
  /** Mail older than this is dropped; later expiries are capped to it. */
  readonly maxMailAgeMs: number
  /** One-time prekeys kept per device. */
  readonly maxPrekeysPerDevice: number
  /** Deposits per sending peer. */
  readonly depositRate: RateLimit
  /** Fetches, acks and prekey uploads per peer. */
  readonly ownerRate: RateLimit
  /** One-time prekey takes per requesting peer. */
  readonly takeRate: RateLimit
  /** How often expired mail is swept (also at start). */
  readonly sweepIntervalMs: number
  /** How long a peer may take to send its request before the stream is closed. */
  readonly requestTimeoutMs: number
}

export const DEFAULT_MAILBOX_LIMITS: MailboxLimits = {
  maxEnvelopeBytes: wire.MAX_ENVELOPE_BYTES,
  maxMailPerMailbox: wire.MAX_MAIL_PER_MAILBOX,
  maxMailboxBytes: wire.MAX_MAILBOX_BYTES,
  // 1 GiB: a small VPS's spare disk; at a few KiB per message, hundreds of thousands of mails
  maxTotalBytes: 1024 * 1024 * 1024,
  maxMailAgeMs: MAX_MAIL_AGE_MS,
  maxPrekeysPerDevice: wire.MAX_PREKEYS_PER_DEVICE,
  // a sender writing to offline contacts deposits one envelope per recipient device:
  // bursts of 60 (a group message); 600 a minute sustained: a file sent to an offline
  // device is ≈ 20 envelopes per MiB (file mail), so 25 MiB goes in under a minute
  depositRate: { burst: 60, perMinute: 600 },
  // an owner fetches, acks and tops up prekeys a few times per sync: 30 at once, 60 a minute
  ownerRate: { burst: 30, perMinute: 60 },
  // one take per device of each new contact; draining a device's prekeys is the attack:
  // 20 at once, 10 a minute per peer
  takeRate: { burst: 20, perMinute: 10 },
  // 10 minutes: expired mail never lingers long, sweeping stays cheap
  sweepIntervalMs: 10 * 60 * 1000,
  // 30 s: a slow mobile link sends 64 KiB in far less; a peer that dribbles bytes is cut off
  requestTimeoutMs: 30_000,
}

/**
 * Merge caller limits over the defaults, checking each.
 * @throws RangeError naming the bad limit
 */
export function resolveMailboxLimits(given: Partial<MailboxLimits> = {}): MailboxLimits {
  const l = { ...DEFAULT_MAILBOX_LIMITS, ...given }
  for (const name of [
    'maxEnvelopeBytes',
    'maxMailPerMailbox',
    'maxMailboxBytes',
    'maxTotalBytes',
    'maxMailAgeMs',
    'maxPrekeysPerDevice',
    'sweepIntervalMs',
    'requestTimeoutMs',
  ] as const) {
    const value = l[name]
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new RangeError(`"limits.${name}" expected a positive integer, got ${String(value)}`)
  }
  if (l.maxEnvelopeBytes > wire.MAX_ENVELOPE_BYTES) {
    throw new RangeError(
      `"limits.maxEnvelopeBytes" expected at most ${wire.MAX_ENVELOPE_BYTES} (the frame limit), got ${l.maxEnvelopeBytes}`,
    )
  }
  if (l.maxMailAgeMs > MAX_MAIL_AGE_MS) {
    throw new RangeError(`"limits.maxMailAgeMs" expected at most ${MAX_MAIL_AGE_MS} (30 days), got ${l.maxMailAgeMs}`)
  }
  return l
}
