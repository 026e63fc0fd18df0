import { XchatError } from '../errors.js'
import { CallSignalPb, checkVersion, decodeBounded, limits } from '../wire/index.js'
import { CALL_ID_LENGTH, CALL_SIGNAL_VERSION, END_REASON, MEDIA, SIGNAL_KIND } from './constants.js'

/** Audio only, or audio and video. */
export type CallMedia = keyof typeof MEDIA
/** Why a call ended. */
export type EndReason = keyof typeof END_REASON
/** A signal's kind. */
export type SignalKind = keyof typeof SIGNAL_KIND

/** One ICE candidate (as RTCIceCandidateInit). */
export interface IceCandidate {
  readonly candidate: string
  readonly sdpMid?: string
  readonly sdpMLineIndex?: number
}

/** A parsed, checked call signal. */
export type CallSignal =
  | { readonly kind: 'offer'; readonly callId: Uint8Array; readonly media: CallMedia; readonly sdp: string }
  | { readonly kind: 'answer'; readonly callId: Uint8Array; readonly sdp: string }
  | { readonly kind: 'candidates'; readonly callId: Uint8Array; readonly candidates: readonly IceCandidate[] }
  | { readonly kind: 'accept'; readonly callId: Uint8Array; readonly media: CallMedia }
  | { readonly kind: 'ringing' | 'decline' | 'busy'; readonly callId: Uint8Array }
  | { readonly kind: 'cancel' | 'hangup'; readonly callId: Uint8Array; readonly reason: EndReason }

/**
 * Encode a signal.
 * @throws XchatError TOO_LARGE (an SDP or a candidate over its limit) | MALFORMED (bad call id)
 */
export function encodeSignal(s: CallSignal): Uint8Array {
  check(s)
  return CallSignalPb.encode({
    version: CALL_SIGNAL_VERSION,
    callId: Uint8Array.from(s.callId),
    kind: SIGNAL_KIND[s.kind],
    media: 'media' in s ? MEDIA[s.media] : 0,
    sdp: 'sdp' in s ? s.sdp : '',
    candidates:
      s.kind === 'candidates'
        ? s.candidates.map((c) => ({
            candidate: c.candidate,
            sdpMid: c.sdpMid ?? '',
            ...(c.sdpMLineIndex === undefined ? {} : { sdpMLineIndex: c.sdpMLineIndex }),
          }))
        : [],
    reason: 'reason' in s ? END_REASON[s.reason] : 0,
  })
}

/**
 * Parse signal bytes from a peer; every field is checked.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_TOO_OLD | VERSION_TOO_NEW
 */
export function parseSignal(bytes: Uint8Array): CallSignal {
  const pb = decodeBounded('call signal', bytes, limits.MAX_CALL_SIGNAL_BYTES, (b) =>
    CallSignalPb.decode(b, { limits: { candidates: limits.MAX_ICE_CANDIDATES_PER_SIGNAL } }),
  )
  checkVersion('call signal', pb.version, { min: CALL_SIGNAL_VERSION, max: CALL_SIGNAL_VERSION })
  const kind = keyOf(SIGNAL_KIND, pb.kind, 'kind')
  const callId = pb.callId
  let s: CallSignal
  switch (kind) {
    case 'offer':
      s = { kind, callId, media: keyOf(MEDIA, pb.media, 'media'), sdp: pb.sdp }
      break
    case 'answer':
      s = { kind, callId, sdp: pb.sdp }
      break
    case 'candidates':
      s = {
        kind,
        callId,
        candidates: pb.candidates.map((c) => ({
          candidate: c.candidate,
          ...(c.sdpMid === '' ? {} : { sdpMid: c.sdpMid }),
          ...(c.sdpMLineIndex === undefined ? {} : { sdpMLineIndex: c.sdpMLineIndex }),
        })),
      }
      break
    case 'accept':
      s = { kind, callId, media: keyOf(MEDIA, pb.media, 'media') }
      break
    case 'cancel':
    case 'hangup':
      s = { kind, callId, reason: keyOf(END_REASON, pb.reason, 'reason') }
      break
    default:
      s = { kind, callId }
  }
  check(s)
  return s
}

function check(s: CallSignal): void {
  if (s.callId.length !== CALL_ID_LENGTH) throw new XchatError('MALFORMED', `a call id is ${CALL_ID_LENGTH} bytes`)
  if ('sdp' in s) {
    if (s.sdp.length === 0) throw new XchatError('MALFORMED', `a call ${s.kind} has no session description`)
    if (s.sdp.length > limits.MAX_SDP_BYTES)
      throw new XchatError('TOO_LARGE', `a session description is at most ${limits.MAX_SDP_BYTES} bytes`)
  }
  if (s.kind === 'candidates') {
    if (s.candidates.length > limits.MAX_ICE_CANDIDATES_PER_SIGNAL)
      throw new XchatError('TOO_LARGE', `a signal carries at most ${limits.MAX_ICE_CANDIDATES_PER_SIGNAL} candidates`)
    for (const c of s.candidates) {
      if (c.candidate.length > limits.MAX_ICE_CANDIDATE_BYTES || (c.sdpMid?.length ?? 0) > limits.MAX_ICE_CANDIDATE_BYTES)
        throw new XchatError('TOO_LARGE', `an ICE candidate is at most ${limits.MAX_ICE_CANDIDATE_BYTES} bytes`)
    }
  }
}

function keyOf<T extends Record<string, number>>(table: T, value: number, what: string): keyof T & string {
  const key = Object.keys(table).find((k) => table[k] === value)
  if (key === undefined) throw new XchatError('MALFORMED', `unknown call signal ${what} ${value}`)
  return key
}
