/** The call state machine: every allowed transition, and every other one refused. */
import { describe, expect, it } from 'vitest'
import { ENDS_FROM, canMoveCall, nextCallState, type CallState, type CallTransition, type EndReason } from '../src/index.js'
import { expectXchatError } from './expect-error.js'

const STATES: CallState[] = ['idle', 'outgoing-ringing', 'incoming-ringing', 'connecting', 'active', 'ended']
const REASONS = Object.keys(ENDS_FROM) as EndReason[]

/** Every allowed (from, transition) → to; anything not listed must be refused. */
const ALLOWED: [CallState, CallTransition, CallState][] = [
  ['idle', { type: 'dial' }, 'outgoing-ringing'],
  ['idle', { type: 'offer' }, 'incoming-ringing'],
  ['outgoing-ringing', { type: 'answer' }, 'connecting'],
  ['incoming-ringing', { type: 'answer' }, 'connecting'],
  ['connecting', { type: 'connected' }, 'active'],
  ['connecting', { type: 'end', reason: 'hangup' }, 'ended'],
  ['active', { type: 'end', reason: 'hangup' }, 'ended'],
  ['outgoing-ringing', { type: 'end', reason: 'declined' }, 'ended'],
  ['incoming-ringing', { type: 'end', reason: 'declined' }, 'ended'],
  ['outgoing-ringing', { type: 'end', reason: 'busy' }, 'ended'],
  ['outgoing-ringing', { type: 'end', reason: 'no-answer' }, 'ended'],
  ['incoming-ringing', { type: 'end', reason: 'no-answer' }, 'ended'],
  ['outgoing-ringing', { type: 'end', reason: 'cancelled' }, 'ended'],
  ['incoming-ringing', { type: 'end', reason: 'cancelled' }, 'ended'],
  ['outgoing-ringing', { type: 'end', reason: 'failed' }, 'ended'],
  ['incoming-ringing', { type: 'end', reason: 'failed' }, 'ended'],
  ['connecting', { type: 'end', reason: 'failed' }, 'ended'],
  ['active', { type: 'end', reason: 'failed' }, 'ended'],
  ['incoming-ringing', { type: 'end', reason: 'answered-elsewhere' }, 'ended'],
  // a device that accepted a moment after another one did
  ['connecting', { type: 'end', reason: 'answered-elsewhere' }, 'ended'],
]

const ALL_TRANSITIONS: CallTransition[] = [
  { type: 'dial' },
  { type: 'offer' },
  { type: 'answer' },
  { type: 'connected' },
  ...REASONS.map((reason) => ({ type: 'end' as const, reason })),
]

const label = (t: CallTransition): string => (t.type === 'end' ? `end (${t.reason})` : t.type)

describe('call state machine', () => {
  it.each(ALLOWED.map(([from, t, to]) => [from, label(t), to, t] as const))('%s --%s--> %s', (from, _l, to, t) => {
    expect(nextCallState(from, t)).toBe(to)
    expect(canMoveCall(from, t)).toBe(true)
  })

  it('refuses every transition the table does not allow, with CALL_STATE', () => {
    let refused = 0
    for (const from of STATES) {
      for (const t of ALL_TRANSITIONS) {
        if (ALLOWED.some(([f, a]) => f === from && label(a) === label(t))) continue
        expectXchatError(() => nextCallState(from, t), 'CALL_STATE')
        expect(canMoveCall(from, t)).toBe(false)
        refused++
      }
    }
    expect(refused).toBe(STATES.length * ALL_TRANSITIONS.length - ALLOWED.length)
  })

  it('never leaves ended', () => {
    for (const t of ALL_TRANSITIONS) expect(canMoveCall('ended', t)).toBe(false)
  })
})
