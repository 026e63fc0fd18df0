/**
 * Timer parsing and formatting, the clock policy, and timers on the wire
 * (Content field 14 and the per-message fields), with hostile values clamped.
 */
import { describe, expect, it } from 'vitest'
import { ContentPb } from '../src/wire/index.js'
import {
  MAX_TIMER_MS,
  MAX_UNREAD_MS,
  MIN_TIMER_MS,
  TIMER_PRESETS,
  checkTimer,
  clampTimer,
  describeTimer,
  encodeContent,
  expiryOnArrival,
  expiryOnPeerRead,
  expiryOnRead,
  formatRemaining,
  formatTimer,
  parseContent,
  parseDuration,
  parseTimer,
} from '../src/index.js'
import { DeviceKeys, generateMnemonic } from '../src/index.js'

const S = 1000
const H = 3600 * S
const D = 24 * H

describe('ephemeral: durations', () => {
  it('parses durations with s, m, h, d and w units', () => {
    expect(parseDuration('30s')).toBe(30 * S)
    expect(parseDuration('5m')).toBe(5 * 60 * S)
    expect(parseDuration('1h')).toBe(H)
    expect(parseDuration('1d')).toBe(D)
    expect(parseDuration('1w')).toBe(7 * D)
    expect(parseDuration('4w')).toBe(MAX_TIMER_MS)
    expect(parseDuration('1h30m')).toBe(H + 30 * 60 * S)
    expect(parseTimer('off')).toBeNull()
    expect(parseTimer('5s')).toBe(MIN_TIMER_MS)
  })

  it('refuses durations below 5 s or above 4 weeks, and text that is not a duration, naming the bounds', () => {
    expect(() => parseDuration('4s')).toThrow(/5s to 4w/)
    expect(() => parseDuration('29d')).toThrow(/5s to 4w/)
    expect(() => parseDuration('5w')).toThrow(RangeError)
    for (const bad of ['', '30', 's', '1x', '-5m', '1.5h', '5 m m', '99999999999s']) expect(() => parseDuration(bad)).toThrow(RangeError)
    expect(() => checkTimer(4_999)).toThrow(/5 s to 4 weeks/)
    expect(() => checkTimer(MAX_TIMER_MS + 1)).toThrow(RangeError)
    expect(() => checkTimer(1.5 * S)).toThrow(RangeError)
    for (const preset of TIMER_PRESETS) expect(checkTimer(preset)).toBe(preset)
  })

  it('formats timers in words and remaining time in short', () => {
    expect(formatTimer(H)).toBe('1 hour')
    expect(formatTimer(90 * 60 * S)).toBe('90 minutes')
    expect(formatTimer(5 * S)).toBe('5 seconds')
    expect(formatTimer(4 * 7 * D)).toBe('4 weeks')
    expect(describeTimer(H)).toBe('set messages to disappear after 1 hour')
    expect(describeTimer(null)).toBe('turned off disappearing messages')
    expect(formatRemaining(61 * S)).toBe('1m 1s')
    expect(formatRemaining(4 * D + 3 * H + 5 * S)).toBe('4d 3h')
    expect(formatRemaining(0)).toBe('0s')
    expect(formatRemaining(200)).toBe('1s')
  })
})

describe('ephemeral: the clock policy', () => {
  const now = 1_800_000_000_000
  it('starts the sender side when sent and the recipient side when read, bounding unread messages', () => {
    expect(expiryOnArrival({ direction: 'out', expireAfterMs: H }, now)).toBe(now + H)
    expect(expiryOnArrival({ direction: 'in', expireAfterMs: H }, now)).toBe(now + MAX_UNREAD_MS)
    expect(expiryOnArrival({ direction: 'in' }, now)).toBeUndefined()
    expect(expiryOnRead({ direction: 'in', expireAfterMs: H }, now)).toBe(now + H)
    expect(expiryOnRead({ direction: 'in', viewOnce: true, expireAfterMs: H }, now)).toBe(now)
    expect(expiryOnRead({ direction: 'in' }, now)).toBeUndefined()
    // view once at the sender: kept until the read receipt, at most 4 weeks
    expect(expiryOnArrival({ direction: 'out', viewOnce: true }, now)).toBe(now + MAX_TIMER_MS)
    expect(expiryOnPeerRead({ direction: 'out', viewOnce: true, expiresAt: now + MAX_TIMER_MS }, now)).toBe(now)
    expect(expiryOnPeerRead({ direction: 'out', expireAfterMs: H, expiresAt: now + H }, now)).toBe(now + H)
  })

  it('clamps a peer’s timer into 5 s … 4 weeks; 0 is none', () => {
    expect(clampTimer(0)).toBeUndefined()
    expect(clampTimer(1)).toBe(MIN_TIMER_MS)
    expect(clampTimer(Number.MAX_SAFE_INTEGER)).toBe(MAX_TIMER_MS)
    expect(clampTimer(H)).toBe(H)
  })
})

describe('ephemeral: timers on the wire', () => {
  const conversation = DeviceKeys.fromSecrets({ mnemonic: generateMnemonic().phrase, passphrase: '', deviceIndex: 0, createdAt: 0 }).account
    .publicKey
  const base = { id: new Uint8Array(16).fill(7), conversation, sentAt: 1, seq: 1 }

  it('round-trips a text and a file with a timer and view once, and a timer change', () => {
    const text = parseContent(encodeContent({ ...base, body: { kind: 'text', text: 'hi', expireAfterMs: H, viewOnce: true } }))
    expect(text.body).toEqual({ kind: 'text', text: 'hi', expireAfterMs: H, viewOnce: true })
    const file = parseContent(encodeContent({ ...base, body: { kind: 'file', manifest: new Uint8Array([1]), expireAfterMs: 5 * S } }))
    expect(file.body).toEqual({ kind: 'file', manifest: new Uint8Array([1]), expireAfterMs: 5 * S })
    expect(parseContent(encodeContent({ ...base, body: { kind: 'timer', expireAfterMs: D } })).body).toEqual({
      kind: 'timer',
      expireAfterMs: D,
    })
    expect(parseContent(encodeContent({ ...base, body: { kind: 'timer', expireAfterMs: null } })).body).toEqual({
      kind: 'timer',
      expireAfterMs: null,
    })
    expect(parseContent(encodeContent({ ...base, body: { kind: 'text', text: 'plain' } })).body).toEqual({ kind: 'text', text: 'plain' })
  })

  it('clamps absurd timers from a peer instead of trusting them, and refuses an unordered timer change', () => {
    const wire = (body: Partial<ContentPb>, seq = 1n): Uint8Array =>
      ContentPb.encode({
        version: 1,
        messageId: Uint8Array.from(base.id),
        conversation: Uint8Array.from(conversation),
        sentAt: 1n,
        seq,
        ...body,
      })
    expect(parseContent(wire({ text: { body: 'x', expireAfterMs: 1n, viewOnce: false } })).body).toMatchObject({
      expireAfterMs: MIN_TIMER_MS,
    })
    expect(parseContent(wire({ text: { body: 'x', expireAfterMs: 2n ** 64n - 1n, viewOnce: false } })).body).toMatchObject({
      expireAfterMs: MAX_TIMER_MS,
    })
    expect(parseContent(wire({ timer: { expireAfterMs: 10n } })).body).toEqual({ kind: 'timer', expireAfterMs: MIN_TIMER_MS })
    expect(() => parseContent(wire({ timer: { expireAfterMs: 10n } }, 0n))).toThrow(expect.objectContaining({ code: 'MALFORMED' }))
  })
})
