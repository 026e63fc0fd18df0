/** CallSignal on the wire: golden bytes, round trips, limits, and random bytes giving typed errors only. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { bytesToHex } from '@noble/hashes/utils.js'
import { encodeSignal, isXchatError, parseSignal, type CallSignal } from '../src/index.js'
import { limits } from '../src/wire/index.js'
import { expectXchatError } from './expect-error.js'

const callId = Uint8Array.from({ length: 16 }, (_, i) => i)

describe('CallSignal wire format', () => {
  it('encodes to golden bytes (changing them is a protocol change)', () => {
    expect(bytesToHex(encodeSignal({ kind: 'hangup', callId, reason: 'no-answer' }))).toBe(
      '08011210000102030405060708090a0b0c0d0e0f18093804',
    )
    expect(bytesToHex(encodeSignal({ kind: 'offer', callId, media: 'video', sdp: 'v=0' }))).toBe(
      '08011210000102030405060708090a0b0c0d0e0f180120022a03763d30',
    )
    expect(bytesToHex(encodeSignal({ kind: 'candidates', callId, candidates: [{ candidate: 'c', sdpMid: '0', sdpMLineIndex: 0 }] }))).toBe(
      '08011210000102030405060708090a0b0c0d0e0f180332080a01631201301800',
    )
  })

  it('round-trips every kind', () => {
    const all: CallSignal[] = [
      { kind: 'offer', callId, media: 'audio', sdp: 'v=0\r\n' },
      { kind: 'answer', callId, sdp: 'v=0\r\n' },
      { kind: 'candidates', callId, candidates: [{ candidate: 'candidate:1', sdpMid: 'a', sdpMLineIndex: 2 }, { candidate: 'x' }] },
      { kind: 'ringing', callId },
      { kind: 'accept', callId, media: 'video' },
      { kind: 'decline', callId },
      { kind: 'busy', callId },
      { kind: 'cancel', callId, reason: 'answered-elsewhere' },
      { kind: 'hangup', callId, reason: 'failed' },
    ]
    for (const s of all) expect(parseSignal(encodeSignal(s))).toEqual(s)
  })

  it('refuses an SDP over MAX_SDP_BYTES, too many candidates, a short call id and an unknown kind', () => {
    expectXchatError(() => encodeSignal({ kind: 'answer', callId, sdp: 'x'.repeat(limits.MAX_SDP_BYTES + 1) }), 'TOO_LARGE')
    const many = Array.from({ length: limits.MAX_ICE_CANDIDATES_PER_SIGNAL + 1 }, () => ({ candidate: 'c' }))
    expectXchatError(() => encodeSignal({ kind: 'candidates', callId, candidates: many }), 'TOO_LARGE')
    expectXchatError(() => encodeSignal({ kind: 'busy', callId: callId.subarray(0, 8) }), 'MALFORMED')
    const unknown = encodeSignal({ kind: 'busy', callId })
    unknown[unknown.length - 1] = 42 // kind = 42
    expectXchatError(() => parseSignal(unknown), 'MALFORMED')
  })

  it('random bytes give typed errors only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        try {
          parseSignal(bytes)
        } catch (err) {
          if (!isXchatError(err)) throw err
        }
      }),
      { numRuns: 5000 },
    )
  })
})
