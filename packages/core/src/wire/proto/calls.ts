import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface IceCandidate {
  candidate: string
  sdpMid: string
  sdpMLineIndex?: number
}

export namespace IceCandidate {
  let _codec: Codec<IceCandidate>

  export const codec = (): Codec<IceCandidate> => {
    if (_codec == null) {
      _codec = message<IceCandidate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.candidate != null && obj.candidate !== '')) {
          w.uint32(10)
          w.string(obj.candidate)
        }

        if ((obj.sdpMid != null && obj.sdpMid !== '')) {
          w.uint32(18)
          w.string(obj.sdpMid)
        }

        if (obj.sdpMLineIndex != null) {
          w.uint32(24)
          w.uint32(obj.sdpMLineIndex)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          candidate: '',
          sdpMid: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.candidate = reader.string()
              break
            }
            case 2: {
              obj.sdpMid = reader.string()
              break
            }
            case 3: {
              obj.sdpMLineIndex = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.candidate`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.sdpMid`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.sdpMLineIndex`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface IceCandidateCandidateFieldEvent {
    field: '$.candidate'
    value: string
  }

  export interface IceCandidateSdpMidFieldEvent {
    field: '$.sdpMid'
    value: string
  }

  export interface IceCandidateSdpMLineIndexFieldEvent {
    field: '$.sdpMLineIndex'
    value: number
  }

  export function encode (obj: Partial<IceCandidate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, IceCandidate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<IceCandidate>): IceCandidate {
    return decodeMessage(buf, IceCandidate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<IceCandidate>): Generator<IceCandidateCandidateFieldEvent | IceCandidateSdpMidFieldEvent | IceCandidateSdpMLineIndexFieldEvent> {
    return streamMessage(buf, IceCandidate.codec(), opts)
  }
}

export interface CallSignal {
  version: number
  callId: Uint8Array<ArrayBuffer>
  kind: number
  media: number
  sdp: string
  candidates: IceCandidate[]
  reason: number
}

export namespace CallSignal {
  let _codec: Codec<CallSignal>

  export const codec = (): Codec<CallSignal> => {
    if (_codec == null) {
      _codec = message<CallSignal>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.callId != null && obj.callId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.callId)
        }

        if ((obj.kind != null && obj.kind !== 0)) {
          w.uint32(24)
          w.uint32(obj.kind)
        }

        if ((obj.media != null && obj.media !== 0)) {
          w.uint32(32)
          w.uint32(obj.media)
        }

        if ((obj.sdp != null && obj.sdp !== '')) {
          w.uint32(42)
          w.string(obj.sdp)
        }

        if (obj.candidates != null && obj.candidates.length > 0) {
          for (const value of obj.candidates) {
            w.uint32(50)
            IceCandidate.codec().encode(value, w)
          }
        }

        if ((obj.reason != null && obj.reason !== 0)) {
          w.uint32(56)
          w.uint32(obj.reason)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          callId: uint8ArrayAlloc(0),
          kind: 0,
          media: 0,
          sdp: '',
          candidates: [],
          reason: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.callId = reader.bytes()
              break
            }
            case 3: {
              obj.kind = reader.uint32()
              break
            }
            case 4: {
              obj.media = reader.uint32()
              break
            }
            case 5: {
              obj.sdp = reader.string()
              break
            }
            case 6: {
              if (opts.limits?.candidates != null && obj.candidates.length === opts.limits.candidates) {
                throw new MaxLengthError('Decode error - repeated field "candidates" had too many elements')
              }

              obj.candidates.push(IceCandidate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.candidates$
              }))
              break
            }
            case 7: {
              obj.reason = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          candidates: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.callId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.kind`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.media`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.sdp`,
                value: reader.string()
              }
              break
            }
            case 6: {
              if (opts.limits?.candidates != null && obj.candidates === opts.limits.candidates) {
                throw new MaxLengthError('Streaming decode error - repeated field "candidates" had too many elements')
              }

              for (const evt of IceCandidate.codec().stream(reader, reader.uint32(), `${prefix}.candidates[]`, {
                limits: opts.limits?.candidates$
              })) {
                yield {
                  ...evt,
                  index: obj.candidates
                }
              }

              obj.candidates++

              break
            }
            case 7: {
              yield {
                field: `${prefix}.reason`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface CallSignalVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface CallSignalCallIdFieldEvent {
    field: '$.callId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CallSignalKindFieldEvent {
    field: '$.kind'
    value: number
  }

  export interface CallSignalMediaFieldEvent {
    field: '$.media'
    value: number
  }

  export interface CallSignalSdpFieldEvent {
    field: '$.sdp'
    value: string
  }

  export interface CallSignalCandidatesCandidateFieldEvent {
    field: '$.candidates[].candidate'
    value: string
    index: number
  }

  export interface CallSignalCandidatesSdpMidFieldEvent {
    field: '$.candidates[].sdpMid'
    value: string
    index: number
  }

  export interface CallSignalCandidatesSdpMLineIndexFieldEvent {
    field: '$.candidates[].sdpMLineIndex'
    value: number
    index: number
  }

  export interface CallSignalReasonFieldEvent {
    field: '$.reason'
    value: number
  }

  export function encode (obj: Partial<CallSignal>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CallSignal.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CallSignal>): CallSignal {
    return decodeMessage(buf, CallSignal.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CallSignal>): Generator<CallSignalVersionFieldEvent | CallSignalCallIdFieldEvent | CallSignalKindFieldEvent | CallSignalMediaFieldEvent | CallSignalSdpFieldEvent | CallSignalCandidatesCandidateFieldEvent | CallSignalCandidatesSdpMidFieldEvent | CallSignalCandidatesSdpMLineIndexFieldEvent | CallSignalReasonFieldEvent> {
    return streamMessage(buf, CallSignal.codec(), opts)
  }
}
