import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface SealedEnvelope {
  version: number
  ephemeralKey: Uint8Array<ArrayBuffer>
  nonce: Uint8Array<ArrayBuffer>
  ciphertext: Uint8Array<ArrayBuffer>
}

export namespace SealedEnvelope {
  let _codec: Codec<SealedEnvelope>

  export const codec = (): Codec<SealedEnvelope> => {
    if (_codec == null) {
      _codec = message<SealedEnvelope>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.ephemeralKey != null && obj.ephemeralKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.ephemeralKey)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.nonce)
        }

        if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.ciphertext)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          ephemeralKey: uint8ArrayAlloc(0),
          nonce: uint8ArrayAlloc(0),
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
              obj.ephemeralKey = reader.bytes()
              break
            }
            case 3: {
              obj.nonce = reader.bytes()
              break
            }
            case 4: {
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
                field: `${prefix}.ephemeralKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
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

  export interface SealedEnvelopeVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface SealedEnvelopeEphemeralKeyFieldEvent {
    field: '$.ephemeralKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SealedEnvelopeNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SealedEnvelopeCiphertextFieldEvent {
    field: '$.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SealedEnvelope>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SealedEnvelope.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SealedEnvelope>): SealedEnvelope {
    return decodeMessage(buf, SealedEnvelope.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SealedEnvelope>): Generator<SealedEnvelopeVersionFieldEvent | SealedEnvelopeEphemeralKeyFieldEvent | SealedEnvelopeNonceFieldEvent | SealedEnvelopeCiphertextFieldEvent> {
    return streamMessage(buf, SealedEnvelope.codec(), opts)
  }
}

export interface KeyProof {
  deviceKey: Uint8Array<ArrayBuffer>
  timestamp: bigint
  nonce: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace KeyProof {
  let _codec: Codec<KeyProof>

  export const codec = (): Codec<KeyProof> => {
    if (_codec == null) {
      _codec = message<KeyProof>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.deviceKey != null && obj.deviceKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.deviceKey)
        }

        if ((obj.timestamp != null && obj.timestamp !== 0n)) {
          w.uint32(16)
          w.uint64(obj.timestamp)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.nonce)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          deviceKey: uint8ArrayAlloc(0),
          timestamp: 0n,
          nonce: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.deviceKey = reader.bytes()
              break
            }
            case 2: {
              obj.timestamp = reader.uint64()
              break
            }
            case 3: {
              obj.nonce = reader.bytes()
              break
            }
            case 4: {
              obj.signature = reader.bytes()
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
                field: `${prefix}.deviceKey`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.timestamp`,
                value: reader.uint64()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.signature`,
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

  export interface KeyProofDeviceKeyFieldEvent {
    field: '$.deviceKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface KeyProofTimestampFieldEvent {
    field: '$.timestamp'
    value: bigint
  }

  export interface KeyProofNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface KeyProofSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<KeyProof>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, KeyProof.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KeyProof>): KeyProof {
    return decodeMessage(buf, KeyProof.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KeyProof>): Generator<KeyProofDeviceKeyFieldEvent | KeyProofTimestampFieldEvent | KeyProofNonceFieldEvent | KeyProofSignatureFieldEvent> {
    return streamMessage(buf, KeyProof.codec(), opts)
  }
}

export interface OneTimePrekey {
  id: number
  publicKey: Uint8Array<ArrayBuffer>
}

export namespace OneTimePrekey {
  let _codec: Codec<OneTimePrekey>

  export const codec = (): Codec<OneTimePrekey> => {
    if (_codec == null) {
      _codec = message<OneTimePrekey>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== 0)) {
          w.uint32(8)
          w.uint32(obj.id)
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.publicKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: 0,
          publicKey: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.uint32()
              break
            }
            case 2: {
              obj.publicKey = reader.bytes()
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
                field: `${prefix}.id`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.publicKey`,
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

  export interface OneTimePrekeyIdFieldEvent {
    field: '$.id'
    value: number
  }

  export interface OneTimePrekeyPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<OneTimePrekey>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, OneTimePrekey.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OneTimePrekey>): OneTimePrekey {
    return decodeMessage(buf, OneTimePrekey.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OneTimePrekey>): Generator<OneTimePrekeyIdFieldEvent | OneTimePrekeyPublicKeyFieldEvent> {
    return streamMessage(buf, OneTimePrekey.codec(), opts)
  }
}

export interface Deposit {
  mailboxId: Uint8Array<ArrayBuffer>
  envelope: Uint8Array<ArrayBuffer>
  expiresAt: bigint
  batchCount: number
  batchBytes: bigint
}

export namespace Deposit {
  let _codec: Codec<Deposit>

  export const codec = (): Codec<Deposit> => {
    if (_codec == null) {
      _codec = message<Deposit>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.mailboxId != null && obj.mailboxId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.mailboxId)
        }

