import { TypedEventEmitter } from 'main-event'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { XchatError, isXchatError } from '../errors.js'
import { randomBytes } from '../crypto/index.js'
import { limits } from '../wire/index.js'
import type { AccountId } from '../identity/index.js'
import { CALL_ID_LENGTH, CONNECT_TIMEOUT_MS, MAX_HELD_OFFERS, MAX_SIGNAL_AGE_MS, RING_GRACE_MS, RING_TIMEOUT_MS } from './constants.js'
import type { CallClock, CallPorts, InboundSignal, SignalRoute } from './ports.js'
import { ReplayGuard } from './replay-guard.js'
import { fingerprintsOf, sameFingerprints } from './sdp.js'
import { encodeSignal, parseSignal, type CallMedia, type CallSignal, type EndReason, type IceCandidate } from './signal.js'
import { canMove, next, type CallState, type CallTransition } from './state-machine.js'

/** A call as the UI sees it. */
export interface CallInfo {
  /** 16 bytes, hex */
  readonly id: string
  readonly peer: AccountId
  readonly direction: 'in' | 'out'
  readonly media: CallMedia
  readonly state: CallState
  /** Set once ended. */
  readonly reason?: EndReason
  /** Caller: a device of the callee rings. */
  readonly remoteRinging: boolean
  /** The other side's device (key, hex) once known: the caller's, or the callee device that answered. */
  readonly peerDevice?: string
  /** ms since the Unix epoch */
  readonly createdAt: number
  readonly connectedAt?: number
  readonly endedAt?: number
}

/** Events of {@link CallService}. */
export interface CallEvents {
  /** A contact calls: ring, and apply `sdp` (the offer) when the user accepts. */
  'call:incoming': CustomEvent<{ readonly call: CallInfo; readonly sdp: string }>
  /** A call changed state (or the callee's device rings). */
  'call:state': CustomEvent<CallInfo>
  /** Caller: the callee's answer, to apply as the remote description. */
  'call:answer': CustomEvent<{ readonly callId: string; readonly sdp: string }>
  /** Remote ICE candidates of a call. */
  'call:candidates': CustomEvent<{ readonly callId: string; readonly candidates: readonly IceCandidate[] }>
  /** A signal was dropped (a warning; an error code, never the SDP). */
  'call:rejected': CustomEvent<{ readonly reason: string; readonly from: AccountId }>
  /** Someone who is not a contact calls: it rings if the contact is accepted in time ({@link CallService.releaseHeld}). */
  'call:held': CustomEvent<{ readonly from: AccountId; readonly media: CallMedia }>
}

/** Options of {@link CallService}. */
export interface CallServiceInit {
  readonly ports: CallPorts
  readonly clock: CallClock
  /** How long an outgoing call rings before it gives up (default RING_TIMEOUT_MS). */
  readonly ringTimeoutMs?: number
  /** How long from answer to media before the call fails (default CONNECT_TIMEOUT_MS). */
  readonly connectTimeoutMs?: number
}

interface Call {
  info: CallInfo
  /** The DTLS fingerprints of the other side, pinned by its first SDP. */
  remoteFingerprints?: string[]
  timer?: unknown
  /** Candidates of ours waiting to go out (batched; the caller holds them until a device answers). */
  outgoing: IceCandidate[]
  flush?: unknown
  /** Caller: candidates from callee devices that have not answered (yet). */
  early: Map<string, IceCandidate[]>
}

/** Ended calls kept to recognise their late signals. */
const MAX_ENDED_CALLS = 64
/** Candidates gathered within this many ms go out in one signal. */
const CANDIDATE_BATCH_MS = 20

/**
 * Call signaling for one device: the state of every call, the signals in
 * and out (through {@link CallPorts}), ring and connect timeouts, and the
 * checks on what comes in (contacts only, fresh, not replayed, from the
 * device the call is with, DTLS fingerprint pinned). Media (RTCPeerConnection)
 * is the caller's business: it hands SDPs and candidates in and gets the other
 * side's out as events.
 */
export class CallService extends TypedEventEmitter<CallEvents> {
  readonly #init: CallServiceInit
  #ringTimeoutMs: number
  readonly #calls = new Map<string, Call>()
  readonly #replay = new ReplayGuard()
  readonly #held = new Map<AccountId, { arrival: InboundSignal; offer: Extract<CallSignal, { kind: 'offer' }> }>()

