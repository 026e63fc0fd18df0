/**
 * One call's RTCPeerConnection: local tracks in, remote stream out, SDP and
 * ICE candidates handed to and from the signaling (core's CallService),
 * which carries them end-to-end encrypted. Candidates that arrive before the
 * remote description are held; local candidates wait for a sink.
 */
import type { IceCandidate } from '@xchat/core'

export interface CallPeerEvents {
  /** Local candidates to signal. */
  onCandidates(candidates: IceCandidate[]): void
  /** Media flows (ICE + DTLS connected). */
  onConnected(): void
  /** ICE or DTLS failed for good. */
  onFailed(): void
  /** The remote stream got a track. */
  onRemoteStream(stream: MediaStream): void
}

export class CallPeer {
  readonly pc: RTCPeerConnection
  readonly #events: CallPeerEvents
  readonly #remote = new MediaStream()
  #pendingRemote: IceCandidate[] = []
  #connected = false

  constructor(config: RTCConfiguration, local: MediaStream, events: CallPeerEvents) {
    this.pc = new RTCPeerConnection(config)
    this.#events = events
    for (const track of local.getTracks()) this.pc.addTrack(track, local)
    this.pc.onicecandidate = (e) => {
      if (e.candidate === null || e.candidate.candidate === '') return
      const c = e.candidate
      events.onCandidates([
        {
          candidate: c.candidate,
          ...(c.sdpMid === null ? {} : { sdpMid: c.sdpMid }),
          ...(c.sdpMLineIndex === null ? {} : { sdpMLineIndex: c.sdpMLineIndex }),
        },
      ])
    }
    this.pc.ontrack = (e) => {
      this.#remote.addTrack(e.track)
      events.onRemoteStream(this.#remote)
    }
    this.pc.onconnectionstatechange = () => {
      const state = this.pc.connectionState
      if (state === 'connected' && !this.#connected) {
        this.#connected = true
        events.onConnected()
      } else if (state === 'failed') {
        events.onFailed()
      }
    }
  }

  /** Caller: the offer (also receiving video when only audio is sent, so the callee may still show its camera). */
  async createOffer(receiveVideo: boolean): Promise<string> {
    if (receiveVideo && !this.pc.getTransceivers().some((t) => t.receiver.track.kind === 'video')) {
      this.pc.addTransceiver('video', { direction: 'recvonly' })
    }
    const offer = await this.pc.createOffer()
    await this.pc.setLocalDescription(offer)
    return this.pc.localDescription?.sdp ?? offer.sdp ?? ''
  }

  /** Callee: apply the offer and make the answer. */
  async acceptOffer(sdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp })
    await this.#flushRemote()
    const answer = await this.pc.createAnswer()
    await this.pc.setLocalDescription(answer)
    return this.pc.localDescription?.sdp ?? answer.sdp ?? ''
  }

  /** Caller: apply the answer. */
  async applyAnswer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp })
    await this.#flushRemote()
  }

  /** Remote candidates (held until the remote description is set). */
  async addCandidates(candidates: readonly IceCandidate[]): Promise<void> {
    if (this.pc.remoteDescription === null) {
      this.#pendingRemote.push(...candidates)
      return
    }
    for (const c of candidates) await this.pc.addIceCandidate(c).catch(() => undefined)
  }

  /** Stop sending video (audio only): the sender goes silent without renegotiation. */
  async dropVideo(): Promise<void> {
    for (const s of this.pc.getSenders()) if (s.track?.kind === 'video') await s.replaceTrack(null)
  }

  close(): void {
    this.pc.onicecandidate = null
    this.pc.ontrack = null
    this.pc.onconnectionstatechange = null
    this.pc.close()
  }

  async #flushRemote(): Promise<void> {
    const pending = this.#pendingRemote
    this.#pendingRemote = []
    await this.addCandidates(pending)
  }
}
