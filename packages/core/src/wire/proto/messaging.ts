import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Envelope {
  version: number
  senderAccountKey: Uint8Array<ArrayBuffer>
  senderDeviceKey: Uint8Array<ArrayBuffer>
  senderCertificate: Uint8Array<ArrayBuffer>
  recipientDeviceKey: Uint8Array<ArrayBuffer>
  sessionType: number
  ciphertext: Uint8Array<ArrayBuffer>
}

export namespace Envelope {
  let _codec: Codec<Envelope>

  export const codec = (): Codec<Envelope> => {
    if (_codec == null) {
      _codec = message<Envelope>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.senderAccountKey != null && obj.senderAccountKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.senderAccountKey)
        }

        if ((obj.senderDeviceKey != null && obj.senderDeviceKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.senderDeviceKey)
        }

        if ((obj.senderCertificate != null && obj.senderCertificate.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.senderCertificate)
        }

        if ((obj.recipientDeviceKey != null && obj.recipientDeviceKey.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.recipientDeviceKey)
        }

        if ((obj.sessionType != null && obj.sessionType !== 0)) {
          w.uint32(48)
          w.uint32(obj.sessionType)
        }

        if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.ciphertext)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          senderAccountKey: uint8ArrayAlloc(0),
          senderDeviceKey: uint8ArrayAlloc(0),
          senderCertificate: uint8ArrayAlloc(0),
          recipientDeviceKey: uint8ArrayAlloc(0),
          sessionType: 0,
          ciphertext: uint8ArrayAlloc(0)
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
              obj.senderAccountKey = reader.bytes()
              break
            }
            case 3: {
              obj.senderDeviceKey = reader.bytes()
              break
            }
            case 4: {
              obj.senderCertificate = reader.bytes()
              break
            }
            case 5: {
              obj.recipientDeviceKey = reader.bytes()
              break
            }
            case 6: {
              obj.sessionType = reader.uint32()
              break
            }
            case 7: {
              obj.ciphertext = reader.bytes()
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
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.senderAccountKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.senderDeviceKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.senderCertificate`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.recipientDeviceKey`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.sessionType`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.ciphertext`,
                value: reader.bytes()
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

  export interface EnvelopeVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface EnvelopeSenderAccountKeyFieldEvent {
    field: '$.senderAccountKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeSenderDeviceKeyFieldEvent {
    field: '$.senderDeviceKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeSenderCertificateFieldEvent {
    field: '$.senderCertificate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeRecipientDeviceKeyFieldEvent {
    field: '$.recipientDeviceKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeSessionTypeFieldEvent {
    field: '$.sessionType'
    value: number
  }

  export interface EnvelopeCiphertextFieldEvent {
    field: '$.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Envelope>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Envelope.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Envelope {
    return decodeMessage(buf, Envelope.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Generator<EnvelopeVersionFieldEvent | EnvelopeSenderAccountKeyFieldEvent | EnvelopeSenderDeviceKeyFieldEvent | EnvelopeSenderCertificateFieldEvent | EnvelopeRecipientDeviceKeyFieldEvent | EnvelopeSessionTypeFieldEvent | EnvelopeCiphertextFieldEvent> {
    return streamMessage(buf, Envelope.codec(), opts)
  }
}

export interface Text {
  body: string
  expireAfterMs: bigint
  viewOnce: boolean
}

export namespace Text {
  let _codec: Codec<Text>

  export const codec = (): Codec<Text> => {
    if (_codec == null) {
      _codec = message<Text>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body !== '')) {
          w.uint32(10)
          w.string(obj.body)
        }

        if ((obj.expireAfterMs != null && obj.expireAfterMs !== 0n)) {
          w.uint32(16)
          w.uint64(obj.expireAfterMs)
        }

        if ((obj.viewOnce != null && obj.viewOnce !== false)) {
          w.uint32(24)
          w.bool(obj.viewOnce)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          body: '',
          expireAfterMs: 0n,
          viewOnce: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.string()
              break
            }
            case 2: {
              obj.expireAfterMs = reader.uint64()
              break
            }
            case 3: {
              obj.viewOnce = reader.bool()
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
                field: `${prefix}.body`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.expireAfterMs`,
                value: reader.uint64()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.viewOnce`,
                value: reader.bool()
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

  export interface TextBodyFieldEvent {
    field: '$.body'
    value: string
  }

  export interface TextExpireAfterMsFieldEvent {
    field: '$.expireAfterMs'
    value: bigint
  }

  export interface TextViewOnceFieldEvent {
    field: '$.viewOnce'
    value: boolean
  }

  export function encode (obj: Partial<Text>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Text.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Text>): Text {
    return decodeMessage(buf, Text.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Text>): Generator<TextBodyFieldEvent | TextExpireAfterMsFieldEvent | TextViewOnceFieldEvent> {
    return streamMessage(buf, Text.codec(), opts)
  }
}

export interface Receipt {
  kind: number
  messageIds: Uint8Array<ArrayBuffer>[]
}

export namespace Receipt {
  let _codec: Codec<Receipt>

  export const codec = (): Codec<Receipt> => {
    if (_codec == null) {
      _codec = message<Receipt>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.kind != null && obj.kind !== 0)) {
          w.uint32(8)
          w.uint32(obj.kind)
        }

        if (obj.messageIds != null && obj.messageIds.length > 0) {
          for (const value of obj.messageIds) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: 0,
          messageIds: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = reader.uint32()
              break
            }
            case 2: {
              if (opts.limits?.messageIds != null && obj.messageIds.length === opts.limits.messageIds) {
                throw new MaxLengthError('Decode error - repeated field "messageIds" had too many elements')
              }

              obj.messageIds.push(reader.bytes())
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
          messageIds: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.kind`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              if (opts.limits?.messageIds != null && obj.messageIds === opts.limits.messageIds) {
                throw new MaxLengthError('Streaming decode error - repeated field "messageIds" had too many elements')
              }

              yield {
                field: `${prefix}.messageIds[]`,
                index: obj.messageIds,
                value: reader.bytes()
              }

              obj.messageIds++

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

  export interface ReceiptKindFieldEvent {
    field: '$.kind'
    value: number
  }

  export interface ReceiptMessageIdsFieldEvent {
    field: '$.messageIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Receipt>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Receipt.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Receipt {
    return decodeMessage(buf, Receipt.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Generator<ReceiptKindFieldEvent | ReceiptMessageIdsFieldEvent> {
    return streamMessage(buf, Receipt.codec(), opts)
  }
}

export interface ResendRequest {
  seqs: bigint[]
}

export namespace ResendRequest {
  let _codec: Codec<ResendRequest>

  export const codec = (): Codec<ResendRequest> => {
    if (_codec == null) {
      _codec = message<ResendRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.seqs != null && obj.seqs.length > 0) {
          for (const value of obj.seqs) {
            w.uint32(8)
            w.uint64(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          seqs: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.seqs != null && obj.seqs.length === opts.limits.seqs) {
                throw new MaxLengthError('Decode error - repeated field "seqs" had too many elements')
              }

              obj.seqs.push(reader.uint64())
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
          seqs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.seqs != null && obj.seqs === opts.limits.seqs) {
                throw new MaxLengthError('Streaming decode error - repeated field "seqs" had too many elements')
              }

              yield {
                field: `${prefix}.seqs[]`,
                index: obj.seqs,
                value: reader.uint64()
              }

              obj.seqs++

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

  export interface ResendRequestSeqsFieldEvent {
    field: '$.seqs[]'
    index: number
    value: bigint
  }

  export function encode (obj: Partial<ResendRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ResendRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ResendRequest>): ResendRequest {
    return decodeMessage(buf, ResendRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ResendRequest>): Generator<ResendRequestSeqsFieldEvent> {
    return streamMessage(buf, ResendRequest.codec(), opts)
  }
}

export interface FileOffer {
  manifest: Uint8Array<ArrayBuffer>
  expireAfterMs: bigint
  viewOnce: boolean
}

export namespace FileOffer {
  let _codec: Codec<FileOffer>

  export const codec = (): Codec<FileOffer> => {
    if (_codec == null) {
      _codec = message<FileOffer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.manifest != null && obj.manifest.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.manifest)
        }

        if ((obj.expireAfterMs != null && obj.expireAfterMs !== 0n)) {
          w.uint32(16)
          w.uint64(obj.expireAfterMs)
        }

        if ((obj.viewOnce != null && obj.viewOnce !== false)) {
          w.uint32(24)
          w.bool(obj.viewOnce)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          manifest: uint8ArrayAlloc(0),
          expireAfterMs: 0n,
          viewOnce: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.manifest = reader.bytes()
              break
            }
            case 2: {
              obj.expireAfterMs = reader.uint64()
              break
            }
            case 3: {
              obj.viewOnce = reader.bool()
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
                field: `${prefix}.manifest`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.expireAfterMs`,
                value: reader.uint64()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.viewOnce`,
                value: reader.bool()
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

  export interface FileOfferManifestFieldEvent {
    field: '$.manifest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FileOfferExpireAfterMsFieldEvent {
    field: '$.expireAfterMs'
    value: bigint
  }

  export interface FileOfferViewOnceFieldEvent {
    field: '$.viewOnce'
    value: boolean
  }

  export function encode (obj: Partial<FileOffer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FileOffer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileOffer>): FileOffer {
    return decodeMessage(buf, FileOffer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileOffer>): Generator<FileOfferManifestFieldEvent | FileOfferExpireAfterMsFieldEvent | FileOfferViewOnceFieldEvent> {
    return streamMessage(buf, FileOffer.codec(), opts)
  }
}

export interface TimerUpdate {
  expireAfterMs: bigint
}

export namespace TimerUpdate {
  let _codec: Codec<TimerUpdate>

  export const codec = (): Codec<TimerUpdate> => {
    if (_codec == null) {
      _codec = message<TimerUpdate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.expireAfterMs != null && obj.expireAfterMs !== 0n)) {
          w.uint32(8)
          w.uint64(obj.expireAfterMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          expireAfterMs: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.expireAfterMs = reader.uint64()
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
                field: `${prefix}.expireAfterMs`,
                value: reader.uint64()
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

  export interface TimerUpdateExpireAfterMsFieldEvent {
    field: '$.expireAfterMs'
    value: bigint
  }

  export function encode (obj: Partial<TimerUpdate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TimerUpdate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TimerUpdate>): TimerUpdate {
    return decodeMessage(buf, TimerUpdate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TimerUpdate>): Generator<TimerUpdateExpireAfterMsFieldEvent> {
    return streamMessage(buf, TimerUpdate.codec(), opts)
  }
}

export interface FileControl {
  fileId: Uint8Array<ArrayBuffer>
  kind: number
}

export namespace FileControl {
  let _codec: Codec<FileControl>

  export const codec = (): Codec<FileControl> => {
    if (_codec == null) {
      _codec = message<FileControl>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.fileId != null && obj.fileId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.fileId)
        }

        if ((obj.kind != null && obj.kind !== 0)) {
          w.uint32(16)
          w.uint32(obj.kind)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          fileId: uint8ArrayAlloc(0),
          kind: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.fileId = reader.bytes()
              break
            }
            case 2: {
              obj.kind = reader.uint32()
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
                field: `${prefix}.fileId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.kind`,
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

  export interface FileControlFileIdFieldEvent {
    field: '$.fileId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FileControlKindFieldEvent {
    field: '$.kind'
    value: number
  }

  export function encode (obj: Partial<FileControl>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FileControl.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileControl>): FileControl {
    return decodeMessage(buf, FileControl.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileControl>): Generator<FileControlFileIdFieldEvent | FileControlKindFieldEvent> {
    return streamMessage(buf, FileControl.codec(), opts)
  }
}

export interface CallSignalBody {
  signal: Uint8Array<ArrayBuffer>
}

export namespace CallSignalBody {
  let _codec: Codec<CallSignalBody>

  export const codec = (): Codec<CallSignalBody> => {
    if (_codec == null) {
      _codec = message<CallSignalBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.signal != null && obj.signal.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.signal)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          signal: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.signal = reader.bytes()
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
                field: `${prefix}.signal`,
                value: reader.bytes()
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

  export interface CallSignalBodySignalFieldEvent {
    field: '$.signal'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<CallSignalBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CallSignalBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CallSignalBody>): CallSignalBody {
    return decodeMessage(buf, CallSignalBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CallSignalBody>): Generator<CallSignalBodySignalFieldEvent> {
    return streamMessage(buf, CallSignalBody.codec(), opts)
  }
}

export interface GroupBody {
  control: Uint8Array<ArrayBuffer>
}

export namespace GroupBody {
  let _codec: Codec<GroupBody>

  export const codec = (): Codec<GroupBody> => {
    if (_codec == null) {
      _codec = message<GroupBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.control != null && obj.control.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.control)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          control: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.control = reader.bytes()
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
                field: `${prefix}.control`,
                value: reader.bytes()
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

  export interface GroupBodyControlFieldEvent {
    field: '$.control'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupBody>): GroupBody {
    return decodeMessage(buf, GroupBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupBody>): Generator<GroupBodyControlFieldEvent> {
    return streamMessage(buf, GroupBody.codec(), opts)
  }
}

export interface Content {
  version: number
  messageId: Uint8Array<ArrayBuffer>
  conversation: Uint8Array<ArrayBuffer>
  sentAt: bigint
  seq: bigint
  text?: Text
  receipt?: Receipt
  resend?: ResendRequest
  file?: FileOffer
  timer?: TimerUpdate
  call?: CallSignalBody
  fileControl?: FileControl
  group?: GroupBody
}

export namespace Content {
  let _codec: Codec<Content>

  export const codec = (): Codec<Content> => {
    if (_codec == null) {
      _codec = message<Content>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.group != null) {
          obj.fileControl = undefined
          obj.call = undefined
          obj.timer = undefined
          obj.file = undefined
          obj.resend = undefined
          obj.receipt = undefined
          obj.text = undefined
        }

        if (obj.fileControl != null) {
          obj.group = undefined
          obj.call = undefined
          obj.timer = undefined
          obj.file = undefined
          obj.resend = undefined
          obj.receipt = undefined
          obj.text = undefined
        }

        if (obj.call != null) {
          obj.group = undefined
          obj.fileControl = undefined
          obj.timer = undefined
          obj.file = undefined
          obj.resend = undefined
          obj.receipt = undefined
          obj.text = undefined
        }

        if (obj.timer != null) {
          obj.group = undefined
          obj.fileControl = undefined
          obj.call = undefined
          obj.file = undefined
          obj.resend = undefined
          obj.receipt = undefined
          obj.text = undefined
        }

        if (obj.file != null) {
          obj.group = undefined
          obj.fileControl = undefined
          obj.call = undefined
          obj.timer = undefined
          obj.resend = undefined
          obj.receipt = undefined
          obj.text = undefined
        }

        if (obj.resend != null) {
          obj.group = undefined
          obj.fileControl = undefined
          obj.call = undefined
          obj.timer = undefined
          obj.file = undefined
          obj.receipt = undefined
          obj.text = undefined
        }

        if (obj.receipt != null) {
          obj.group = undefined
          obj.fileControl = undefined
          obj.call = undefined
          obj.timer = undefined
          obj.file = undefined
          obj.resend = undefined
          obj.text = undefined
        }

        if (obj.text != null) {
          obj.group = undefined
          obj.fileControl = undefined
          obj.call = undefined
          obj.timer = undefined
          obj.file = undefined
          obj.resend = undefined
          obj.receipt = undefined
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.messageId != null && obj.messageId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.messageId)
        }

        if ((obj.conversation != null && obj.conversation.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.conversation)
        }

        if ((obj.sentAt != null && obj.sentAt !== 0n)) {
          w.uint32(32)
          w.uint64(obj.sentAt)
        }

        if ((obj.seq != null && obj.seq !== 0n)) {
          w.uint32(40)
          w.uint64(obj.seq)
        }

        if (obj.text != null) {
          w.uint32(82)
          Text.codec().encode(obj.text, w)
        }

        if (obj.receipt != null) {
          w.uint32(90)
          Receipt.codec().encode(obj.receipt, w)
        }

        if (obj.resend != null) {
          w.uint32(98)
          ResendRequest.codec().encode(obj.resend, w)
        }

        if (obj.file != null) {
          w.uint32(106)
          FileOffer.codec().encode(obj.file, w)
        }

        if (obj.timer != null) {
          w.uint32(114)
          TimerUpdate.codec().encode(obj.timer, w)
        }

        if (obj.call != null) {
          w.uint32(122)
          CallSignalBody.codec().encode(obj.call, w)
        }

        if (obj.fileControl != null) {
          w.uint32(130)
          FileControl.codec().encode(obj.fileControl, w)
        }

        if (obj.group != null) {
          w.uint32(146)
          GroupBody.codec().encode(obj.group, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          messageId: uint8ArrayAlloc(0),
          conversation: uint8ArrayAlloc(0),
          sentAt: 0n,
          seq: 0n
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
              obj.messageId = reader.bytes()
              break
            }
            case 3: {
              obj.conversation = reader.bytes()
              break
            }
            case 4: {
              obj.sentAt = reader.uint64()
              break
            }
            case 5: {
              obj.seq = reader.uint64()
              break
            }
            case 10: {
              obj.text = Text.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.text
              })
              break
            }
            case 11: {
              obj.receipt = Receipt.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.receipt
              })
              break
            }
            case 12: {
              obj.resend = ResendRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.resend
              })
              break
            }
            case 13: {
              obj.file = FileOffer.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.file
              })
              break
            }
            case 14: {
              obj.timer = TimerUpdate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.timer
              })
              break
            }
            case 15: {
              obj.call = CallSignalBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.call
              })
              break
            }
            case 16: {
              obj.fileControl = FileControl.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fileControl
              })
              break
            }
            case 18: {
              obj.group = GroupBody.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.group
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.group != null) {
          delete obj.fileControl
          delete obj.call
          delete obj.timer
          delete obj.file
          delete obj.resend
          delete obj.receipt
          delete obj.text
        }

        if (obj.fileControl != null) {
          delete obj.group
          delete obj.call
          delete obj.timer
          delete obj.file
          delete obj.resend
          delete obj.receipt
          delete obj.text
        }

        if (obj.call != null) {
          delete obj.group
          delete obj.fileControl
          delete obj.timer
          delete obj.file
          delete obj.resend
          delete obj.receipt
          delete obj.text
        }

        if (obj.timer != null) {
          delete obj.group
          delete obj.fileControl
          delete obj.call
          delete obj.file
          delete obj.resend
          delete obj.receipt
          delete obj.text
        }

        if (obj.file != null) {
          delete obj.group
          delete obj.fileControl
          delete obj.call
          delete obj.timer
          delete obj.resend
          delete obj.receipt
          delete obj.text
        }

        if (obj.resend != null) {
          delete obj.group
          delete obj.fileControl
          delete obj.call
          delete obj.timer
          delete obj.file
          delete obj.receipt
          delete obj.text
        }

        if (obj.receipt != null) {
          delete obj.group
          delete obj.fileControl
          delete obj.call
          delete obj.timer
          delete obj.file
          delete obj.resend
          delete obj.text
        }

        if (obj.text != null) {
          delete obj.group
          delete obj.fileControl
          delete obj.call
          delete obj.timer
          delete obj.file
          delete obj.resend
          delete obj.receipt
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
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
                field: `${prefix}.messageId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.conversation`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.sentAt`,
                value: reader.uint64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64()
              }
              break
            }
            case 10: {
              yield * Text.codec().stream(reader, reader.uint32(), `${prefix}.text`, {
                limits: opts.limits?.text
              })

              break
            }
            case 11: {
              yield * Receipt.codec().stream(reader, reader.uint32(), `${prefix}.receipt`, {
                limits: opts.limits?.receipt
              })

              break
            }
            case 12: {
              yield * ResendRequest.codec().stream(reader, reader.uint32(), `${prefix}.resend`, {
                limits: opts.limits?.resend
              })

              break
            }
            case 13: {
              yield * FileOffer.codec().stream(reader, reader.uint32(), `${prefix}.file`, {
                limits: opts.limits?.file
              })

              break
            }
            case 14: {
              yield * TimerUpdate.codec().stream(reader, reader.uint32(), `${prefix}.timer`, {
                limits: opts.limits?.timer
              })

              break
            }
            case 15: {
              yield * CallSignalBody.codec().stream(reader, reader.uint32(), `${prefix}.call`, {
                limits: opts.limits?.call
              })

              break
            }
            case 16: {
              yield * FileControl.codec().stream(reader, reader.uint32(), `${prefix}.fileControl`, {
                limits: opts.limits?.fileControl
              })

              break
            }
            case 18: {
              yield * GroupBody.codec().stream(reader, reader.uint32(), `${prefix}.group`, {
                limits: opts.limits?.group
              })

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

  export interface ContentVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface ContentMessageIdFieldEvent {
    field: '$.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentConversationFieldEvent {
    field: '$.conversation'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentSentAtFieldEvent {
    field: '$.sentAt'
    value: bigint
  }

  export interface ContentSeqFieldEvent {
    field: '$.seq'
    value: bigint
  }

  export interface ContentTextBodyFieldEvent {
    field: '$.text.body'
    value: string
  }

  export interface ContentTextExpireAfterMsFieldEvent {
    field: '$.text.expireAfterMs'
    value: bigint
  }

  export interface ContentTextViewOnceFieldEvent {
    field: '$.text.viewOnce'
    value: boolean
  }

  export interface ContentReceiptKindFieldEvent {
    field: '$.receipt.kind'
    value: number
  }

  export interface ContentReceiptMessageIdsFieldEvent {
    field: '$.receipt.messageIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentResendSeqsFieldEvent {
    field: '$.resend.seqs[]'
    index: number
    value: bigint
  }

  export interface ContentFileManifestFieldEvent {
    field: '$.file.manifest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentFileExpireAfterMsFieldEvent {
    field: '$.file.expireAfterMs'
    value: bigint
  }

  export interface ContentFileViewOnceFieldEvent {
    field: '$.file.viewOnce'
    value: boolean
  }

  export interface ContentTimerExpireAfterMsFieldEvent {
    field: '$.timer.expireAfterMs'
    value: bigint
  }

  export interface ContentCallSignalFieldEvent {
    field: '$.call.signal'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentFileControlFileIdFieldEvent {
    field: '$.fileControl.fileId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentFileControlKindFieldEvent {
    field: '$.fileControl.kind'
    value: number
  }

  export interface ContentGroupControlFieldEvent {
    field: '$.group.control'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Content>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Content.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Content>): Content {
    return decodeMessage(buf, Content.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Content>): Generator<ContentVersionFieldEvent | ContentMessageIdFieldEvent | ContentConversationFieldEvent | ContentSentAtFieldEvent | ContentSeqFieldEvent | ContentTextBodyFieldEvent | ContentTextExpireAfterMsFieldEvent | ContentTextViewOnceFieldEvent | ContentReceiptKindFieldEvent | ContentReceiptMessageIdsFieldEvent | ContentResendSeqsFieldEvent | ContentFileManifestFieldEvent | ContentFileExpireAfterMsFieldEvent | ContentFileViewOnceFieldEvent | ContentTimerExpireAfterMsFieldEvent | ContentCallSignalFieldEvent | ContentFileControlFileIdFieldEvent | ContentFileControlKindFieldEvent | ContentGroupControlFieldEvent> {
    return streamMessage(buf, Content.codec(), opts)
  }
}

export interface DeliveryAck {
  version: number
  status: number
  reason: string
}

export namespace DeliveryAck {
  let _codec: Codec<DeliveryAck>

  export const codec = (): Codec<DeliveryAck> => {
    if (_codec == null) {
      _codec = message<DeliveryAck>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.status != null && obj.status !== 0)) {
          w.uint32(16)
          w.uint32(obj.status)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(26)
          w.string(obj.reason)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          status: 0,
          reason: ''
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
              obj.status = reader.uint32()
              break
            }
            case 3: {
              obj.reason = reader.string()
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
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.status`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
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

  export interface DeliveryAckVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface DeliveryAckStatusFieldEvent {
    field: '$.status'
    value: number
  }

  export interface DeliveryAckReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export function encode (obj: Partial<DeliveryAck>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeliveryAck.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeliveryAck>): DeliveryAck {
    return decodeMessage(buf, DeliveryAck.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeliveryAck>): Generator<DeliveryAckVersionFieldEvent | DeliveryAckStatusFieldEvent | DeliveryAckReasonFieldEvent> {
    return streamMessage(buf, DeliveryAck.codec(), opts)
  }
}
