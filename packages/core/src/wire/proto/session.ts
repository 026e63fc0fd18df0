import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface RatchetHeader {
  ratchetKey: Uint8Array<ArrayBuffer>
  previousCounter: number
  counter: number
}

export namespace RatchetHeader {
  let _codec: Codec<RatchetHeader>

  export const codec = (): Codec<RatchetHeader> => {
    if (_codec == null) {
      _codec = message<RatchetHeader>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.ratchetKey != null && obj.ratchetKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.ratchetKey)
        }

        if ((obj.previousCounter != null && obj.previousCounter !== 0)) {
          w.uint32(16)
          w.uint32(obj.previousCounter)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(24)
          w.uint32(obj.counter)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ratchetKey: uint8ArrayAlloc(0),
          previousCounter: 0,
          counter: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.ratchetKey = reader.bytes()
              break
            }
            case 2: {
              obj.previousCounter = reader.uint32()
              break
            }
            case 3: {
              obj.counter = reader.uint32()
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
                field: `${prefix}.ratchetKey`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.previousCounter`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.counter`,
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

  export interface RatchetHeaderRatchetKeyFieldEvent {
    field: '$.ratchetKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RatchetHeaderPreviousCounterFieldEvent {
    field: '$.previousCounter'
    value: number
  }

  export interface RatchetHeaderCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export function encode (obj: Partial<RatchetHeader>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RatchetHeader.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RatchetHeader>): RatchetHeader {
    return decodeMessage(buf, RatchetHeader.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RatchetHeader>): Generator<RatchetHeaderRatchetKeyFieldEvent | RatchetHeaderPreviousCounterFieldEvent | RatchetHeaderCounterFieldEvent> {
    return streamMessage(buf, RatchetHeader.codec(), opts)
  }
}

export interface RatchetMessage {
  version: number
  header: Uint8Array<ArrayBuffer>
  ciphertext: Uint8Array<ArrayBuffer>
}

export namespace RatchetMessage {
  let _codec: Codec<RatchetMessage>

  export const codec = (): Codec<RatchetMessage> => {
    if (_codec == null) {
      _codec = message<RatchetMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.header != null && obj.header.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.header)
        }

        if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.ciphertext)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          header: uint8ArrayAlloc(0),
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
              obj.header = reader.bytes()
              break
            }
            case 3: {
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
                field: `${prefix}.header`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
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

  export interface RatchetMessageVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface RatchetMessageHeaderFieldEvent {
    field: '$.header'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RatchetMessageCiphertextFieldEvent {
    field: '$.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<RatchetMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RatchetMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RatchetMessage>): RatchetMessage {
    return decodeMessage(buf, RatchetMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RatchetMessage>): Generator<RatchetMessageVersionFieldEvent | RatchetMessageHeaderFieldEvent | RatchetMessageCiphertextFieldEvent> {
    return streamMessage(buf, RatchetMessage.codec(), opts)
  }
}

export interface PreKeyMessage {
  version: number
  identityKey: Uint8Array<ArrayBuffer>
  baseKey: Uint8Array<ArrayBuffer>
  signedPrekeyId: number
  oneTimePrekeyId?: number
  message: Uint8Array<ArrayBuffer>
}

export namespace PreKeyMessage {
  let _codec: Codec<PreKeyMessage>

  export const codec = (): Codec<PreKeyMessage> => {
    if (_codec == null) {
      _codec = message<PreKeyMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.identityKey != null && obj.identityKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.identityKey)
        }

        if ((obj.baseKey != null && obj.baseKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.baseKey)
        }

        if ((obj.signedPrekeyId != null && obj.signedPrekeyId !== 0)) {
          w.uint32(32)
          w.uint32(obj.signedPrekeyId)
        }

        if (obj.oneTimePrekeyId != null) {
          w.uint32(40)
          w.uint32(obj.oneTimePrekeyId)
        }

        if ((obj.message != null && obj.message.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.message)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          identityKey: uint8ArrayAlloc(0),
          baseKey: uint8ArrayAlloc(0),
          signedPrekeyId: 0,
          message: uint8ArrayAlloc(0)
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
              obj.identityKey = reader.bytes()
              break
            }
            case 3: {
              obj.baseKey = reader.bytes()
              break
            }
            case 4: {
              obj.signedPrekeyId = reader.uint32()
              break
            }
            case 5: {
              obj.oneTimePrekeyId = reader.uint32()
              break
            }
            case 6: {
              obj.message = reader.bytes()
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
                field: `${prefix}.identityKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.baseKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.signedPrekeyId`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.oneTimePrekeyId`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.message`,
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

  export interface PreKeyMessageVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface PreKeyMessageIdentityKeyFieldEvent {
    field: '$.identityKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyMessageBaseKeyFieldEvent {
    field: '$.baseKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyMessageSignedPrekeyIdFieldEvent {
    field: '$.signedPrekeyId'
    value: number
  }

  export interface PreKeyMessageOneTimePrekeyIdFieldEvent {
    field: '$.oneTimePrekeyId'
    value: number
  }

  export interface PreKeyMessageMessageFieldEvent {
    field: '$.message'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PreKeyMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PreKeyMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreKeyMessage>): PreKeyMessage {
    return decodeMessage(buf, PreKeyMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreKeyMessage>): Generator<PreKeyMessageVersionFieldEvent | PreKeyMessageIdentityKeyFieldEvent | PreKeyMessageBaseKeyFieldEvent | PreKeyMessageSignedPrekeyIdFieldEvent | PreKeyMessageOneTimePrekeyIdFieldEvent | PreKeyMessageMessageFieldEvent> {
    return streamMessage(buf, PreKeyMessage.codec(), opts)
  }
}

export interface SignedPrekeyPublic {
  id: number
  publicKey: Uint8Array<ArrayBuffer>
  createdAt: bigint
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedPrekeyPublic {
  let _codec: Codec<SignedPrekeyPublic>

  export const codec = (): Codec<SignedPrekeyPublic> => {
    if (_codec == null) {
      _codec = message<SignedPrekeyPublic>((obj, w, opts = {}) => {
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

        if ((obj.createdAt != null && obj.createdAt !== 0n)) {
          w.uint32(24)
          w.uint64(obj.createdAt)
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
          id: 0,
          publicKey: uint8ArrayAlloc(0),
          createdAt: 0n,
          signature: uint8ArrayAlloc(0)
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
            case 3: {
              obj.createdAt = reader.uint64()
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
            case 3: {
              yield {
                field: `${prefix}.createdAt`,
                value: reader.uint64()
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

  export interface SignedPrekeyPublicIdFieldEvent {
    field: '$.id'
    value: number
  }

  export interface SignedPrekeyPublicPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedPrekeyPublicCreatedAtFieldEvent {
    field: '$.createdAt'
    value: bigint
  }

  export interface SignedPrekeyPublicSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedPrekeyPublic>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedPrekeyPublic.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedPrekeyPublic>): SignedPrekeyPublic {
    return decodeMessage(buf, SignedPrekeyPublic.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedPrekeyPublic>): Generator<SignedPrekeyPublicIdFieldEvent | SignedPrekeyPublicPublicKeyFieldEvent | SignedPrekeyPublicCreatedAtFieldEvent | SignedPrekeyPublicSignatureFieldEvent> {
    return streamMessage(buf, SignedPrekeyPublic.codec(), opts)
  }
}

export interface OneTimePrekeyPublic {
  id: number
  publicKey: Uint8Array<ArrayBuffer>
}

export namespace OneTimePrekeyPublic {
  let _codec: Codec<OneTimePrekeyPublic>

  export const codec = (): Codec<OneTimePrekeyPublic> => {
    if (_codec == null) {
      _codec = message<OneTimePrekeyPublic>((obj, w, opts = {}) => {
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

  export interface OneTimePrekeyPublicIdFieldEvent {
    field: '$.id'
    value: number
  }

  export interface OneTimePrekeyPublicPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<OneTimePrekeyPublic>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, OneTimePrekeyPublic.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OneTimePrekeyPublic>): OneTimePrekeyPublic {
    return decodeMessage(buf, OneTimePrekeyPublic.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OneTimePrekeyPublic>): Generator<OneTimePrekeyPublicIdFieldEvent | OneTimePrekeyPublicPublicKeyFieldEvent> {
    return streamMessage(buf, OneTimePrekeyPublic.codec(), opts)
  }
}

export interface PrekeyBundle {
  version: number
  signedPrekey?: SignedPrekeyPublic
  oneTimePrekeys: OneTimePrekeyPublic[]
}

export namespace PrekeyBundle {
  let _codec: Codec<PrekeyBundle>

  export const codec = (): Codec<PrekeyBundle> => {
    if (_codec == null) {
      _codec = message<PrekeyBundle>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.signedPrekey != null) {
          w.uint32(18)
          SignedPrekeyPublic.codec().encode(obj.signedPrekey, w)
        }

        if (obj.oneTimePrekeys != null && obj.oneTimePrekeys.length > 0) {
          for (const value of obj.oneTimePrekeys) {
            w.uint32(26)
            OneTimePrekeyPublic.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          oneTimePrekeys: []
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
              obj.signedPrekey = SignedPrekeyPublic.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.signedPrekey
              })
              break
            }
            case 3: {
              if (opts.limits?.oneTimePrekeys != null && obj.oneTimePrekeys.length === opts.limits.oneTimePrekeys) {
                throw new MaxLengthError('Decode error - repeated field "oneTimePrekeys" had too many elements')
              }

              obj.oneTimePrekeys.push(OneTimePrekeyPublic.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.oneTimePrekeys$
              }))
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
          oneTimePrekeys: 0
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
              yield * SignedPrekeyPublic.codec().stream(reader, reader.uint32(), `${prefix}.signedPrekey`, {
                limits: opts.limits?.signedPrekey
              })

              break
            }
            case 3: {
              if (opts.limits?.oneTimePrekeys != null && obj.oneTimePrekeys === opts.limits.oneTimePrekeys) {
                throw new MaxLengthError('Streaming decode error - repeated field "oneTimePrekeys" had too many elements')
              }

              for (const evt of OneTimePrekeyPublic.codec().stream(reader, reader.uint32(), `${prefix}.oneTimePrekeys[]`, {
                limits: opts.limits?.oneTimePrekeys$
              })) {
                yield {
                  ...evt,
                  index: obj.oneTimePrekeys
                }
              }

              obj.oneTimePrekeys++

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

  export interface PrekeyBundleVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface PrekeyBundleSignedPrekeyIdFieldEvent {
    field: '$.signedPrekey.id'
    value: number
  }

  export interface PrekeyBundleSignedPrekeyPublicKeyFieldEvent {
    field: '$.signedPrekey.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PrekeyBundleSignedPrekeyCreatedAtFieldEvent {
    field: '$.signedPrekey.createdAt'
    value: bigint
  }

  export interface PrekeyBundleSignedPrekeySignatureFieldEvent {
    field: '$.signedPrekey.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PrekeyBundleOneTimePrekeysIdFieldEvent {
    field: '$.oneTimePrekeys[].id'
    value: number
    index: number
  }

  export interface PrekeyBundleOneTimePrekeysPublicKeyFieldEvent {
    field: '$.oneTimePrekeys[].publicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<PrekeyBundle>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PrekeyBundle.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyBundle>): PrekeyBundle {
    return decodeMessage(buf, PrekeyBundle.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyBundle>): Generator<PrekeyBundleVersionFieldEvent | PrekeyBundleSignedPrekeyIdFieldEvent | PrekeyBundleSignedPrekeyPublicKeyFieldEvent | PrekeyBundleSignedPrekeyCreatedAtFieldEvent | PrekeyBundleSignedPrekeySignatureFieldEvent | PrekeyBundleOneTimePrekeysIdFieldEvent | PrekeyBundleOneTimePrekeysPublicKeyFieldEvent> {
    return streamMessage(buf, PrekeyBundle.codec(), opts)
  }
}

export interface SkippedMessageKey {
  ratchetKey: Uint8Array<ArrayBuffer>
  counter: number
  messageKey: Uint8Array<ArrayBuffer>
  createdAt: bigint
}

export namespace SkippedMessageKey {
  let _codec: Codec<SkippedMessageKey>

  export const codec = (): Codec<SkippedMessageKey> => {
    if (_codec == null) {
      _codec = message<SkippedMessageKey>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.ratchetKey != null && obj.ratchetKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.ratchetKey)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(16)
          w.uint32(obj.counter)
        }

        if ((obj.messageKey != null && obj.messageKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.messageKey)
        }

        if ((obj.createdAt != null && obj.createdAt !== 0n)) {
          w.uint32(32)
          w.uint64(obj.createdAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ratchetKey: uint8ArrayAlloc(0),
          counter: 0,
          messageKey: uint8ArrayAlloc(0),
          createdAt: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.ratchetKey = reader.bytes()
              break
            }
            case 2: {
              obj.counter = reader.uint32()
              break
            }
            case 3: {
              obj.messageKey = reader.bytes()
              break
            }
            case 4: {
              obj.createdAt = reader.uint64()
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
                field: `${prefix}.ratchetKey`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.counter`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.messageKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.createdAt`,
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

  export interface SkippedMessageKeyRatchetKeyFieldEvent {
    field: '$.ratchetKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SkippedMessageKeyCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export interface SkippedMessageKeyMessageKeyFieldEvent {
    field: '$.messageKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SkippedMessageKeyCreatedAtFieldEvent {
    field: '$.createdAt'
    value: bigint
  }

  export function encode (obj: Partial<SkippedMessageKey>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SkippedMessageKey.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SkippedMessageKey>): SkippedMessageKey {
    return decodeMessage(buf, SkippedMessageKey.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SkippedMessageKey>): Generator<SkippedMessageKeyRatchetKeyFieldEvent | SkippedMessageKeyCounterFieldEvent | SkippedMessageKeyMessageKeyFieldEvent | SkippedMessageKeyCreatedAtFieldEvent> {
    return streamMessage(buf, SkippedMessageKey.codec(), opts)
  }
}

export interface HandshakePrekeys {
  signedPrekeyId: number
  oneTimePrekeyId?: number
}

export namespace HandshakePrekeys {
  let _codec: Codec<HandshakePrekeys>

  export const codec = (): Codec<HandshakePrekeys> => {
    if (_codec == null) {
      _codec = message<HandshakePrekeys>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.signedPrekeyId != null && obj.signedPrekeyId !== 0)) {
          w.uint32(8)
          w.uint32(obj.signedPrekeyId)
        }

        if (obj.oneTimePrekeyId != null) {
          w.uint32(16)
          w.uint32(obj.oneTimePrekeyId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          signedPrekeyId: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.signedPrekeyId = reader.uint32()
              break
            }
            case 2: {
              obj.oneTimePrekeyId = reader.uint32()
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
                field: `${prefix}.signedPrekeyId`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.oneTimePrekeyId`,
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

  export interface HandshakePrekeysSignedPrekeyIdFieldEvent {
    field: '$.signedPrekeyId'
    value: number
  }

  export interface HandshakePrekeysOneTimePrekeyIdFieldEvent {
    field: '$.oneTimePrekeyId'
    value: number
  }

  export function encode (obj: Partial<HandshakePrekeys>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HandshakePrekeys.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HandshakePrekeys>): HandshakePrekeys {
    return decodeMessage(buf, HandshakePrekeys.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HandshakePrekeys>): Generator<HandshakePrekeysSignedPrekeyIdFieldEvent | HandshakePrekeysOneTimePrekeyIdFieldEvent> {
    return streamMessage(buf, HandshakePrekeys.codec(), opts)
  }
}

export interface SessionState {
  version: number
  initiator: boolean
  localIdentityKey: Uint8Array<ArrayBuffer>
  remoteIdentityKey: Uint8Array<ArrayBuffer>
  baseKey: Uint8Array<ArrayBuffer>
  rootKey: Uint8Array<ArrayBuffer>
  sendingRatchetPrivateKey: Uint8Array<ArrayBuffer>
  remoteRatchetKey: Uint8Array<ArrayBuffer>
  sendingChainKey: Uint8Array<ArrayBuffer>
  sendingCounter: number
  receivingChainKey: Uint8Array<ArrayBuffer>
  receivingCounter: number
  previousCounter: number
  skipped: SkippedMessageKey[]
  handshakePrekeys?: HandshakePrekeys
  pending: boolean
}

export namespace SessionState {
  let _codec: Codec<SessionState>

  export const codec = (): Codec<SessionState> => {
    if (_codec == null) {
      _codec = message<SessionState>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.initiator != null && obj.initiator !== false)) {
          w.uint32(16)
          w.bool(obj.initiator)
        }

        if ((obj.localIdentityKey != null && obj.localIdentityKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.localIdentityKey)
        }

        if ((obj.remoteIdentityKey != null && obj.remoteIdentityKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.remoteIdentityKey)
        }

        if ((obj.baseKey != null && obj.baseKey.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.baseKey)
        }

        if ((obj.rootKey != null && obj.rootKey.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.rootKey)
        }

        if ((obj.sendingRatchetPrivateKey != null && obj.sendingRatchetPrivateKey.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.sendingRatchetPrivateKey)
        }

        if ((obj.remoteRatchetKey != null && obj.remoteRatchetKey.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.remoteRatchetKey)
        }

        if ((obj.sendingChainKey != null && obj.sendingChainKey.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.sendingChainKey)
        }

        if ((obj.sendingCounter != null && obj.sendingCounter !== 0)) {
          w.uint32(80)
          w.uint32(obj.sendingCounter)
        }

        if ((obj.receivingChainKey != null && obj.receivingChainKey.byteLength > 0)) {
          w.uint32(90)
          w.bytes(obj.receivingChainKey)
        }

        if ((obj.receivingCounter != null && obj.receivingCounter !== 0)) {
          w.uint32(96)
          w.uint32(obj.receivingCounter)
        }

        if ((obj.previousCounter != null && obj.previousCounter !== 0)) {
          w.uint32(104)
          w.uint32(obj.previousCounter)
        }

        if (obj.skipped != null && obj.skipped.length > 0) {
          for (const value of obj.skipped) {
            w.uint32(114)
            SkippedMessageKey.codec().encode(value, w)
          }
        }

        if (obj.handshakePrekeys != null) {
          w.uint32(122)
          HandshakePrekeys.codec().encode(obj.handshakePrekeys, w)
        }

        if ((obj.pending != null && obj.pending !== false)) {
          w.uint32(128)
          w.bool(obj.pending)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          initiator: false,
          localIdentityKey: uint8ArrayAlloc(0),
          remoteIdentityKey: uint8ArrayAlloc(0),
          baseKey: uint8ArrayAlloc(0),
          rootKey: uint8ArrayAlloc(0),
          sendingRatchetPrivateKey: uint8ArrayAlloc(0),
          remoteRatchetKey: uint8ArrayAlloc(0),
          sendingChainKey: uint8ArrayAlloc(0),
          sendingCounter: 0,
          receivingChainKey: uint8ArrayAlloc(0),
          receivingCounter: 0,
          previousCounter: 0,
          skipped: [],
          pending: false
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
              obj.initiator = reader.bool()
              break
            }
            case 3: {
              obj.localIdentityKey = reader.bytes()
              break
            }
            case 4: {
              obj.remoteIdentityKey = reader.bytes()
              break
            }
            case 5: {
              obj.baseKey = reader.bytes()
              break
            }
            case 6: {
              obj.rootKey = reader.bytes()
              break
            }
            case 7: {
              obj.sendingRatchetPrivateKey = reader.bytes()
              break
            }
            case 8: {
              obj.remoteRatchetKey = reader.bytes()
              break
            }
            case 9: {
              obj.sendingChainKey = reader.bytes()
              break
            }
            case 10: {
              obj.sendingCounter = reader.uint32()
              break
            }
            case 11: {
              obj.receivingChainKey = reader.bytes()
              break
            }
            case 12: {
              obj.receivingCounter = reader.uint32()
              break
            }
            case 13: {
              obj.previousCounter = reader.uint32()
              break
            }
            case 14: {
              if (opts.limits?.skipped != null && obj.skipped.length === opts.limits.skipped) {
                throw new MaxLengthError('Decode error - repeated field "skipped" had too many elements')
              }

              obj.skipped.push(SkippedMessageKey.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.skipped$
              }))
              break
            }
            case 15: {
              obj.handshakePrekeys = HandshakePrekeys.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.handshakePrekeys
              })
              break
            }
            case 16: {
              obj.pending = reader.bool()
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
          skipped: 0
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
                field: `${prefix}.initiator`,
                value: reader.bool()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.localIdentityKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.remoteIdentityKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.baseKey`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.rootKey`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.sendingRatchetPrivateKey`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.remoteRatchetKey`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.sendingChainKey`,
                value: reader.bytes()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.sendingCounter`,
                value: reader.uint32()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.receivingChainKey`,
                value: reader.bytes()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.receivingCounter`,
                value: reader.uint32()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.previousCounter`,
                value: reader.uint32()
              }
              break
            }
            case 14: {
              if (opts.limits?.skipped != null && obj.skipped === opts.limits.skipped) {
                throw new MaxLengthError('Streaming decode error - repeated field "skipped" had too many elements')
              }

              for (const evt of SkippedMessageKey.codec().stream(reader, reader.uint32(), `${prefix}.skipped[]`, {
                limits: opts.limits?.skipped$
              })) {
                yield {
                  ...evt,
                  index: obj.skipped
                }
              }

              obj.skipped++

              break
            }
            case 15: {
              yield * HandshakePrekeys.codec().stream(reader, reader.uint32(), `${prefix}.handshakePrekeys`, {
                limits: opts.limits?.handshakePrekeys
              })

              break
            }
            case 16: {
              yield {
                field: `${prefix}.pending`,
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

  export interface SessionStateVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface SessionStateInitiatorFieldEvent {
    field: '$.initiator'
    value: boolean
  }

  export interface SessionStateLocalIdentityKeyFieldEvent {
    field: '$.localIdentityKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRemoteIdentityKeyFieldEvent {
    field: '$.remoteIdentityKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateBaseKeyFieldEvent {
    field: '$.baseKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRootKeyFieldEvent {
    field: '$.rootKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateSendingRatchetPrivateKeyFieldEvent {
    field: '$.sendingRatchetPrivateKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRemoteRatchetKeyFieldEvent {
    field: '$.remoteRatchetKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateSendingChainKeyFieldEvent {
    field: '$.sendingChainKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateSendingCounterFieldEvent {
    field: '$.sendingCounter'
    value: number
  }

  export interface SessionStateReceivingChainKeyFieldEvent {
    field: '$.receivingChainKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateReceivingCounterFieldEvent {
    field: '$.receivingCounter'
    value: number
  }

  export interface SessionStatePreviousCounterFieldEvent {
    field: '$.previousCounter'
    value: number
  }

  export interface SessionStateSkippedRatchetKeyFieldEvent {
    field: '$.skipped[].ratchetKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionStateSkippedCounterFieldEvent {
    field: '$.skipped[].counter'
    value: number
    index: number
  }

  export interface SessionStateSkippedMessageKeyFieldEvent {
    field: '$.skipped[].messageKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionStateSkippedCreatedAtFieldEvent {
    field: '$.skipped[].createdAt'
    value: bigint
    index: number
  }

  export interface SessionStateHandshakePrekeysSignedPrekeyIdFieldEvent {
    field: '$.handshakePrekeys.signedPrekeyId'
    value: number
  }

  export interface SessionStateHandshakePrekeysOneTimePrekeyIdFieldEvent {
    field: '$.handshakePrekeys.oneTimePrekeyId'
    value: number
  }

  export interface SessionStatePendingFieldEvent {
    field: '$.pending'
    value: boolean
  }

  export function encode (obj: Partial<SessionState>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SessionState.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionState>): SessionState {
    return decodeMessage(buf, SessionState.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionState>): Generator<SessionStateVersionFieldEvent | SessionStateInitiatorFieldEvent | SessionStateLocalIdentityKeyFieldEvent | SessionStateRemoteIdentityKeyFieldEvent | SessionStateBaseKeyFieldEvent | SessionStateRootKeyFieldEvent | SessionStateSendingRatchetPrivateKeyFieldEvent | SessionStateRemoteRatchetKeyFieldEvent | SessionStateSendingChainKeyFieldEvent | SessionStateSendingCounterFieldEvent | SessionStateReceivingChainKeyFieldEvent | SessionStateReceivingCounterFieldEvent | SessionStatePreviousCounterFieldEvent | SessionStateSkippedRatchetKeyFieldEvent | SessionStateSkippedCounterFieldEvent | SessionStateSkippedMessageKeyFieldEvent | SessionStateSkippedCreatedAtFieldEvent | SessionStateHandshakePrekeysSignedPrekeyIdFieldEvent | SessionStateHandshakePrekeysOneTimePrekeyIdFieldEvent | SessionStatePendingFieldEvent> {
    return streamMessage(buf, SessionState.codec(), opts)
  }
}

export interface SessionRecord {
  version: number
  sessions: SessionState[]
}

export namespace SessionRecord {
  let _codec: Codec<SessionRecord>

  export const codec = (): Codec<SessionRecord> => {
    if (_codec == null) {
      _codec = message<SessionRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.sessions != null && obj.sessions.length > 0) {
          for (const value of obj.sessions) {
            w.uint32(18)
            SessionState.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          sessions: []
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
              if (opts.limits?.sessions != null && obj.sessions.length === opts.limits.sessions) {
                throw new MaxLengthError('Decode error - repeated field "sessions" had too many elements')
              }

              obj.sessions.push(SessionState.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.sessions$
              }))
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
          sessions: 0
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
              if (opts.limits?.sessions != null && obj.sessions === opts.limits.sessions) {
                throw new MaxLengthError('Streaming decode error - repeated field "sessions" had too many elements')
              }

              for (const evt of SessionState.codec().stream(reader, reader.uint32(), `${prefix}.sessions[]`, {
                limits: opts.limits?.sessions$
              })) {
                yield {
                  ...evt,
                  index: obj.sessions
                }
              }

              obj.sessions++

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

  export interface SessionRecordVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface SessionRecordSessionsVersionFieldEvent {
    field: '$.sessions[].version'
    value: number
    index: number
  }

  export interface SessionRecordSessionsInitiatorFieldEvent {
    field: '$.sessions[].initiator'
    value: boolean
    index: number
  }

  export interface SessionRecordSessionsLocalIdentityKeyFieldEvent {
    field: '$.sessions[].localIdentityKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordSessionsRemoteIdentityKeyFieldEvent {
    field: '$.sessions[].remoteIdentityKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordSessionsBaseKeyFieldEvent {
    field: '$.sessions[].baseKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordSessionsRootKeyFieldEvent {
    field: '$.sessions[].rootKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordSessionsSendingRatchetPrivateKeyFieldEvent {
    field: '$.sessions[].sendingRatchetPrivateKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordSessionsRemoteRatchetKeyFieldEvent {
    field: '$.sessions[].remoteRatchetKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordSessionsSendingChainKeyFieldEvent {
    field: '$.sessions[].sendingChainKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordSessionsSendingCounterFieldEvent {
    field: '$.sessions[].sendingCounter'
    value: number
    index: number
  }

  export interface SessionRecordSessionsReceivingChainKeyFieldEvent {
    field: '$.sessions[].receivingChainKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordSessionsReceivingCounterFieldEvent {
    field: '$.sessions[].receivingCounter'
    value: number
    index: number
  }

  export interface SessionRecordSessionsPreviousCounterFieldEvent {
    field: '$.sessions[].previousCounter'
    value: number
    index: number
  }

  export interface SessionRecordSessionsSkippedRatchetKeyFieldEvent {
    field: '$.sessions[].skipped[].ratchetKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordSessionsSkippedCounterFieldEvent {
    field: '$.sessions[].skipped[].counter'
    value: number
    index: number
  }

  export interface SessionRecordSessionsSkippedMessageKeyFieldEvent {
    field: '$.sessions[].skipped[].messageKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordSessionsSkippedCreatedAtFieldEvent {
    field: '$.sessions[].skipped[].createdAt'
    value: bigint
    index: number
  }

  export interface SessionRecordSessionsHandshakePrekeysSignedPrekeyIdFieldEvent {
    field: '$.sessions[].handshakePrekeys.signedPrekeyId'
    value: number
    index: number
  }

  export interface SessionRecordSessionsHandshakePrekeysOneTimePrekeyIdFieldEvent {
    field: '$.sessions[].handshakePrekeys.oneTimePrekeyId'
    value: number
    index: number
  }

  export interface SessionRecordSessionsPendingFieldEvent {
    field: '$.sessions[].pending'
    value: boolean
    index: number
  }

  export function encode (obj: Partial<SessionRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SessionRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionRecord>): SessionRecord {
    return decodeMessage(buf, SessionRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionRecord>): Generator<SessionRecordVersionFieldEvent | SessionRecordSessionsVersionFieldEvent | SessionRecordSessionsInitiatorFieldEvent | SessionRecordSessionsLocalIdentityKeyFieldEvent | SessionRecordSessionsRemoteIdentityKeyFieldEvent | SessionRecordSessionsBaseKeyFieldEvent | SessionRecordSessionsRootKeyFieldEvent | SessionRecordSessionsSendingRatchetPrivateKeyFieldEvent | SessionRecordSessionsRemoteRatchetKeyFieldEvent | SessionRecordSessionsSendingChainKeyFieldEvent | SessionRecordSessionsSendingCounterFieldEvent | SessionRecordSessionsReceivingChainKeyFieldEvent | SessionRecordSessionsReceivingCounterFieldEvent | SessionRecordSessionsPreviousCounterFieldEvent | SessionRecordSessionsSkippedRatchetKeyFieldEvent | SessionRecordSessionsSkippedCounterFieldEvent | SessionRecordSessionsSkippedMessageKeyFieldEvent | SessionRecordSessionsSkippedCreatedAtFieldEvent | SessionRecordSessionsHandshakePrekeysSignedPrekeyIdFieldEvent | SessionRecordSessionsHandshakePrekeysOneTimePrekeyIdFieldEvent | SessionRecordSessionsPendingFieldEvent> {
    return streamMessage(buf, SessionRecord.codec(), opts)
  }
}
