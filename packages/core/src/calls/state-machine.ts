import { XchatError } from '../errors.js'
import type { EndReason } from './signal.js'

/** Where a call stands. */
export type CallState = 'idle' | 'outgoing-ringing' | 'incoming-ringing' | 'connecting' | 'active' | 'ended'

/** What moves a call on. Local actions and remote signals both map to these. */
export type CallTransition =
  /** This device calls (the offer goes out). */
  | { readonly type: 'dial' }
  /** An offer came in and may ring. */
  | { readonly type: 'offer' }
  /** The callee accepted (this device) or the answer came back (caller). */
  | { readonly type: 'answer' }
  /** Media flows (ICE and DTLS connected). */
  | { readonly type: 'connected' }
  /** The call ends. */
  | { readonly type: 'end'; readonly reason: EndReason }

/**
 * The states a call may end from, per reason: who can say what, when.
 * hangup: once answered; declined / cancelled / no-answer: while ringing;
 * busy: the caller hears it while ringing; answered-elsewhere: another device
 * of the callee took it (also after this one accepted a moment too late); failed: anything before the end.
 */
export const ENDS_FROM: Readonly<Record<EndReason, readonly CallState[]>> = {
  hangup: ['connecting', 'active'],
  declined: ['outgoing-ringing', 'incoming-ringing'],
  busy: ['outgoing-ringing'],
  'no-answer': ['outgoing-ringing', 'incoming-ringing'],
  cancelled: ['outgoing-ringing', 'incoming-ringing'],
  failed: ['outgoing-ringing', 'incoming-ringing', 'connecting', 'active'],
  'answered-elsewhere': ['incoming-ringing', 'connecting'],
}

const NEXT: Readonly<Record<Exclude<CallTransition['type'], 'end'>, { readonly from: readonly CallState[]; readonly to: CallState }>> = {
  dial: { from: ['idle'], to: 'outgoing-ringing' },
  offer: { from: ['idle'], to: 'incoming-ringing' },
  answer: { from: ['outgoing-ringing', 'incoming-ringing'], to: 'connecting' },
  connected: { from: ['connecting'], to: 'active' },
}

/**
 * The state after a transition, or a CALL_STATE error when it is not allowed
 * from `state` (the caller drops the input; nothing changes).
 * @throws XchatError CALL_STATE
 * @example next('idle', { type: 'dial' }) // 'outgoing-ringing'
 */
export function next(state: CallState, t: CallTransition): CallState {
  const allowed = t.type === 'end' ? { from: ENDS_FROM[t.reason], to: 'ended' as const } : NEXT[t.type]
  if (!allowed.from.includes(state)) {
    const what = t.type === 'end' ? `end (${t.reason})` : t.type
    throw new XchatError('CALL_STATE', `a call that is ${state} cannot ${what}`)
  }
  return allowed.to
}

/** Whether `t` is allowed from `state`. */
export function canMove(state: CallState, t: CallTransition): boolean {
  try {
    next(state, t)
    return true
  } catch {
    return false
  }
}
