/** What a call's RTCPeerConnection reports: bytes received per kind (tests and benchmarks read these). */

/** Inbound RTP bytes so far. */
export interface InboundBytes {
  readonly audio: number
  readonly video: number
}

/** Sum the inbound-rtp `bytesReceived` of a connection by media kind. */
export async function inboundBytes(pc: RTCPeerConnection): Promise<InboundBytes> {
  const report = await pc.getStats()
  let audio = 0
  let video = 0
  report.forEach((s: { type?: string; kind?: string; bytesReceived?: number }) => {
    if (s.type !== 'inbound-rtp') return
    if (s.kind === 'audio') audio += s.bytesReceived ?? 0
    else if (s.kind === 'video') video += s.bytesReceived ?? 0
  })
  return { audio, video }
}