        if ((obj.envelope != null && obj.envelope.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.envelope)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0n)) {
          w.uint32(24)
          w.uint64(obj.expiresAt)
        }

        if ((obj.batchCount != null && obj.batchCount !== 0)) {
          w.uint32(32)
          w.uint32(obj.batchCount)
        }

        if ((obj.batchBytes != null && obj.batchBytes !== 0n)) {
          w.uint32(40)
          w.uint64(obj.batchBytes)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          mailboxId: uint8ArrayAlloc(0),
          envelope: uint8ArrayAlloc(0),
          expiresAt: 0n,
          batchCount: 0,
          batchBytes: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.mailboxId = reader.bytes()
              break
            }
            case 2: {
              obj.envelope = reader.bytes()
              break
            }
            case 3: {
              obj.expiresAt = reader.uint64()
              break
            }
            case 4: {
              obj.batchCount = reader.uint32()
              break
            }
            case 5: {
              obj.batchBytes = reader.uint64()
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
                field: `${prefix}.mailboxId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.envelope`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.expiresAt`,
                value: reader.uint64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.batchCount`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.batchBytes`,
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

  export interface DepositMailboxIdFieldEvent {
    field: '$.mailboxId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DepositEnvelopeFieldEvent {
    field: '$.envelope'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DepositExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: bigint
  }

  export interface DepositBatchCountFieldEvent {
    field: '$.batchCount'
    value: number
  }

  export interface DepositBatchBytesFieldEvent {
    field: '$.batchBytes'
    value: bigint
  }

  export function encode (obj: Partial<Deposit>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Deposit.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Deposit>): Deposit {
    return decodeMessage(buf, Deposit.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Deposit>): Generator<DepositMailboxIdFieldEvent | DepositEnvelopeFieldEvent | DepositExpiresAtFieldEvent | DepositBatchCountFieldEvent | DepositBatchBytesFieldEvent> {
    return streamMessage(buf, Deposit.codec(), opts)
  }
}

export interface Fetch {
  mailboxIds: Uint8Array<ArrayBuffer>[]
  proof?: KeyProof
}

export namespace Fetch {
  let _codec: Codec<Fetch>

  export const codec = (): Codec<Fetch> => {
    if (_codec == null) {
      _codec = message<Fetch>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.mailboxIds != null && obj.mailboxIds.length > 0) {
          for (const value of obj.mailboxIds) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (obj.proof != null) {
          w.uint32(18)
          KeyProof.codec().encode(obj.proof, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          mailboxIds: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.mailboxIds != null && obj.mailboxIds.length === opts.limits.mailboxIds) {
                throw new MaxLengthError('Decode error - repeated field "mailboxIds" had too many elements')
              }

              obj.mailboxIds.push(reader.bytes())
              break
            }
            case 2: {
              obj.proof = KeyProof.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proof
              })
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
          mailboxIds: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.mailboxIds != null && obj.mailboxIds === opts.limits.mailboxIds) {
                throw new MaxLengthError('Streaming decode error - repeated field "mailboxIds" had too many elements')
              }

              yield {
                field: `${prefix}.mailboxIds[]`,
                index: obj.mailboxIds,
                value: reader.bytes()
              }

              obj.mailboxIds++

              break
            }
            case 2: {
              yield * KeyProof.codec().stream(reader, reader.uint32(), `${prefix}.proof`, {
                limits: opts.limits?.proof
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

  export interface FetchMailboxIdsFieldEvent {
    field: '$.mailboxIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface FetchProofDeviceKeyFieldEvent {
    field: '$.proof.deviceKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FetchProofTimestampFieldEvent {
    field: '$.proof.timestamp'
    value: bigint
  }

  export interface FetchProofNonceFieldEvent {
    field: '$.proof.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FetchProofSignatureFieldEvent {
    field: '$.proof.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Fetch>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Fetch.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Fetch>): Fetch {
    return decodeMessage(buf, Fetch.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Fetch>): Generator<FetchMailboxIdsFieldEvent | FetchProofDeviceKeyFieldEvent | FetchProofTimestampFieldEvent | FetchProofNonceFieldEvent | FetchProofSignatureFieldEvent> {
    return streamMessage(buf, Fetch.codec(), opts)
  }
}

export interface Ack {
  ids: Uint8Array<ArrayBuffer>[]
  proof?: KeyProof
}

export namespace Ack {
  let _codec: Codec<Ack>

  export const codec = (): Codec<Ack> => {
    if (_codec == null) {
      _codec = message<Ack>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.ids != null && obj.ids.length > 0) {
          for (const value of obj.ids) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (obj.proof != null) {
          w.uint32(18)
          KeyProof.codec().encode(obj.proof, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ids: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              obj.ids.push(reader.bytes())
              break
            }
            case 2: {
              obj.proof = KeyProof.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proof
              })
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
          ids: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids === opts.limits.ids) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              yield {
                field: `${prefix}.ids[]`,
                index: obj.ids,
                value: reader.bytes()
              }

              obj.ids++

              break
            }
            case 2: {
              yield * KeyProof.codec().stream(reader, reader.uint32(), `${prefix}.proof`, {
                limits: opts.limits?.proof
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

  export interface AckIdsFieldEvent {
    field: '$.ids[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface AckProofDeviceKeyFieldEvent {
    field: '$.proof.deviceKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AckProofTimestampFieldEvent {
    field: '$.proof.timestamp'
    value: bigint
  }

  export interface AckProofNonceFieldEvent {
    field: '$.proof.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AckProofSignatureFieldEvent {
    field: '$.proof.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Ack>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Ack.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ack>): Ack {
    return decodeMessage(buf, Ack.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ack>): Generator<AckIdsFieldEvent | AckProofDeviceKeyFieldEvent | AckProofTimestampFieldEvent | AckProofNonceFieldEvent | AckProofSignatureFieldEvent> {
    return streamMessage(buf, Ack.codec(), opts)
  }
}

export interface PrekeyUpload {
  prekeys: OneTimePrekey[]
  proof?: KeyProof
}

export namespace PrekeyUpload {
  let _codec: Codec<PrekeyUpload>

  export const codec = (): Codec<PrekeyUpload> => {
    if (_codec == null) {
      _codec = message<PrekeyUpload>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.prekeys != null && obj.prekeys.length > 0) {
          for (const value of obj.prekeys) {
            w.uint32(10)
            OneTimePrekey.codec().encode(value, w)
          }
        }

        if (obj.proof != null) {
          w.uint32(18)
          KeyProof.codec().encode(obj.proof, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          prekeys: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.prekeys != null && obj.prekeys.length === opts.limits.prekeys) {
                throw new MaxLengthError('Decode error - repeated field "prekeys" had too many elements')
              }

              obj.prekeys.push(OneTimePrekey.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prekeys$
              }))
              break
            }
            case 2: {
              obj.proof = KeyProof.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proof
              })
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
          prekeys: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.prekeys != null && obj.prekeys === opts.limits.prekeys) {
                throw new MaxLengthError('Streaming decode error - repeated field "prekeys" had too many elements')
              }

              for (const evt of OneTimePrekey.codec().stream(reader, reader.uint32(), `${prefix}.prekeys[]`, {
                limits: opts.limits?.prekeys$
              })) {
                yield {
                  ...evt,
                  index: obj.prekeys
                }
              }

              obj.prekeys++

              break
            }
            case 2: {
              yield * KeyProof.codec().stream(reader, reader.uint32(), `${prefix}.proof`, {
                limits: opts.limits?.proof
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

  export interface PrekeyUploadPrekeysIdFieldEvent {
    field: '$.prekeys[].id'
    value: number
    index: number
  }

  export interface PrekeyUploadPrekeysPublicKeyFieldEvent {
    field: '$.prekeys[].publicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PrekeyUploadProofDeviceKeyFieldEvent {
    field: '$.proof.deviceKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PrekeyUploadProofTimestampFieldEvent {
    field: '$.proof.timestamp'
    value: bigint
  }

  export interface PrekeyUploadProofNonceFieldEvent {
    field: '$.proof.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PrekeyUploadProofSignatureFieldEvent {
    field: '$.proof.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PrekeyUpload>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PrekeyUpload.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyUpload>): PrekeyUpload {
    return decodeMessage(buf, PrekeyUpload.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyUpload>): Generator<PrekeyUploadPrekeysIdFieldEvent | PrekeyUploadPrekeysPublicKeyFieldEvent | PrekeyUploadProofDeviceKeyFieldEvent | PrekeyUploadProofTimestampFieldEvent | PrekeyUploadProofNonceFieldEvent | PrekeyUploadProofSignatureFieldEvent> {
    return streamMessage(buf, PrekeyUpload.codec(), opts)
  }
}

export interface PrekeyTake {
  deviceKey: Uint8Array<ArrayBuffer>
}

export namespace PrekeyTake {
  let _codec: Codec<PrekeyTake>

  export const codec = (): Codec<PrekeyTake> => {
    if (_codec == null) {
      _codec = message<PrekeyTake>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.deviceKey != null && obj.deviceKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.deviceKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          deviceKey: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.deviceKey = reader.bytes()
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
                field: `${prefix}.deviceKey`,
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

  export interface PrekeyTakeDeviceKeyFieldEvent {
    field: '$.deviceKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PrekeyTake>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PrekeyTake.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyTake>): PrekeyTake {
    return decodeMessage(buf, PrekeyTake.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyTake>): Generator<PrekeyTakeDeviceKeyFieldEvent> {
    return streamMessage(buf, PrekeyTake.codec(), opts)
  }
}

export interface MailboxRequest {
  version: number
  deposit?: Deposit
  fetch?: Fetch
  ack?: Ack
  uploadPrekeys?: PrekeyUpload
  takePrekey?: PrekeyTake
}

export namespace MailboxRequest {
  let _codec: Codec<MailboxRequest>

  export const codec = (): Codec<MailboxRequest> => {
    if (_codec == null) {
      _codec = message<MailboxRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.deposit != null) {
          w.uint32(18)
          Deposit.codec().encode(obj.deposit, w)
        }

        if (obj.fetch != null) {
          w.uint32(26)
          Fetch.codec().encode(obj.fetch, w)
        }

        if (obj.ack != null) {
          w.uint32(34)
          Ack.codec().encode(obj.ack, w)
        }

        if (obj.uploadPrekeys != null) {
          w.uint32(42)
          PrekeyUpload.codec().encode(obj.uploadPrekeys, w)
        }

        if (obj.takePrekey != null) {
          w.uint32(50)
          PrekeyTake.codec().encode(obj.takePrekey, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0
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
              obj.deposit = Deposit.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.deposit
              })
              break
            }
            case 3: {
              obj.fetch = Fetch.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fetch
              })
              break
            }
            case 4: {
              obj.ack = Ack.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ack
              })
              break
            }
            case 5: {
              obj.uploadPrekeys = PrekeyUpload.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.uploadPrekeys
              })
              break
            }
            case 6: {
              obj.takePrekey = PrekeyTake.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.takePrekey
              })
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
              yield * Deposit.codec().stream(reader, reader.uint32(), `${prefix}.deposit`, {
                limits: opts.limits?.deposit
              })

              break
            }
            case 3: {
              yield * Fetch.codec().stream(reader, reader.uint32(), `${prefix}.fetch`, {
                limits: opts.limits?.fetch
              })

              break
            }
            case 4: {
              yield * Ack.codec().stream(reader, reader.uint32(), `${prefix}.ack`, {
                limits: opts.limits?.ack
              })

              break
            }
            case 5: {
              yield * PrekeyUpload.codec().stream(reader, reader.uint32(), `${prefix}.uploadPrekeys`, {
                limits: opts.limits?.uploadPrekeys
              })

              break
            }
            case 6: {
              yield * PrekeyTake.codec().stream(reader, reader.uint32(), `${prefix}.takePrekey`, {
                limits: opts.limits?.takePrekey
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

  export interface MailboxRequestVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface MailboxRequestDepositMailboxIdFieldEvent {
    field: '$.deposit.mailboxId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestDepositEnvelopeFieldEvent {
    field: '$.deposit.envelope'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestDepositExpiresAtFieldEvent {
    field: '$.deposit.expiresAt'
    value: bigint
  }

  export interface MailboxRequestDepositBatchCountFieldEvent {
    field: '$.deposit.batchCount'
    value: number
  }

  export interface MailboxRequestDepositBatchBytesFieldEvent {
    field: '$.deposit.batchBytes'
    value: bigint
  }

  export interface MailboxRequestFetchMailboxIdsFieldEvent {
    field: '$.fetch.mailboxIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestFetchProofDeviceKeyFieldEvent {
    field: '$.fetch.proof.deviceKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestFetchProofTimestampFieldEvent {
    field: '$.fetch.proof.timestamp'
    value: bigint
  }

  export interface MailboxRequestFetchProofNonceFieldEvent {
    field: '$.fetch.proof.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestFetchProofSignatureFieldEvent {
    field: '$.fetch.proof.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestAckIdsFieldEvent {
    field: '$.ack.ids[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestAckProofDeviceKeyFieldEvent {
    field: '$.ack.proof.deviceKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestAckProofTimestampFieldEvent {
    field: '$.ack.proof.timestamp'
    value: bigint
  }

  export interface MailboxRequestAckProofNonceFieldEvent {
    field: '$.ack.proof.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestAckProofSignatureFieldEvent {
    field: '$.ack.proof.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestUploadPrekeysPrekeysIdFieldEvent {
    field: '$.uploadPrekeys.prekeys[].id'
    value: number
    index: number
  }

  export interface MailboxRequestUploadPrekeysPrekeysPublicKeyFieldEvent {
    field: '$.uploadPrekeys.prekeys[].publicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface MailboxRequestUploadPrekeysProofDeviceKeyFieldEvent {
    field: '$.uploadPrekeys.proof.deviceKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestUploadPrekeysProofTimestampFieldEvent {
    field: '$.uploadPrekeys.proof.timestamp'
    value: bigint
  }

  export interface MailboxRequestUploadPrekeysProofNonceFieldEvent {
    field: '$.uploadPrekeys.proof.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestUploadPrekeysProofSignatureFieldEvent {
    field: '$.uploadPrekeys.proof.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestTakePrekeyDeviceKeyFieldEvent {
    field: '$.takePrekey.deviceKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<MailboxRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MailboxRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxRequest>): MailboxRequest {
    return decodeMessage(buf, MailboxRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxRequest>): Generator<MailboxRequestVersionFieldEvent | MailboxRequestDepositMailboxIdFieldEvent | MailboxRequestDepositEnvelopeFieldEvent | MailboxRequestDepositExpiresAtFieldEvent | MailboxRequestDepositBatchCountFieldEvent | MailboxRequestDepositBatchBytesFieldEvent | MailboxRequestFetchMailboxIdsFieldEvent | MailboxRequestFetchProofDeviceKeyFieldEvent | MailboxRequestFetchProofTimestampFieldEvent | MailboxRequestFetchProofNonceFieldEvent | MailboxRequestFetchProofSignatureFieldEvent | MailboxRequestAckIdsFieldEvent | MailboxRequestAckProofDeviceKeyFieldEvent | MailboxRequestAckProofTimestampFieldEvent | MailboxRequestAckProofNonceFieldEvent | MailboxRequestAckProofSignatureFieldEvent | MailboxRequestUploadPrekeysPrekeysIdFieldEvent | MailboxRequestUploadPrekeysPrekeysPublicKeyFieldEvent | MailboxRequestUploadPrekeysProofDeviceKeyFieldEvent | MailboxRequestUploadPrekeysProofTimestampFieldEvent | MailboxRequestUploadPrekeysProofNonceFieldEvent | MailboxRequestUploadPrekeysProofSignatureFieldEvent | MailboxRequestTakePrekeyDeviceKeyFieldEvent> {
    return streamMessage(buf, MailboxRequest.codec(), opts)
  }
}

export enum MailboxStatus {
  STATUS_UNSPECIFIED = 'STATUS_UNSPECIFIED',
  OK = 'OK',
  BAD_REQUEST = 'BAD_REQUEST',
  TOO_LARGE = 'TOO_LARGE',
  UNSUPPORTED_VERSION = 'UNSUPPORTED_VERSION',
  FORBIDDEN = 'FORBIDDEN',
  STALE_PROOF = 'STALE_PROOF',
  EXPIRED = 'EXPIRED',
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  RATE_LIMITED = 'RATE_LIMITED',
  EMPTY = 'EMPTY',
  INTERNAL = 'INTERNAL'
}

enum __MailboxStatusValues {
  STATUS_UNSPECIFIED = 0,
  OK = 1,
  BAD_REQUEST = 2,
  TOO_LARGE = 3,
  UNSUPPORTED_VERSION = 4,
  FORBIDDEN = 5,
  STALE_PROOF = 6,
  EXPIRED = 7,
  QUOTA_EXCEEDED = 8,
  RATE_LIMITED = 9,
  EMPTY = 10,
  INTERNAL = 11
}

export namespace MailboxStatus {
  export const codec = (): Codec<MailboxStatus> => {
    return enumeration<MailboxStatus>(__MailboxStatusValues)
  }
}

export interface DepositResult {
  id: Uint8Array<ArrayBuffer>
  expiresAt: bigint
}

export namespace DepositResult {
  let _codec: Codec<DepositResult>

  export const codec = (): Codec<DepositResult> => {
    if (_codec == null) {
      _codec = message<DepositResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.id)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0n)) {
          w.uint32(16)
          w.uint64(obj.expiresAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: uint8ArrayAlloc(0),
          expiresAt: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.bytes()
              break
            }
            case 2: {
              obj.expiresAt = reader.uint64()
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
                field: `${prefix}.id`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.expiresAt`,
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

  export interface DepositResultIdFieldEvent {
    field: '$.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DepositResultExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: bigint
  }

  export function encode (obj: Partial<DepositResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DepositResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DepositResult>): DepositResult {
    return decodeMessage(buf, DepositResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DepositResult>): Generator<DepositResultIdFieldEvent | DepositResultExpiresAtFieldEvent> {
    return streamMessage(buf, DepositResult.codec(), opts)
  }
}

export interface StoredEnvelope {
  id: Uint8Array<ArrayBuffer>
  mailboxId: Uint8Array<ArrayBuffer>
  envelope: Uint8Array<ArrayBuffer>
  receivedAt: bigint
  expiresAt: bigint
}

export namespace StoredEnvelope {
  let _codec: Codec<StoredEnvelope>

  export const codec = (): Codec<StoredEnvelope> => {
    if (_codec == null) {
      _codec = message<StoredEnvelope>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.id)
        }

        if ((obj.mailboxId != null && obj.mailboxId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.mailboxId)
        }

        if ((obj.envelope != null && obj.envelope.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.envelope)
        }

        if ((obj.receivedAt != null && obj.receivedAt !== 0n)) {
          w.uint32(32)
          w.uint64(obj.receivedAt)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0n)) {
          w.uint32(40)
          w.uint64(obj.expiresAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: uint8ArrayAlloc(0),
          mailboxId: uint8ArrayAlloc(0),
          envelope: uint8ArrayAlloc(0),
          receivedAt: 0n,
          expiresAt: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.bytes()
              break
            }
            case 2: {
              obj.mailboxId = reader.bytes()
              break
            }
            case 3: {
              obj.envelope = reader.bytes()
              break
            }
            case 4: {
              obj.receivedAt = reader.uint64()
              break
            }
            case 5: {
              obj.expiresAt = reader.uint64()
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
                field: `${prefix}.id`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.mailboxId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.envelope`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.receivedAt`,
                value: reader.uint64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.expiresAt`,
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

  export interface StoredEnvelopeIdFieldEvent {
    field: '$.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface StoredEnvelopeMailboxIdFieldEvent {
    field: '$.mailboxId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface StoredEnvelopeEnvelopeFieldEvent {
    field: '$.envelope'
    value: Uint8Array<ArrayBuffer>
  }

  export interface StoredEnvelopeReceivedAtFieldEvent {
    field: '$.receivedAt'
    value: bigint
  }

  export interface StoredEnvelopeExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: bigint
  }

  export function encode (obj: Partial<StoredEnvelope>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StoredEnvelope.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StoredEnvelope>): StoredEnvelope {
    return decodeMessage(buf, StoredEnvelope.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StoredEnvelope>): Generator<StoredEnvelopeIdFieldEvent | StoredEnvelopeMailboxIdFieldEvent | StoredEnvelopeEnvelopeFieldEvent | StoredEnvelopeReceivedAtFieldEvent | StoredEnvelopeExpiresAtFieldEvent> {
    return streamMessage(buf, StoredEnvelope.codec(), opts)
  }
}

export interface FetchResult {
  envelopes: StoredEnvelope[]
  more: boolean
}

export namespace FetchResult {
  let _codec: Codec<FetchResult>

  export const codec = (): Codec<FetchResult> => {
    if (_codec == null) {
      _codec = message<FetchResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.envelopes != null && obj.envelopes.length > 0) {
          for (const value of obj.envelopes) {
            w.uint32(10)
            StoredEnvelope.codec().encode(value, w)
          }
        }

        if ((obj.more != null && obj.more !== false)) {
          w.uint32(16)
          w.bool(obj.more)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          envelopes: [],
          more: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.envelopes != null && obj.envelopes.length === opts.limits.envelopes) {
                throw new MaxLengthError('Decode error - repeated field "envelopes" had too many elements')
              }

              obj.envelopes.push(StoredEnvelope.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.envelopes$
              }))
              break
            }
            case 2: {
              obj.more = reader.bool()
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
          envelopes: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.envelopes != null && obj.envelopes === opts.limits.envelopes) {
                throw new MaxLengthError('Streaming decode error - repeated field "envelopes" had too many elements')
              }

              for (const evt of StoredEnvelope.codec().stream(reader, reader.uint32(), `${prefix}.envelopes[]`, {
                limits: opts.limits?.envelopes$
              })) {
                yield {
                  ...evt,
                  index: obj.envelopes
                }
              }

              obj.envelopes++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.more`,
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

  export interface FetchResultEnvelopesIdFieldEvent {
    field: '$.envelopes[].id'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface FetchResultEnvelopesMailboxIdFieldEvent {
    field: '$.envelopes[].mailboxId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface FetchResultEnvelopesEnvelopeFieldEvent {
    field: '$.envelopes[].envelope'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface FetchResultEnvelopesReceivedAtFieldEvent {
    field: '$.envelopes[].receivedAt'
    value: bigint
    index: number
  }

  export interface FetchResultEnvelopesExpiresAtFieldEvent {
    field: '$.envelopes[].expiresAt'
    value: bigint
    index: number
  }

  export interface FetchResultMoreFieldEvent {
    field: '$.more'
    value: boolean
  }

  export function encode (obj: Partial<FetchResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FetchResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FetchResult>): FetchResult {
    return decodeMessage(buf, FetchResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FetchResult>): Generator<FetchResultEnvelopesIdFieldEvent | FetchResultEnvelopesMailboxIdFieldEvent | FetchResultEnvelopesEnvelopeFieldEvent | FetchResultEnvelopesReceivedAtFieldEvent | FetchResultEnvelopesExpiresAtFieldEvent | FetchResultMoreFieldEvent> {
    return streamMessage(buf, FetchResult.codec(), opts)
  }
}

export interface AckResult {
  deleted: number
}

export namespace AckResult {
  let _codec: Codec<AckResult>

  export const codec = (): Codec<AckResult> => {
    if (_codec == null) {
      _codec = message<AckResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.deleted != null && obj.deleted !== 0)) {
          w.uint32(8)
          w.uint32(obj.deleted)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          deleted: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.deleted = reader.uint32()
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
                field: `${prefix}.deleted`,
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

  export interface AckResultDeletedFieldEvent {
    field: '$.deleted'
    value: number
  }

  export function encode (obj: Partial<AckResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AckResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AckResult>): AckResult {
    return decodeMessage(buf, AckResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AckResult>): Generator<AckResultDeletedFieldEvent> {
    return streamMessage(buf, AckResult.codec(), opts)
  }
}

export interface PrekeyUploadResult {
  stored: number
}

export namespace PrekeyUploadResult {
  let _codec: Codec<PrekeyUploadResult>

  export const codec = (): Codec<PrekeyUploadResult> => {
    if (_codec == null) {
      _codec = message<PrekeyUploadResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.stored != null && obj.stored !== 0)) {
          w.uint32(8)
          w.uint32(obj.stored)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          stored: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.stored = reader.uint32()
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
                field: `${prefix}.stored`,
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

  export interface PrekeyUploadResultStoredFieldEvent {
    field: '$.stored'
    value: number
  }

  export function encode (obj: Partial<PrekeyUploadResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PrekeyUploadResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyUploadResult>): PrekeyUploadResult {
    return decodeMessage(buf, PrekeyUploadResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyUploadResult>): Generator<PrekeyUploadResultStoredFieldEvent> {
    return streamMessage(buf, PrekeyUploadResult.codec(), opts)
  }
}

export interface PrekeyTakeResult {
  prekey?: OneTimePrekey
}

export namespace PrekeyTakeResult {
  let _codec: Codec<PrekeyTakeResult>

  export const codec = (): Codec<PrekeyTakeResult> => {
    if (_codec == null) {
      _codec = message<PrekeyTakeResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.prekey != null) {
          w.uint32(10)
          OneTimePrekey.codec().encode(obj.prekey, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.prekey = OneTimePrekey.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prekey
              })
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
              yield * OneTimePrekey.codec().stream(reader, reader.uint32(), `${prefix}.prekey`, {
                limits: opts.limits?.prekey
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

  export interface PrekeyTakeResultPrekeyIdFieldEvent {
    field: '$.prekey.id'
    value: number
  }

  export interface PrekeyTakeResultPrekeyPublicKeyFieldEvent {
    field: '$.prekey.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PrekeyTakeResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PrekeyTakeResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyTakeResult>): PrekeyTakeResult {
    return decodeMessage(buf, PrekeyTakeResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyTakeResult>): Generator<PrekeyTakeResultPrekeyIdFieldEvent | PrekeyTakeResultPrekeyPublicKeyFieldEvent> {
    return streamMessage(buf, PrekeyTakeResult.codec(), opts)
  }
}

export interface MailboxResponse {
  version: number
  status: MailboxStatus
  reason: string
  retryAfterMs: bigint
  deposit?: DepositResult
  fetch?: FetchResult
  ack?: AckResult
  uploadPrekeys?: PrekeyUploadResult
  takePrekey?: PrekeyTakeResult
}

export namespace MailboxResponse {
  let _codec: Codec<MailboxResponse>

  export const codec = (): Codec<MailboxResponse> => {
    if (_codec == null) {
      _codec = message<MailboxResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.status != null && __MailboxStatusValues[obj.status] !== 0) {
          w.uint32(16)
          MailboxStatus.codec().encode(obj.status, w)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(26)
          w.string(obj.reason)
        }

        if ((obj.retryAfterMs != null && obj.retryAfterMs !== 0n)) {
          w.uint32(32)
          w.uint64(obj.retryAfterMs)
        }

        if (obj.deposit != null) {
          w.uint32(42)
          DepositResult.codec().encode(obj.deposit, w)
        }

        if (obj.fetch != null) {
          w.uint32(50)
          FetchResult.codec().encode(obj.fetch, w)
        }

        if (obj.ack != null) {
          w.uint32(58)
          AckResult.codec().encode(obj.ack, w)
        }

        if (obj.uploadPrekeys != null) {
          w.uint32(66)
          PrekeyUploadResult.codec().encode(obj.uploadPrekeys, w)
        }

        if (obj.takePrekey != null) {
          w.uint32(74)
          PrekeyTakeResult.codec().encode(obj.takePrekey, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          status: MailboxStatus.STATUS_UNSPECIFIED,
          reason: '',
          retryAfterMs: 0n
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
              obj.status = MailboxStatus.codec().decode(reader)
              break
            }
            case 3: {
              obj.reason = reader.string()
              break
            }
            case 4: {
              obj.retryAfterMs = reader.uint64()
              break
            }
            case 5: {
              obj.deposit = DepositResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.deposit
              })
              break
            }
            case 6: {
              obj.fetch = FetchResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fetch
              })
              break
            }
            case 7: {
              obj.ack = AckResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ack
              })
              break
            }
            case 8: {
              obj.uploadPrekeys = PrekeyUploadResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.uploadPrekeys
              })
              break
            }
            case 9: {
              obj.takePrekey = PrekeyTakeResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.takePrekey
              })
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
                value: MailboxStatus.codec().decode(reader)
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
            case 4: {
              yield {
                field: `${prefix}.retryAfterMs`,
                value: reader.uint64()
              }
              break
            }
            case 5: {
              yield * DepositResult.codec().stream(reader, reader.uint32(), `${prefix}.deposit`, {
                limits: opts.limits?.deposit
              })

              break
            }
            case 6: {
              yield * FetchResult.codec().stream(reader, reader.uint32(), `${prefix}.fetch`, {
                limits: opts.limits?.fetch
              })

              break
            }
            case 7: {
              yield * AckResult.codec().stream(reader, reader.uint32(), `${prefix}.ack`, {
                limits: opts.limits?.ack
              })

              break
            }
            case 8: {
              yield * PrekeyUploadResult.codec().stream(reader, reader.uint32(), `${prefix}.uploadPrekeys`, {
                limits: opts.limits?.uploadPrekeys
              })

              break
            }
            case 9: {
              yield * PrekeyTakeResult.codec().stream(reader, reader.uint32(), `${prefix}.takePrekey`, {
                limits: opts.limits?.takePrekey
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

  export interface MailboxResponseVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface MailboxResponseStatusFieldEvent {
    field: '$.status'
    value: MailboxStatus
  }

  export interface MailboxResponseReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface MailboxResponseRetryAfterMsFieldEvent {
    field: '$.retryAfterMs'
    value: bigint
  }

  export interface MailboxResponseDepositIdFieldEvent {
    field: '$.deposit.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxResponseDepositExpiresAtFieldEvent {
    field: '$.deposit.expiresAt'
    value: bigint
  }

  export interface MailboxResponseFetchEnvelopesIdFieldEvent {
    field: '$.fetch.envelopes[].id'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface MailboxResponseFetchEnvelopesMailboxIdFieldEvent {
    field: '$.fetch.envelopes[].mailboxId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface MailboxResponseFetchEnvelopesEnvelopeFieldEvent {
    field: '$.fetch.envelopes[].envelope'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface MailboxResponseFetchEnvelopesReceivedAtFieldEvent {
    field: '$.fetch.envelopes[].receivedAt'
    value: bigint
    index: number
  }

  export interface MailboxResponseFetchEnvelopesExpiresAtFieldEvent {
    field: '$.fetch.envelopes[].expiresAt'
    value: bigint
    index: number
  }

  export interface MailboxResponseFetchMoreFieldEvent {
    field: '$.fetch.more'
    value: boolean
  }

  export interface MailboxResponseAckDeletedFieldEvent {
    field: '$.ack.deleted'
    value: number
  }

  export interface MailboxResponseUploadPrekeysStoredFieldEvent {
    field: '$.uploadPrekeys.stored'
    value: number
  }

  export interface MailboxResponseTakePrekeyPrekeyIdFieldEvent {
    field: '$.takePrekey.prekey.id'
    value: number
  }

  export interface MailboxResponseTakePrekeyPrekeyPublicKeyFieldEvent {
    field: '$.takePrekey.prekey.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<MailboxResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MailboxResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxResponse>): MailboxResponse {
    return decodeMessage(buf, MailboxResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxResponse>): Generator<MailboxResponseVersionFieldEvent | MailboxResponseStatusFieldEvent | MailboxResponseReasonFieldEvent | MailboxResponseRetryAfterMsFieldEvent | MailboxResponseDepositIdFieldEvent | MailboxResponseDepositExpiresAtFieldEvent | MailboxResponseFetchEnvelopesIdFieldEvent | MailboxResponseFetchEnvelopesMailboxIdFieldEvent | MailboxResponseFetchEnvelopesEnvelopeFieldEvent | MailboxResponseFetchEnvelopesReceivedAtFieldEvent | MailboxResponseFetchEnvelopesExpiresAtFieldEvent | MailboxResponseFetchMoreFieldEvent | MailboxResponseAckDeletedFieldEvent | MailboxResponseUploadPrekeysStoredFieldEvent | MailboxResponseTakePrekeyPrekeyIdFieldEvent | MailboxResponseTakePrekeyPrekeyPublicKeyFieldEvent> {
    return streamMessage(buf, MailboxResponse.codec(), opts)
  }
}

export interface StoredMail {
  version: number
  envelope: Uint8Array<ArrayBuffer>
  receivedAt: bigint
  expiresAt: bigint
}

export namespace StoredMail {
  let _codec: Codec<StoredMail>

  export const codec = (): Codec<StoredMail> => {
    if (_codec == null) {
      _codec = message<StoredMail>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.envelope != null && obj.envelope.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.envelope)
        }

        if ((obj.receivedAt != null && obj.receivedAt !== 0n)) {
          w.uint32(24)
          w.uint64(obj.receivedAt)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0n)) {
          w.uint32(32)
          w.uint64(obj.expiresAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          envelope: uint8ArrayAlloc(0),
          receivedAt: 0n,
          expiresAt: 0n
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
              obj.envelope = reader.bytes()
              break
            }
            case 3: {
              obj.receivedAt = reader.uint64()
              break
            }
            case 4: {
              obj.expiresAt = reader.uint64()
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
                field: `${prefix}.envelope`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.receivedAt`,
                value: reader.uint64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.expiresAt`,
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

  export interface StoredMailVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface StoredMailEnvelopeFieldEvent {
    field: '$.envelope'
    value: Uint8Array<ArrayBuffer>
  }

  export interface StoredMailReceivedAtFieldEvent {
    field: '$.receivedAt'
    value: bigint
  }

  export interface StoredMailExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: bigint
  }

  export function encode (obj: Partial<StoredMail>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StoredMail.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StoredMail>): StoredMail {
    return decodeMessage(buf, StoredMail.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StoredMail>): Generator<StoredMailVersionFieldEvent | StoredMailEnvelopeFieldEvent | StoredMailReceivedAtFieldEvent | StoredMailExpiresAtFieldEvent> {
    return streamMessage(buf, StoredMail.codec(), opts)
  }
}

export interface MailboxUsage {
  count: number
  bytes: bigint
}

export namespace MailboxUsage {
  let _codec: Codec<MailboxUsage>

  export const codec = (): Codec<MailboxUsage> => {
    if (_codec == null) {
      _codec = message<MailboxUsage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.count != null && obj.count !== 0)) {
          w.uint32(8)
          w.uint32(obj.count)
        }

        if ((obj.bytes != null && obj.bytes !== 0n)) {
          w.uint32(16)
          w.uint64(obj.bytes)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          count: 0,
          bytes: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.count = reader.uint32()
              break
            }
            case 2: {
              obj.bytes = reader.uint64()
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
                field: `${prefix}.count`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.bytes`,
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

  export interface MailboxUsageCountFieldEvent {
    field: '$.count'
    value: number
  }

  export interface MailboxUsageBytesFieldEvent {
    field: '$.bytes'
    value: bigint
  }

  export function encode (obj: Partial<MailboxUsage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MailboxUsage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxUsage>): MailboxUsage {
    return decodeMessage(buf, MailboxUsage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxUsage>): Generator<MailboxUsageCountFieldEvent | MailboxUsageBytesFieldEvent> {
    return streamMessage(buf, MailboxUsage.codec(), opts)
  }
}
