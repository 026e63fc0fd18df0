import { DURATION_UNITS, MAX_TIMER_MS, MIN_TIMER_MS } from './constants.js'

/**
 * Check a timer given by the user or an API caller.
 * @throws RangeError naming the bounds when `ms` is not a whole number in MIN_TIMER_MS..MAX_TIMER_MS
 * @example checkTimer(30_000) // ok
 */
export function checkTimer(ms: number, name = 'expireAfterMs'): number {
  if (!Number.isSafeInteger(ms) || ms < MIN_TIMER_MS || ms > MAX_TIMER_MS) {
    throw new RangeError(`"${name}" expected a timer from 5 s to 4 weeks (${MIN_TIMER_MS}..${MAX_TIMER_MS} ms), got ${String(ms)}`)
  }
  return ms
}

/**
 * A timer that came from a peer: 0 is "none"; any other value is clamped into
 * MIN_TIMER_MS..MAX_TIMER_MS, so a hostile or buggy peer can neither make a
 * message vanish before it can be read nor keep it forever.
 * @returns undefined for no timer
 */
export function clampTimer(ms: number): number | undefined {
  if (ms <= 0 || !Number.isFinite(ms)) return undefined
  return Math.min(MAX_TIMER_MS, Math.max(MIN_TIMER_MS, Math.floor(ms)))
}

/**
 * Parse a duration: a whole number and a unit, `s` `m` `h` `d` `w` (e.g. `30s`, `5m`, `1h`, `1d`, `1w`);
 * several parts add up (`1h30m`).
 * @throws RangeError for anything else, or a value outside 5 s..4 weeks
 * @example parseDuration('30s') // 30000
 */
export function parseDuration(text: string): number {
  const s = text.trim().toLowerCase()
  const parts = [...s.matchAll(/(\d{1,9})([smhdw])/gu)]
  if (s.length === 0 || parts.map((p) => p[0]).join('') !== s) {
    throw new RangeError(`"${text}" is not a duration: use a number and a unit s, m, h, d or w (e.g. 30s, 5m, 1h, 1d, 1w)`)
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * (DURATION_UNITS[p[2] ?? ''] ?? 0), 0)
  if (ms < MIN_TIMER_MS || ms > MAX_TIMER_MS) {
    throw new RangeError(`"${text}" is out of range: a timer is from 5s to 4w (4 weeks)`)
  }
  return ms
}

/**
 * A conversation timer as the user types it: a duration, or `off`.
 * @returns ms, or null for off
 * @throws RangeError as {@link parseDuration}
 */
export function parseTimer(text: string): number | null {
  return text.trim().toLowerCase() === 'off' ? null : parseDuration(text)
}

const NAMES: readonly [number, string][] = [
  [DURATION_UNITS['w'] ?? 0, 'week'],
  [DURATION_UNITS['d'] ?? 0, 'day'],
  [DURATION_UNITS['h'] ?? 0, 'hour'],
  [DURATION_UNITS['m'] ?? 0, 'minute'],
  [DURATION_UNITS['s'] ?? 0, 'second'],
]

/**
 * A timer in words, in its largest whole unit: `1 hour`, `90 minutes`, `5 seconds`.
 * @example formatTimer(3_600_000) // '1 hour'
 */
export function formatTimer(ms: number): string {
  for (const [unit, name] of NAMES) {
    if (ms >= unit && ms % unit === 0) {
      const n = ms / unit
      return `${n} ${name}${n === 1 ? '' : 's'}`
    }
  }
  return `${ms} ms`
}

/**
 * Time left, short and rounded up to the second: `4d 3h`, `59m 2s`, `12s`.
 * @example formatRemaining(61_000) // '1m 1s'
 */
export function formatRemaining(ms: number): string {
  let left = Math.max(0, Math.ceil(ms / 1000))
  const out: string[] = []
  for (const [unit, letter] of [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'm'],
    [1, 's'],
  ] as const) {
    const n = Math.floor(left / unit)
    left -= n * unit
    if (n > 0 || (unit === 1 && out.length === 0)) out.push(`${n}${letter}`)
  }
  return out.slice(0, 2).join(' ')
}

/**
 * The system entry of a timer change, without its actor: `set messages to
 * disappear after 1 hour` or `turned off disappearing messages`.
 */
export function describeTimer(ms: number | null): string {
  return ms === null ? 'turned off disappearing messages' : `set messages to disappear after ${formatTimer(ms)}`
}