  constructor(init: CallServiceInit) {
    super()
    this.#init = init
    this.#ringTimeoutMs = init.ringTimeoutMs ?? RING_TIMEOUT_MS
  }

  get #ringMs(): number {
    return this.#ringTimeoutMs
  }

  /**
   * Change how long the next outgoing calls ring (a user setting).
   * @throws RangeError for a value that is not a positive number of ms
   */
  configure(options: { readonly ringTimeoutMs?: number }): void {
    const ms = options.ringTimeoutMs
    if (ms === undefined) return
    if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`"ringTimeoutMs" expected a positive number, got ${ms}`)
    this.#ringTimeoutMs = ms
  }

  /** A call by id. */
  get(callId: string): CallInfo | undefined {
    return this.#calls.get(callId)?.info
  }

  /** The call that is not ended, if any (one at a time). */
  current(): CallInfo | undefined {
    for (const c of this.#calls.values()) if (c.info.state !== 'ended') return c.info
    return undefined
  }

  /**
   * Call an account: the offer goes to every device of it; they ring.
   * @param offerSdp - the local description of a new RTCPeerConnection
   * @throws XchatError CALL_BUSY (a call is going on) | MALFORMED (no fingerprint) | TOO_LARGE
   */
  dial(peer: AccountId, media: CallMedia, offerSdp: string): CallInfo {
    if (this.current() !== undefined) throw new XchatError('CALL_BUSY', 'a call is already going on')
    fingerprintsOf(offerSdp)
    const id = bytesToHex(randomBytes(CALL_ID_LENGTH))
    const now = this.#init.clock.now()
    const signal = encodeSignal({ kind: 'offer', callId: hexToBytes(id), media, sdp: offerSdp })
    // our own offer reflected back (or replayed to us) is a replay
    this.#replay.firstOffer(id, now)
    const call: Call = {
      info: { id, peer, direction: 'out', media, state: next('idle', { type: 'dial' }), remoteRinging: false, createdAt: now },
      outgoing: [],
      early: new Map(),
    }
    this.#remember(call)
    this.#arm(call, this.#ringMs, () => this.#endAndTell(call, 'no-answer'))
    this.#emitState(call)
    void this.#init.ports.send(peer, signal, { peer: 'all', ownCopies: false }).then(
      (took) => {
        if (took === 0 && call.info.state === 'outgoing-ringing') this.#end(call, 'failed')
      },
      () => this.#end(call, 'failed'),
    )
    return call.info
  }

  /**
   * Accept a ringing call with the answer to its offer; copies tell this account's other devices to stop ringing.
   * @throws XchatError CALL_STATE (not ringing here) | MALFORMED | TOO_LARGE
   */
  accept(callId: string, answerSdp: string, media?: CallMedia): void {
    const call = this.#call(callId)
    if (call.info.direction !== 'in') throw new XchatError('CALL_STATE', 'only an incoming call is accepted')
    fingerprintsOf(answerSdp)
    const answer = encodeSignal({ kind: 'answer', callId: hexToBytes(callId), sdp: answerSdp })
    this.#step(call, { type: 'answer' })
    this.#arm(call, this.#init.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, () => this.#endAndTell(call, 'failed'))
    this.#send(call, answer, { peer: this.#device(call), ownCopies: false })
    this.#send(call, encodeSignal({ kind: 'accept', callId: hexToBytes(callId), media: media ?? call.info.media }), {
      peer: 'none',
      ownCopies: true,
    })
    this.#emitState(call)
  }

  /** Decline a ringing call (the caller hears 'declined'; this account's other devices stop ringing). */
  decline(callId: string): void {
    const call = this.#call(callId)
    if (call.info.direction !== 'in') throw new XchatError('CALL_STATE', 'only an incoming call is declined')
    this.#endAndTell(call, 'declined')
  }

  /** End a call from this side: cancel while it rings out, decline while it rings here, hang up once answered. */
  hangup(callId: string): void {
    const call = this.#call(callId)
    const { state, direction } = call.info
    if (state === 'ended') return
    if (state === 'incoming-ringing') this.#endAndTell(call, 'declined')
    else if (state === 'outgoing-ringing' && direction === 'out') this.#endAndTell(call, 'cancelled')
    else this.#endAndTell(call, 'hangup')
  }

  /** Media could not be set up or broke down: end the call as failed and tell the other side. */
  fail(callId: string): void {
    const call = this.#calls.get(callId)
    if (call !== undefined && call.info.state !== 'ended') this.#endAndTell(call, 'failed')
  }

  /** Media flows: the call is active (its duration starts). */
  connected(callId: string): void {
    const call = this.#call(callId)
    if (call.info.state === 'active') return
    this.#step(call, { type: 'connected' })
    this.#disarm(call)
    call.info = { ...call.info, connectedAt: this.#init.clock.now() }
    this.#emitState(call)
  }

  /** Local ICE candidates to send (batched; held by the caller until a device answers). */
  candidates(callId: string, candidates: readonly IceCandidate[]): void {
    const call = this.#calls.get(callId)
    if (call === undefined || call.info.state === 'ended') return
    call.outgoing.push(...candidates)
    this.#flushSoon(call)
  }

  /**
   * Ring a held offer from an account that just became a contact, if it is still fresh.
   * @returns whether it rings
   */
  async releaseHeld(accountId: AccountId): Promise<boolean> {
    const held = this.#held.get(accountId)
    this.#held.delete(accountId)
    // fresh as long as an offer is (the caller's ring time is its own; a cancel drops the held offer)
    if (held === undefined || this.#init.clock.now() - held.arrival.sentAt > MAX_SIGNAL_AGE_MS) return false
    if (!(await this.#init.ports.isContact(accountId))) return false
    await this.#ring(held.arrival, held.offer)
    return true
  }

  /**
   * Take a signal messaging delivered. Bad or unexpected input is dropped
   * with a `call:rejected` event; this never throws.
   */
  async receive(arrival: InboundSignal): Promise<void> {
    try {
      await this.#receive(arrival)
    } catch (err) {
      if (!isXchatError(err)) throw err
      this.safeDispatchEvent('call:rejected', { detail: { reason: err.code, from: arrival.fromAccount } })
    }
  }

  /** Stop every timer (calls stay as they are). */
  stop(): void {
    for (const call of this.#calls.values()) {
      this.#disarm(call)
      if (call.flush !== undefined) this.#init.clock.clearTimeout(call.flush)
    }
  }

  async #receive(arrival: InboundSignal): Promise<void> {
    const s = parseSignal(arrival.signal)
    this.#replay.checkFresh(arrival.sentAt, this.#init.clock.now())
    const id = bytesToHex(s.callId)
    if (arrival.fromSelf) return this.#fromOwnDevice(id, s, arrival)
    if (s.kind === 'offer') {
      this.#replay.firstOffer(id, this.#init.clock.now())
      fingerprintsOf(s.sdp)
      if (!(await this.#init.ports.isContact(arrival.fromAccount))) {
        if (this.#held.size >= MAX_HELD_OFFERS && !this.#held.has(arrival.fromAccount)) return
        this.#held.set(arrival.fromAccount, { arrival, offer: s })
        this.safeDispatchEvent('call:held', { detail: { from: arrival.fromAccount, media: s.media } })
        return
      }
      return this.#ring(arrival, s)
    }
    const call = this.#calls.get(id)
    if (call === undefined && (s.kind === 'cancel' || s.kind === 'hangup')) {
      // the call ended before its offer got here (the offer is still retried): it must not ring when it comes
      if (!this.#replay.has(id)) this.#replay.firstOffer(id, this.#init.clock.now())
      const held = this.#held.get(arrival.fromAccount)
      if (held !== undefined && bytesToHex(held.offer.callId) === id) this.#held.delete(arrival.fromAccount)
      return
    }
    if (call === undefined || call.info.peer !== arrival.fromAccount) {
      throw new XchatError('CALL_UNKNOWN_PEER', 'a call signal for no call with this account')
    }
    const device = call.info.peerDevice
    if (device !== undefined && device !== arrival.fromDevice) {
      // another device of the callee answers too late: the first answer won
      if (s.kind === 'answer' && call.info.direction === 'out') {
        this.#send(call, encodeSignal({ kind: 'cancel', callId: s.callId, reason: 'answered-elsewhere' }), {
          peer: arrival.fromDevice,
          ownCopies: false,
        })
        return
      }
      if (s.kind === 'ringing' || s.kind === 'busy' || s.kind === 'decline') return
      throw new XchatError('CALL_UNKNOWN_PEER', 'a call signal from another device than the call is with')
    }
    if (call.info.state === 'ended') return // late: candidates, a second hangup
    this.#fromPeer(call, s, arrival.fromDevice)
  }

  #fromPeer(call: Call, s: CallSignal, fromDevice: string): void {
    const caller = call.info.direction === 'out'
    switch (s.kind) {
      case 'ringing':
        if (caller && call.info.state === 'outgoing-ringing' && !call.info.remoteRinging) {
          call.info = { ...call.info, remoteRinging: true }
          this.#emitState(call)
        }
        return
      case 'answer': {
        const prints = fingerprintsOf(s.sdp)
        if (call.remoteFingerprints !== undefined && !sameFingerprints(call.remoteFingerprints, prints)) {
          throw new XchatError('CALL_FINGERPRINT', 'an answer whose DTLS fingerprint differs from the one this call uses')
        }
        if (!caller) throw new XchatError('CALL_STATE', 'an answer to a call this device did not make')
        this.#step(call, { type: 'answer' })
        call.remoteFingerprints = prints
        call.info = { ...call.info, peerDevice: fromDevice }
        this.#arm(call, this.#init.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, () => this.#endAndTell(call, 'failed'))
        this.#emitState(call)
        this.safeDispatchEvent('call:answer', { detail: { callId: call.info.id, sdp: s.sdp } })
        const early = call.early.get(fromDevice)
        call.early.clear()
        if (early !== undefined) this.safeDispatchEvent('call:candidates', { detail: { callId: call.info.id, candidates: early } })
        this.#flushSoon(call)
        return
      }
      case 'candidates':
        if (call.info.peerDevice === undefined) {
          call.early.set(fromDevice, [...(call.early.get(fromDevice) ?? []), ...s.candidates].slice(0, 64))
          return
        }
        this.safeDispatchEvent('call:candidates', { detail: { callId: call.info.id, candidates: s.candidates } })
        return
      case 'decline':
        return this.#endFromPeer(call, 'declined')
      case 'busy':
        return this.#endFromPeer(call, 'busy')
      case 'cancel':
        return this.#endFromPeer(call, s.reason)
      case 'hangup':
        return this.#endFromPeer(call, call.info.state === 'incoming-ringing' ? 'cancelled' : s.reason)
      case 'offer':
      case 'accept':
        throw new XchatError('CALL_STATE', `an unexpected ${s.kind} for a call in progress`)
    }
  }

  /** A copy from this account's other device: it answered or declined a call that rings here too. */
  #fromOwnDevice(id: string, s: CallSignal, arrival: InboundSignal): void {
    const call = this.#calls.get(id)
    if (call === undefined || call.info.peer !== arrival.conversation || call.info.state !== 'incoming-ringing') return
    if (s.kind === 'accept') this.#end(call, 'answered-elsewhere')
    else if (s.kind === 'decline') this.#end(call, 'declined')
  }

  async #ring(arrival: InboundSignal, offer: Extract<CallSignal, { kind: 'offer' }>): Promise<void> {
    const now = this.#init.clock.now()
    const info: CallInfo = {
      id: bytesToHex(offer.callId),
      peer: arrival.fromAccount,
      direction: 'in',
      media: offer.media,
      state: next('idle', { type: 'offer' }),
      remoteRinging: false,
      peerDevice: arrival.fromDevice,
      createdAt: now,
    }
    const call: Call = { info, remoteFingerprints: fingerprintsOf(offer.sdp), outgoing: [], early: new Map() }
    const busy = this.current() !== undefined
    this.#remember(call)
    if (busy) {
      this.#send(call, encodeSignal({ kind: 'busy', callId: offer.callId }), { peer: arrival.fromDevice, ownCopies: false })
      // recorded as missed; the call never rang here
      call.info = { ...call.info, state: 'ended', reason: 'busy', endedAt: now }
      await this.#record(call)
      return
    }
    // the caller's ring time is its own setting: stop on our own only well after the usual one
    this.#arm(call, Math.max(RING_TIMEOUT_MS, this.#ringMs) + RING_GRACE_MS, () => this.#end(call, 'no-answer'))
    this.#send(call, encodeSignal({ kind: 'ringing', callId: offer.callId }), { peer: arrival.fromDevice, ownCopies: false })
    this.safeDispatchEvent('call:incoming', { detail: { call: call.info, sdp: offer.sdp } })
    this.#emitState(call)
  }

  /** End a call and tell the other side (and, for a decline, this account's other devices). */
  #endAndTell(call: Call, reason: EndReason): void {
    const ringingOut = call.info.state === 'outgoing-ringing'
    if (!this.#move(call, { type: 'end', reason })) return
    const callId = hexToBytes(call.info.id)
    let signal: Uint8Array
    let route: SignalRoute
    if (reason === 'declined') {
      signal = encodeSignal({ kind: 'decline', callId })
      route = { peer: this.#device(call), ownCopies: true }
    } else if (ringingOut) {
      signal = encodeSignal({ kind: 'cancel', callId, reason })
      route = { peer: 'all', ownCopies: false }
    } else {
      signal = encodeSignal({ kind: 'hangup', callId, reason })
      route = { peer: this.#device(call), ownCopies: false }
    }
    this.#send(call, signal, route)
    this.#finish(call)
  }

  #endFromPeer(call: Call, reason: EndReason): void {
    if (!canMove(call.info.state, { type: 'end', reason }))
      throw new XchatError('CALL_STATE', `a ${reason} for a call that is ${call.info.state}`)
    this.#end(call, reason)
  }

  /** End without telling anyone (the other side ended it, or a local timeout the other side also runs). */
  #end(call: Call, reason: EndReason): void {
    if (this.#move(call, { type: 'end', reason })) this.#finish(call)
  }

  #move(call: Call, t: Extract<CallTransition, { type: 'end' }>): boolean {
    if (!canMove(call.info.state, t)) return false
    call.info = { ...call.info, state: next(call.info.state, t), reason: t.reason, endedAt: this.#init.clock.now() }
    return true
  }

  #finish(call: Call): void {
    this.#disarm(call)
    this.#emitState(call)
    void this.#record(call).catch(() => undefined)
  }

  /** The history entry: every call this device took part in, but not one another device of ours answered. */
  async #record(call: Call): Promise<void> {
    const { info } = call
    if (info.reason === 'answered-elsewhere') return
    const durationMs = info.connectedAt === undefined ? 0 : (info.endedAt ?? info.connectedAt) - info.connectedAt
    await this.#init.ports.record(info.peer, {
      direction: info.direction,
      at: info.createdAt,
      call: { callId: info.id, media: info.media, outcome: info.reason ?? 'hangup', durationMs },
    })
  }

  #step(call: Call, t: CallTransition): void {
    call.info = { ...call.info, state: next(call.info.state, t) }
  }

  #call(callId: string): Call {
    const call = this.#calls.get(callId)
    if (call === undefined) throw new XchatError('CALL_STATE', 'no such call')
    return call
  }

  #device(call: Call): string {
    return call.info.peerDevice ?? 'all'
  }

  #remember(call: Call): void {
    this.#calls.set(call.info.id, call)
    if (this.#calls.size <= MAX_ENDED_CALLS) return
    for (const [id, c] of this.#calls) {
      if (c.info.state === 'ended') {
        this.#calls.delete(id)
        return
      }
    }
  }

  #arm(call: Call, ms: number, fire: () => void): void {
    this.#disarm(call)
    call.timer = this.#init.clock.setTimeout(() => {
      call.timer = undefined
      fire()
    }, ms)
  }

  #disarm(call: Call): void {
    if (call.timer !== undefined) this.#init.clock.clearTimeout(call.timer)
    call.timer = undefined
  }

  #flushSoon(call: Call): void {
    if (call.flush !== undefined || call.outgoing.length === 0) return
    // the caller holds its candidates until it knows which device answered
    if (call.info.direction === 'out' && call.info.peerDevice === undefined) return
    call.flush = this.#init.clock.setTimeout(() => {
      call.flush = undefined
      if (call.info.state === 'ended') return
      for (let i = 0; i < call.outgoing.length; i += limits.MAX_ICE_CANDIDATES_PER_SIGNAL) {
        const batch = call.outgoing.slice(i, i + limits.MAX_ICE_CANDIDATES_PER_SIGNAL)
        this.#send(call, encodeSignal({ kind: 'candidates', callId: hexToBytes(call.info.id), candidates: batch }), {
          peer: this.#device(call),
          ownCopies: false,
        })
      }
      call.outgoing = []
    }, CANDIDATE_BATCH_MS)
  }

  #send(call: Call, signal: Uint8Array, route: SignalRoute): void {
    void this.#init.ports.send(call.info.peer, signal, route).catch(() => undefined)
  }

  #emitState(call: Call): void {
    this.safeDispatchEvent('call:state', { detail: call.info })
  }
}
