/**
 * The browser side of calls: ties core's CallService (signaling, state) to
 * a {@link CallPeer} (RTCPeerConnection) and the local media, and keeps a
 * snapshot the UI renders from. One call at a time.
 */
import { parseAccountId, type CallInfo, type CallMedia, type CallService, type IceCandidate } from '@xchat/core'
import type { CallSettings } from './call-settings.js'
import { rtcConfigOf } from './call-settings.js'
import { openLocalMedia, setCameraOff, setMuted, stopMedia } from './media.js'
import { CallPeer } from './peer-connection.js'
import { inboundBytes, type InboundBytes } from './stats.js'

/** What the call UI shows. */
export interface CallSnapshot {
  /** The current call, or the last one (until dismissed) to show how it ended. */
  readonly call?: CallInfo
  readonly local?: MediaStream
  readonly remote?: MediaStream
  readonly muted: boolean
  readonly cameraOff: boolean
  /** This side sends no video (an audio call, or switched to audio only). */
  readonly audioOnly: boolean
  /** Something went wrong locally (media refused); user-facing. */
  readonly error?: string
  /** Someone who is not a contact tried to call (their call rings once they are added, while it lasts). */
  readonly heldFrom?: string
}

/** What {@link CallController} needs. */
export interface CallControllerInit {
  readonly service: CallService
  readonly settings: () => CallSettings
  /** Every relay is local: no public STUN by default. */
  readonly privateNetwork: boolean
  /** Open a direct connection to the account's devices first, so signaling is quick. */
  readonly reach: (accountId: string) => Promise<unknown>
}

export class CallController {
  readonly #init: CallControllerInit
  readonly #listeners = new Set<() => void>()
  readonly #off: (() => void)[] = []
  #snapshot: CallSnapshot = { muted: false, cameraOff: false, audioOnly: false }
  #peer: CallPeer | undefined
  /** Callee: the offer of the ringing call. */
  #offer: { callId: string; sdp: string } | undefined
  /** Caller: local candidates gathered before the call had an id. */
  #early: IceCandidate[] | undefined

  constructor(init: CallControllerInit) {
    this.#init = init
    const s = init.service
    const incoming = (e: CustomEvent<{ call: CallInfo; sdp: string }>): void => {
      this.#offer = { callId: e.detail.call.id, sdp: e.detail.sdp }
      this.#set({
        call: e.detail.call,
        muted: false,
        cameraOff: false,
        audioOnly: e.detail.call.media === 'audio',
        error: undefined,
        remote: undefined,
        local: undefined,
      })
    }
    const state = (e: CustomEvent<CallInfo>): void => this.#onState(e.detail)
    const held = (e: CustomEvent<{ from: string }>): void => this.#set({ heldFrom: e.detail.from })
    const answer = (e: CustomEvent<{ callId: string; sdp: string }>): void => {
      if (e.detail.callId !== this.#snapshot.call?.id) return
      this.#peer?.applyAnswer(e.detail.sdp).catch(() => this.#init.service.fail(e.detail.callId))
    }
    const candidates = (e: CustomEvent<{ callId: string; candidates: readonly IceCandidate[] }>): void => {
      if (e.detail.callId === this.#snapshot.call?.id) void this.#peer?.addCandidates(e.detail.candidates)
    }
    s.addEventListener('call:incoming', incoming)
    s.addEventListener('call:state', state)
    s.addEventListener('call:answer', answer)
    s.addEventListener('call:candidates', candidates)
    s.addEventListener('call:held', held)
    this.#off.push(
      () => s.removeEventListener('call:incoming', incoming),
      () => s.removeEventListener('call:state', state),
      () => s.removeEventListener('call:answer', answer),
      () => s.removeEventListener('call:candidates', candidates),
      () => s.removeEventListener('call:held', held),
    )
  }

  get snapshot(): CallSnapshot {
    return this.#snapshot
  }

  /** @returns unsubscribe */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Call an account (audio, or audio and video). */
  async start(accountId: string, media: CallMedia): Promise<void> {
    if (this.#init.service.current() !== undefined) return
    this.#set({ call: undefined, error: undefined, muted: false, cameraOff: false, audioOnly: media === 'audio', remote: undefined })
    await this.#init.reach(accountId).catch(() => undefined)
    let local: MediaStream | undefined
    try {
      local = await openLocalMedia(media)
      const settings = this.#init.settings()
      this.#init.service.configure({ ringTimeoutMs: settings.ringSeconds * 1000 })
      this.#early = []
      const peer = this.#newPeer(local, settings)
      const offer = await peer.createOffer(true)
      const call = this.#init.service.dial(parseAccountId(accountId), media, offer)
      this.#set({ call, local })
      const early = this.#early
      this.#early = undefined
      if (early.length > 0) this.#init.service.candidates(call.id, early)
    } catch (err) {
      this.#teardown()
      stopMedia(local)
      this.#set({ error: err instanceof Error ? err.message : 'The call could not start.' })
    }
  }

  /** Accept the ringing call; `audioOnly` answers a video call without the camera. */
  async accept(audioOnly = false): Promise<void> {
    const call = this.#snapshot.call
    const offer = this.#offer
    if (call === undefined || offer === undefined || offer.callId !== call.id || call.state !== 'incoming-ringing') return
    const media: CallMedia = audioOnly || call.media === 'audio' ? 'audio' : 'video'
    let local: MediaStream | undefined
    try {
      local = await openLocalMedia(media)
      this.#set({ local, audioOnly: media === 'audio' })
      const peer = this.#newPeer(local, this.#init.settings())
      const answer = await peer.acceptOffer(offer.sdp)
      this.#init.service.accept(call.id, answer, media)
    } catch (err) {
      this.#teardown()
      stopMedia(local)
      this.#set({ local: undefined, error: err instanceof Error ? err.message : 'The call could not be answered.' })
      if (this.#init.service.get(call.id)?.state === 'incoming-ringing') this.#init.service.decline(call.id)
    }
  }

  decline(): void {
    const call = this.#snapshot.call
    if (call?.state === 'incoming-ringing') this.#init.service.decline(call.id)
  }

  /** End the call from this side (cancel, decline or hang up, as its state says). */
  hangup(): void {
    const call = this.#snapshot.call
    if (call !== undefined && call.state !== 'ended') this.#init.service.hangup(call.id)
  }

  toggleMute(): void {
    const muted = !this.#snapshot.muted
    setMuted(this.#snapshot.local, muted)
    this.#set({ muted })
  }

  toggleCamera(): void {
    const cameraOff = !this.#snapshot.cameraOff
    setCameraOff(this.#snapshot.local, cameraOff)
    this.#set({ cameraOff })
  }

  /** Stop the camera for the rest of the call. */
  async switchToAudio(): Promise<void> {
    await this.#peer?.dropVideo()
    for (const t of this.#snapshot.local?.getVideoTracks() ?? []) {
      t.stop()
      this.#snapshot.local?.removeTrack(t)
    }
    this.#set({ audioOnly: true, cameraOff: false })
  }

  /** Hide how the last call ended. */
  dismiss(): void {
    if (this.#snapshot.call?.state === 'ended') this.#set({ call: undefined, error: undefined })
    else if (this.#snapshot.call === undefined) this.#set({ error: undefined, heldFrom: undefined })
  }

  /** Inbound RTP bytes of the current call (tests, benchmarks). */
  async stats(): Promise<InboundBytes | undefined> {
    return this.#peer === undefined ? undefined : inboundBytes(this.#peer.pc)
  }

  stop(): void {
    const call = this.#snapshot.call
    if (call !== undefined && call.state !== 'ended') this.#init.service.hangup(call.id)
    this.#teardown()
    for (const off of this.#off.splice(0)) off()
  }

  #newPeer(local: MediaStream, settings: CallSettings): CallPeer {
    this.#peer?.close()
    const peer = new CallPeer(rtcConfigOf(settings, this.#init.privateNetwork), local, {
      onCandidates: (candidates) => {
        if (this.#early !== undefined) this.#early.push(...candidates)
        else if (this.#snapshot.call !== undefined) this.#init.service.candidates(this.#snapshot.call.id, candidates)
      },
      onConnected: () => {
        const id = this.#snapshot.call?.id
        if (id !== undefined && this.#init.service.get(id)?.state === 'connecting') this.#init.service.connected(id)
      },
      onFailed: () => {
        const id = this.#snapshot.call?.id
        if (id !== undefined) this.#init.service.fail(id)
      },
      onRemoteStream: (remote) => this.#set({ remote }),
    })
    this.#peer = peer
    return peer
  }

  #onState(call: CallInfo): void {
    const current = this.#snapshot.call
    // another call's news (e.g. a busy reply recorded for a call that never rang here)
    if (current !== undefined && current.id !== call.id && current.state !== 'ended') return
    if (current === undefined && call.direction === 'in' && call.state !== 'incoming-ringing') return
    this.#set({ call })
    if (call.state === 'ended') {
      this.#teardown()
      stopMedia(this.#snapshot.local)
      this.#set({ local: undefined, remote: undefined })
    }
  }

  #teardown(): void {
    this.#peer?.close()
    this.#peer = undefined
    this.#offer = undefined
    this.#early = undefined
  }

  #set(change: Partial<CallSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change }
    for (const l of this.#listeners) l()
  }
}
