import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface VaultContact {
  accountId: string
  name: string
  addedAt: bigint
  removed: boolean
}

export namespace VaultContact {
  let _codec: Codec<VaultContact>

  export const codec = (): Codec<VaultContact> => {
    if (_codec == null) {
      _codec = message<VaultContact>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.accountId != null && obj.accountId !== '')) {
          w.uint32(10)
          w.string(obj.accountId)
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(18)
          w.string(obj.name)
        }

        if ((obj.addedAt != null && obj.addedAt !== 0n)) {
          w.uint32(24)
          w.uint64(obj.addedAt)
        }

        if ((obj.removed != null && obj.removed !== false)) {
          w.uint32(32)
          w.bool(obj.removed)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          accountId: '',
          name: '',
          addedAt: 0n,
          removed: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.accountId = reader.string()
              break
            }
            case 2: {
              obj.name = reader.string()
              break
            }
            case 3: {
              obj.addedAt = reader.uint64()
              break
            }
            case 4: {
              obj.removed = reader.bool()
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
                field: `${prefix}.accountId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.addedAt`,
                value: reader.uint64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.removed`,
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

  export interface VaultContactAccountIdFieldEvent {
    field: '$.accountId'
    value: string
  }

  export interface VaultContactNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface VaultContactAddedAtFieldEvent {
    field: '$.addedAt'
    value: bigint
  }

  export interface VaultContactRemovedFieldEvent {
    field: '$.removed'
    value: boolean
  }

  export function encode (obj: Partial<VaultContact>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultContact.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultContact>): VaultContact {
    return decodeMessage(buf, VaultContact.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultContact>): Generator<VaultContactAccountIdFieldEvent | VaultContactNameFieldEvent | VaultContactAddedAtFieldEvent | VaultContactRemovedFieldEvent> {
    return streamMessage(buf, VaultContact.codec(), opts)
  }
}

export interface VaultMessage {
  id: Uint8Array<ArrayBuffer>
  conversation: string
  outgoing: boolean
  senderDevice: Uint8Array<ArrayBuffer>
  sentAt: bigint
  receivedAt: bigint
  seq: number
  text: string
  fileManifest: Uint8Array<ArrayBuffer>
  status: string
}

export namespace VaultMessage {
  let _codec: Codec<VaultMessage>

  export const codec = (): Codec<VaultMessage> => {
    if (_codec == null) {
      _codec = message<VaultMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.id)
        }

        if ((obj.conversation != null && obj.conversation !== '')) {
          w.uint32(18)
          w.string(obj.conversation)
        }

        if ((obj.outgoing != null && obj.outgoing !== false)) {
          w.uint32(24)
          w.bool(obj.outgoing)
        }

        if ((obj.senderDevice != null && obj.senderDevice.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.senderDevice)
        }

        if ((obj.sentAt != null && obj.sentAt !== 0n)) {
          w.uint32(40)
          w.uint64(obj.sentAt)
        }

        if ((obj.receivedAt != null && obj.receivedAt !== 0n)) {
          w.uint32(48)
          w.uint64(obj.receivedAt)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(56)
          w.uint32(obj.seq)
        }

        if ((obj.text != null && obj.text !== '')) {
          w.uint32(66)
          w.string(obj.text)
        }

        if ((obj.fileManifest != null && obj.fileManifest.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.fileManifest)
        }

        if ((obj.status != null && obj.status !== '')) {
          w.uint32(82)
          w.string(obj.status)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: uint8ArrayAlloc(0),
          conversation: '',
          outgoing: false,
          senderDevice: uint8ArrayAlloc(0),
          sentAt: 0n,
          receivedAt: 0n,
          seq: 0,
          text: '',
          fileManifest: uint8ArrayAlloc(0),
          status: ''
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
              obj.conversation = reader.string()
              break
            }
            case 3: {
              obj.outgoing = reader.bool()
              break
            }
            case 4: {
              obj.senderDevice = reader.bytes()
              break
            }
            case 5: {
              obj.sentAt = reader.uint64()
              break
            }
            case 6: {
              obj.receivedAt = reader.uint64()
              break
            }
            case 7: {
              obj.seq = reader.uint32()
              break
            }
            case 8: {
              obj.text = reader.string()
              break
            }
            case 9: {
              obj.fileManifest = reader.bytes()
              break
            }
            case 10: {
              obj.status = reader.string()
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
                field: `${prefix}.conversation`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.outgoing`,
                value: reader.bool()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.senderDevice`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.sentAt`,
                value: reader.uint64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.receivedAt`,
                value: reader.uint64()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.text`,
                value: reader.string()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.fileManifest`,
                value: reader.bytes()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.status`,
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

  export interface VaultMessageIdFieldEvent {
    field: '$.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultMessageConversationFieldEvent {
    field: '$.conversation'
    value: string
  }

  export interface VaultMessageOutgoingFieldEvent {
    field: '$.outgoing'
    value: boolean
  }

  export interface VaultMessageSenderDeviceFieldEvent {
    field: '$.senderDevice'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultMessageSentAtFieldEvent {
    field: '$.sentAt'
    value: bigint
  }

  export interface VaultMessageReceivedAtFieldEvent {
    field: '$.receivedAt'
    value: bigint
  }

  export interface VaultMessageSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface VaultMessageTextFieldEvent {
    field: '$.text'
    value: string
  }

  export interface VaultMessageFileManifestFieldEvent {
    field: '$.fileManifest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultMessageStatusFieldEvent {
    field: '$.status'
    value: string
  }

  export function encode (obj: Partial<VaultMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultMessage>): VaultMessage {
    return decodeMessage(buf, VaultMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultMessage>): Generator<VaultMessageIdFieldEvent | VaultMessageConversationFieldEvent | VaultMessageOutgoingFieldEvent | VaultMessageSenderDeviceFieldEvent | VaultMessageSentAtFieldEvent | VaultMessageReceivedAtFieldEvent | VaultMessageSeqFieldEvent | VaultMessageTextFieldEvent | VaultMessageFileManifestFieldEvent | VaultMessageStatusFieldEvent> {
    return streamMessage(buf, VaultMessage.codec(), opts)
  }
}

export interface VaultReadState {
  conversation: string
  upTo: bigint
}

export namespace VaultReadState {
  let _codec: Codec<VaultReadState>

  export const codec = (): Codec<VaultReadState> => {
    if (_codec == null) {
      _codec = message<VaultReadState>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.conversation != null && obj.conversation !== '')) {
          w.uint32(10)
          w.string(obj.conversation)
        }

        if ((obj.upTo != null && obj.upTo !== 0n)) {
          w.uint32(16)
          w.uint64(obj.upTo)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          conversation: '',
          upTo: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.conversation = reader.string()
              break
            }
            case 2: {
              obj.upTo = reader.uint64()
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
                field: `${prefix}.conversation`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.upTo`,
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

  export interface VaultReadStateConversationFieldEvent {
    field: '$.conversation'
    value: string
  }

  export interface VaultReadStateUpToFieldEvent {
    field: '$.upTo'
    value: bigint
  }

  export function encode (obj: Partial<VaultReadState>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultReadState.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultReadState>): VaultReadState {
    return decodeMessage(buf, VaultReadState.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultReadState>): Generator<VaultReadStateConversationFieldEvent | VaultReadStateUpToFieldEvent> {
    return streamMessage(buf, VaultReadState.codec(), opts)
  }
}

export interface VaultSetting {
  conversation: string
  key: string
  value: Uint8Array<ArrayBuffer>
}

export namespace VaultSetting {
  let _codec: Codec<VaultSetting>

  export const codec = (): Codec<VaultSetting> => {
    if (_codec == null) {
      _codec = message<VaultSetting>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.conversation != null && obj.conversation !== '')) {
          w.uint32(10)
          w.string(obj.conversation)
        }

        if ((obj.key != null && obj.key !== '')) {
          w.uint32(18)
          w.string(obj.key)
        }

        if ((obj.value != null && obj.value.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.value)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          conversation: '',
          key: '',
          value: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.conversation = reader.string()
              break
            }
            case 2: {
              obj.key = reader.string()
              break
            }
            case 3: {
              obj.value = reader.bytes()
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
                field: `${prefix}.conversation`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.key`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.value`,
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

  export interface VaultSettingConversationFieldEvent {
    field: '$.conversation'
    value: string
  }

  export interface VaultSettingKeyFieldEvent {
    field: '$.key'
    value: string
  }

  export interface VaultSettingValueFieldEvent {
    field: '$.value'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<VaultSetting>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultSetting.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultSetting>): VaultSetting {
    return decodeMessage(buf, VaultSetting.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultSetting>): Generator<VaultSettingConversationFieldEvent | VaultSettingKeyFieldEvent | VaultSettingValueFieldEvent> {
    return streamMessage(buf, VaultSetting.codec(), opts)
  }
}

export interface VaultTombstone {
  conversation: string
  ids: Uint8Array<ArrayBuffer>[]
  deletedAt: bigint
}

export namespace VaultTombstone {
  let _codec: Codec<VaultTombstone>

  export const codec = (): Codec<VaultTombstone> => {
    if (_codec == null) {
      _codec = message<VaultTombstone>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.conversation != null && obj.conversation !== '')) {
          w.uint32(10)
          w.string(obj.conversation)
        }

        if (obj.ids != null && obj.ids.length > 0) {
          for (const value of obj.ids) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if ((obj.deletedAt != null && obj.deletedAt !== 0n)) {
          w.uint32(24)
          w.uint64(obj.deletedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          conversation: '',
          ids: [],
          deletedAt: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.conversation = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              obj.ids.push(reader.bytes())
              break
            }
            case 3: {
              obj.deletedAt = reader.uint64()
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
              yield {
                field: `${prefix}.conversation`,
                value: reader.string()
              }
              break
            }
            case 2: {
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
            case 3: {
              yield {
                field: `${prefix}.deletedAt`,
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

  export interface VaultTombstoneConversationFieldEvent {
    field: '$.conversation'
    value: string
  }

  export interface VaultTombstoneIdsFieldEvent {
    field: '$.ids[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultTombstoneDeletedAtFieldEvent {
    field: '$.deletedAt'
    value: bigint
  }

  export function encode (obj: Partial<VaultTombstone>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultTombstone.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultTombstone>): VaultTombstone {
    return decodeMessage(buf, VaultTombstone.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultTombstone>): Generator<VaultTombstoneConversationFieldEvent | VaultTombstoneIdsFieldEvent | VaultTombstoneDeletedAtFieldEvent> {
    return streamMessage(buf, VaultTombstone.codec(), opts)
  }
}

export interface VaultEntry {
  lamport: bigint
  deviceIndex: number
  at: bigint
  contact?: VaultContact
  message?: VaultMessage
  read?: VaultReadState
  setting?: VaultSetting
  tombstone?: VaultTombstone
}

export namespace VaultEntry {
  let _codec: Codec<VaultEntry>

  export const codec = (): Codec<VaultEntry> => {
    if (_codec == null) {
      _codec = message<VaultEntry>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.tombstone != null) {
          obj.setting = undefined
          obj.read = undefined
          obj.message = undefined
          obj.contact = undefined
        }

        if (obj.setting != null) {
          obj.tombstone = undefined
          obj.read = undefined
          obj.message = undefined
          obj.contact = undefined
        }

        if (obj.read != null) {
          obj.tombstone = undefined
          obj.setting = undefined
          obj.message = undefined
          obj.contact = undefined
        }

        if (obj.message != null) {
          obj.tombstone = undefined
          obj.setting = undefined
          obj.read = undefined
          obj.contact = undefined
        }

        if (obj.contact != null) {
          obj.tombstone = undefined
          obj.setting = undefined
          obj.read = undefined
          obj.message = undefined
        }

        if ((obj.lamport != null && obj.lamport !== 0n)) {
          w.uint32(8)
          w.uint64(obj.lamport)
        }

        if ((obj.deviceIndex != null && obj.deviceIndex !== 0)) {
          w.uint32(16)
          w.uint32(obj.deviceIndex)
        }

        if ((obj.at != null && obj.at !== 0n)) {
          w.uint32(24)
          w.uint64(obj.at)
        }

        if (obj.contact != null) {
          w.uint32(82)
          VaultContact.codec().encode(obj.contact, w)
        }

        if (obj.message != null) {
          w.uint32(90)
          VaultMessage.codec().encode(obj.message, w)
        }

        if (obj.read != null) {
          w.uint32(98)
          VaultReadState.codec().encode(obj.read, w)
        }

        if (obj.setting != null) {
          w.uint32(106)
          VaultSetting.codec().encode(obj.setting, w)
        }

        if (obj.tombstone != null) {
          w.uint32(114)
          VaultTombstone.codec().encode(obj.tombstone, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          lamport: 0n,
          deviceIndex: 0,
          at: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.lamport = reader.uint64()
              break
            }
            case 2: {
              obj.deviceIndex = reader.uint32()
              break
            }
            case 3: {
              obj.at = reader.uint64()
              break
            }
            case 10: {
              obj.contact = VaultContact.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.contact
              })
              break
            }
            case 11: {
              obj.message = VaultMessage.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.message
              })
              break
            }
            case 12: {
              obj.read = VaultReadState.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.read
              })
              break
            }
            case 13: {
              obj.setting = VaultSetting.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.setting
              })
              break
            }
            case 14: {
              obj.tombstone = VaultTombstone.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.tombstone
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.tombstone != null) {
          delete obj.setting
          delete obj.read
          delete obj.message
          delete obj.contact
        }

        if (obj.setting != null) {
          delete obj.tombstone
          delete obj.read
          delete obj.message
          delete obj.contact
        }

        if (obj.read != null) {
          delete obj.tombstone
          delete obj.setting
          delete obj.message
          delete obj.contact
        }

        if (obj.message != null) {
          delete obj.tombstone
          delete obj.setting
          delete obj.read
          delete obj.contact
        }

        if (obj.contact != null) {
          delete obj.tombstone
          delete obj.setting
          delete obj.read
          delete obj.message
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.lamport`,
                value: reader.uint64()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.deviceIndex`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.at`,
                value: reader.uint64()
              }
              break
            }
            case 10: {
              yield * VaultContact.codec().stream(reader, reader.uint32(), `${prefix}.contact`, {
                limits: opts.limits?.contact
              })

              break
            }
            case 11: {
              yield * VaultMessage.codec().stream(reader, reader.uint32(), `${prefix}.message`, {
                limits: opts.limits?.message
              })

              break
            }
            case 12: {
              yield * VaultReadState.codec().stream(reader, reader.uint32(), `${prefix}.read`, {
                limits: opts.limits?.read
              })

              break
            }
            case 13: {
              yield * VaultSetting.codec().stream(reader, reader.uint32(), `${prefix}.setting`, {
                limits: opts.limits?.setting
              })

              break
            }
            case 14: {
              yield * VaultTombstone.codec().stream(reader, reader.uint32(), `${prefix}.tombstone`, {
                limits: opts.limits?.tombstone
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

  export interface VaultEntryLamportFieldEvent {
    field: '$.lamport'
    value: bigint
  }

  export interface VaultEntryDeviceIndexFieldEvent {
    field: '$.deviceIndex'
    value: number
  }

  export interface VaultEntryAtFieldEvent {
    field: '$.at'
    value: bigint
  }

  export interface VaultEntryContactAccountIdFieldEvent {
    field: '$.contact.accountId'
    value: string
  }

  export interface VaultEntryContactNameFieldEvent {
    field: '$.contact.name'
    value: string
  }

  export interface VaultEntryContactAddedAtFieldEvent {
    field: '$.contact.addedAt'
    value: bigint
  }

  export interface VaultEntryContactRemovedFieldEvent {
    field: '$.contact.removed'
    value: boolean
  }

  export interface VaultEntryMessageIdFieldEvent {
    field: '$.message.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultEntryMessageConversationFieldEvent {
    field: '$.message.conversation'
    value: string
  }

  export interface VaultEntryMessageOutgoingFieldEvent {
    field: '$.message.outgoing'
    value: boolean
  }

  export interface VaultEntryMessageSenderDeviceFieldEvent {
    field: '$.message.senderDevice'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultEntryMessageSentAtFieldEvent {
    field: '$.message.sentAt'
    value: bigint
  }

  export interface VaultEntryMessageReceivedAtFieldEvent {
    field: '$.message.receivedAt'
    value: bigint
  }

  export interface VaultEntryMessageSeqFieldEvent {
    field: '$.message.seq'
    value: number
  }

  export interface VaultEntryMessageTextFieldEvent {
    field: '$.message.text'
    value: string
  }

  export interface VaultEntryMessageFileManifestFieldEvent {
    field: '$.message.fileManifest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultEntryMessageStatusFieldEvent {
    field: '$.message.status'
    value: string
  }

  export interface VaultEntryReadConversationFieldEvent {
    field: '$.read.conversation'
    value: string
  }

  export interface VaultEntryReadUpToFieldEvent {
    field: '$.read.upTo'
    value: bigint
  }

  export interface VaultEntrySettingConversationFieldEvent {
    field: '$.setting.conversation'
    value: string
  }

  export interface VaultEntrySettingKeyFieldEvent {
    field: '$.setting.key'
    value: string
  }

  export interface VaultEntrySettingValueFieldEvent {
    field: '$.setting.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultEntryTombstoneConversationFieldEvent {
    field: '$.tombstone.conversation'
    value: string
  }

  export interface VaultEntryTombstoneIdsFieldEvent {
    field: '$.tombstone.ids[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultEntryTombstoneDeletedAtFieldEvent {
    field: '$.tombstone.deletedAt'
    value: bigint
  }

  export function encode (obj: Partial<VaultEntry>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultEntry.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultEntry>): VaultEntry {
    return decodeMessage(buf, VaultEntry.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultEntry>): Generator<VaultEntryLamportFieldEvent | VaultEntryDeviceIndexFieldEvent | VaultEntryAtFieldEvent | VaultEntryContactAccountIdFieldEvent | VaultEntryContactNameFieldEvent | VaultEntryContactAddedAtFieldEvent | VaultEntryContactRemovedFieldEvent | VaultEntryMessageIdFieldEvent | VaultEntryMessageConversationFieldEvent | VaultEntryMessageOutgoingFieldEvent | VaultEntryMessageSenderDeviceFieldEvent | VaultEntryMessageSentAtFieldEvent | VaultEntryMessageReceivedAtFieldEvent | VaultEntryMessageSeqFieldEvent | VaultEntryMessageTextFieldEvent | VaultEntryMessageFileManifestFieldEvent | VaultEntryMessageStatusFieldEvent | VaultEntryReadConversationFieldEvent | VaultEntryReadUpToFieldEvent | VaultEntrySettingConversationFieldEvent | VaultEntrySettingKeyFieldEvent | VaultEntrySettingValueFieldEvent | VaultEntryTombstoneConversationFieldEvent | VaultEntryTombstoneIdsFieldEvent | VaultEntryTombstoneDeletedAtFieldEvent> {
    return streamMessage(buf, VaultEntry.codec(), opts)
  }
}

export interface VaultBlob {
  version: number
  deviceIndex: number
  entries: VaultEntry[]
}

export namespace VaultBlob {
  let _codec: Codec<VaultBlob>

  export const codec = (): Codec<VaultBlob> => {
    if (_codec == null) {
      _codec = message<VaultBlob>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.deviceIndex != null && obj.deviceIndex !== 0)) {
          w.uint32(16)
          w.uint32(obj.deviceIndex)
        }

        if (obj.entries != null && obj.entries.length > 0) {
          for (const value of obj.entries) {
            w.uint32(26)
            VaultEntry.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          deviceIndex: 0,
          entries: []
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
              obj.deviceIndex = reader.uint32()
              break
            }
            case 3: {
              if (opts.limits?.entries != null && obj.entries.length === opts.limits.entries) {
                throw new MaxLengthError('Decode error - repeated field "entries" had too many elements')
              }

              obj.entries.push(VaultEntry.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.entries$
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
          entries: 0
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
                field: `${prefix}.deviceIndex`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              if (opts.limits?.entries != null && obj.entries === opts.limits.entries) {
                throw new MaxLengthError('Streaming decode error - repeated field "entries" had too many elements')
              }

              for (const evt of VaultEntry.codec().stream(reader, reader.uint32(), `${prefix}.entries[]`, {
                limits: opts.limits?.entries$
              })) {
                yield {
                  ...evt,
                  index: obj.entries
                }
              }

              obj.entries++

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

  export interface VaultBlobVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface VaultBlobDeviceIndexFieldEvent {
    field: '$.deviceIndex'
    value: number
  }

  export interface VaultBlobEntriesLamportFieldEvent {
    field: '$.entries[].lamport'
    value: bigint
    index: number
  }

  export interface VaultBlobEntriesDeviceIndexFieldEvent {
    field: '$.entries[].deviceIndex'
    value: number
    index: number
  }

  export interface VaultBlobEntriesAtFieldEvent {
    field: '$.entries[].at'
    value: bigint
    index: number
  }

  export interface VaultBlobEntriesContactAccountIdFieldEvent {
    field: '$.entries[].contact.accountId'
    value: string
    index: number
  }

  export interface VaultBlobEntriesContactNameFieldEvent {
    field: '$.entries[].contact.name'
    value: string
    index: number
  }

  export interface VaultBlobEntriesContactAddedAtFieldEvent {
    field: '$.entries[].contact.addedAt'
    value: bigint
    index: number
  }

  export interface VaultBlobEntriesContactRemovedFieldEvent {
    field: '$.entries[].contact.removed'
    value: boolean
    index: number
  }

  export interface VaultBlobEntriesMessageIdFieldEvent {
    field: '$.entries[].message.id'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface VaultBlobEntriesMessageConversationFieldEvent {
    field: '$.entries[].message.conversation'
    value: string
    index: number
  }

  export interface VaultBlobEntriesMessageOutgoingFieldEvent {
    field: '$.entries[].message.outgoing'
    value: boolean
    index: number
  }

  export interface VaultBlobEntriesMessageSenderDeviceFieldEvent {
    field: '$.entries[].message.senderDevice'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface VaultBlobEntriesMessageSentAtFieldEvent {
    field: '$.entries[].message.sentAt'
    value: bigint
    index: number
  }

  export interface VaultBlobEntriesMessageReceivedAtFieldEvent {
    field: '$.entries[].message.receivedAt'
    value: bigint
    index: number
  }

  export interface VaultBlobEntriesMessageSeqFieldEvent {
    field: '$.entries[].message.seq'
    value: number
    index: number
  }

  export interface VaultBlobEntriesMessageTextFieldEvent {
    field: '$.entries[].message.text'
    value: string
    index: number
  }

  export interface VaultBlobEntriesMessageFileManifestFieldEvent {
    field: '$.entries[].message.fileManifest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface VaultBlobEntriesMessageStatusFieldEvent {
    field: '$.entries[].message.status'
    value: string
    index: number
  }

  export interface VaultBlobEntriesReadConversationFieldEvent {
    field: '$.entries[].read.conversation'
    value: string
    index: number
  }

  export interface VaultBlobEntriesReadUpToFieldEvent {
    field: '$.entries[].read.upTo'
    value: bigint
    index: number
  }

  export interface VaultBlobEntriesSettingConversationFieldEvent {
    field: '$.entries[].setting.conversation'
    value: string
    index: number
  }

  export interface VaultBlobEntriesSettingKeyFieldEvent {
    field: '$.entries[].setting.key'
    value: string
    index: number
  }

  export interface VaultBlobEntriesSettingValueFieldEvent {
    field: '$.entries[].setting.value'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface VaultBlobEntriesTombstoneConversationFieldEvent {
    field: '$.entries[].tombstone.conversation'
    value: string
    index: number
  }

  export interface VaultBlobEntriesTombstoneIdsFieldEvent {
    field: '$.entries[].tombstone.ids[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultBlobEntriesTombstoneDeletedAtFieldEvent {
    field: '$.entries[].tombstone.deletedAt'
    value: bigint
    index: number
  }

  export function encode (obj: Partial<VaultBlob>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultBlob.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultBlob>): VaultBlob {
    return decodeMessage(buf, VaultBlob.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultBlob>): Generator<VaultBlobVersionFieldEvent | VaultBlobDeviceIndexFieldEvent | VaultBlobEntriesLamportFieldEvent | VaultBlobEntriesDeviceIndexFieldEvent | VaultBlobEntriesAtFieldEvent | VaultBlobEntriesContactAccountIdFieldEvent | VaultBlobEntriesContactNameFieldEvent | VaultBlobEntriesContactAddedAtFieldEvent | VaultBlobEntriesContactRemovedFieldEvent | VaultBlobEntriesMessageIdFieldEvent | VaultBlobEntriesMessageConversationFieldEvent | VaultBlobEntriesMessageOutgoingFieldEvent | VaultBlobEntriesMessageSenderDeviceFieldEvent | VaultBlobEntriesMessageSentAtFieldEvent | VaultBlobEntriesMessageReceivedAtFieldEvent | VaultBlobEntriesMessageSeqFieldEvent | VaultBlobEntriesMessageTextFieldEvent | VaultBlobEntriesMessageFileManifestFieldEvent | VaultBlobEntriesMessageStatusFieldEvent | VaultBlobEntriesReadConversationFieldEvent | VaultBlobEntriesReadUpToFieldEvent | VaultBlobEntriesSettingConversationFieldEvent | VaultBlobEntriesSettingKeyFieldEvent | VaultBlobEntriesSettingValueFieldEvent | VaultBlobEntriesTombstoneConversationFieldEvent | VaultBlobEntriesTombstoneIdsFieldEvent | VaultBlobEntriesTombstoneDeletedAtFieldEvent> {
    return streamMessage(buf, VaultBlob.codec(), opts)
  }
}

export interface SealedVaultBlob {
  version: number
  nonce: Uint8Array<ArrayBuffer>
  ciphertext: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SealedVaultBlob {
  let _codec: Codec<SealedVaultBlob>

  export const codec = (): Codec<SealedVaultBlob> => {
    if (_codec == null) {
      _codec = message<SealedVaultBlob>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.nonce)
        }

        if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.ciphertext)
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
          version: 0,
          nonce: uint8ArrayAlloc(0),
          ciphertext: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
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
              obj.nonce = reader.bytes()
              break
            }
            case 3: {
              obj.ciphertext = reader.bytes()
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
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.nonce`,
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

  export interface SealedVaultBlobVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface SealedVaultBlobNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SealedVaultBlobCiphertextFieldEvent {
    field: '$.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SealedVaultBlobSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SealedVaultBlob>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SealedVaultBlob.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SealedVaultBlob>): SealedVaultBlob {
    return decodeMessage(buf, SealedVaultBlob.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SealedVaultBlob>): Generator<SealedVaultBlobVersionFieldEvent | SealedVaultBlobNonceFieldEvent | SealedVaultBlobCiphertextFieldEvent | SealedVaultBlobSignatureFieldEvent> {
    return streamMessage(buf, SealedVaultBlob.codec(), opts)
  }
}

export interface VaultProof {
  authKey: Uint8Array<ArrayBuffer>
  timestamp: bigint
  nonce: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace VaultProof {
  let _codec: Codec<VaultProof>

  export const codec = (): Codec<VaultProof> => {
    if (_codec == null) {
      _codec = message<VaultProof>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.authKey != null && obj.authKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.authKey)
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
          authKey: uint8ArrayAlloc(0),
          timestamp: 0n,
          nonce: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.authKey = reader.bytes()
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
                field: `${prefix}.authKey`,
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

  export interface VaultProofAuthKeyFieldEvent {
    field: '$.authKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultProofTimestampFieldEvent {
    field: '$.timestamp'
    value: bigint
  }

  export interface VaultProofNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultProofSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<VaultProof>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultProof.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultProof>): VaultProof {
    return decodeMessage(buf, VaultProof.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultProof>): Generator<VaultProofAuthKeyFieldEvent | VaultProofTimestampFieldEvent | VaultProofNonceFieldEvent | VaultProofSignatureFieldEvent> {
    return streamMessage(buf, VaultProof.codec(), opts)
  }
}

export interface VaultAppend {
  vaultId: Uint8Array<ArrayBuffer>
  authKey: Uint8Array<ArrayBuffer>
  blobId: Uint8Array<ArrayBuffer>
  blob: Uint8Array<ArrayBuffer>
}

export namespace VaultAppend {
  let _codec: Codec<VaultAppend>

  export const codec = (): Codec<VaultAppend> => {
    if (_codec == null) {
      _codec = message<VaultAppend>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.vaultId != null && obj.vaultId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.vaultId)
        }

        if ((obj.authKey != null && obj.authKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.authKey)
        }

        if ((obj.blobId != null && obj.blobId.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.blobId)
        }

        if ((obj.blob != null && obj.blob.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.blob)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          vaultId: uint8ArrayAlloc(0),
          authKey: uint8ArrayAlloc(0),
          blobId: uint8ArrayAlloc(0),
          blob: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.vaultId = reader.bytes()
              break
            }
            case 2: {
              obj.authKey = reader.bytes()
              break
            }
            case 3: {
              obj.blobId = reader.bytes()
              break
            }
            case 4: {
              obj.blob = reader.bytes()
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
                field: `${prefix}.vaultId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.authKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.blobId`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.blob`,
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

  export interface VaultAppendVaultIdFieldEvent {
    field: '$.vaultId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultAppendAuthKeyFieldEvent {
    field: '$.authKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultAppendBlobIdFieldEvent {
    field: '$.blobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultAppendBlobFieldEvent {
    field: '$.blob'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<VaultAppend>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultAppend.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultAppend>): VaultAppend {
    return decodeMessage(buf, VaultAppend.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultAppend>): Generator<VaultAppendVaultIdFieldEvent | VaultAppendAuthKeyFieldEvent | VaultAppendBlobIdFieldEvent | VaultAppendBlobFieldEvent> {
    return streamMessage(buf, VaultAppend.codec(), opts)
  }
}

export interface VaultList {
  vaultId: Uint8Array<ArrayBuffer>
  after: Uint8Array<ArrayBuffer>
  proof?: VaultProof
}

export namespace VaultList {
  let _codec: Codec<VaultList>

  export const codec = (): Codec<VaultList> => {
    if (_codec == null) {
      _codec = message<VaultList>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.vaultId != null && obj.vaultId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.vaultId)
        }

        if ((obj.after != null && obj.after.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.after)
        }

        if (obj.proof != null) {
          w.uint32(26)
          VaultProof.codec().encode(obj.proof, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          vaultId: uint8ArrayAlloc(0),
          after: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.vaultId = reader.bytes()
              break
            }
            case 2: {
              obj.after = reader.bytes()
              break
            }
            case 3: {
              obj.proof = VaultProof.codec().decode(reader, reader.uint32(), {
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.vaultId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.after`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield * VaultProof.codec().stream(reader, reader.uint32(), `${prefix}.proof`, {
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

  export interface VaultListVaultIdFieldEvent {
    field: '$.vaultId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultListAfterFieldEvent {
    field: '$.after'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultListProofAuthKeyFieldEvent {
    field: '$.proof.authKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultListProofTimestampFieldEvent {
    field: '$.proof.timestamp'
    value: bigint
  }

  export interface VaultListProofNonceFieldEvent {
    field: '$.proof.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultListProofSignatureFieldEvent {
    field: '$.proof.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<VaultList>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultList.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultList>): VaultList {
    return decodeMessage(buf, VaultList.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultList>): Generator<VaultListVaultIdFieldEvent | VaultListAfterFieldEvent | VaultListProofAuthKeyFieldEvent | VaultListProofTimestampFieldEvent | VaultListProofNonceFieldEvent | VaultListProofSignatureFieldEvent> {
    return streamMessage(buf, VaultList.codec(), opts)
  }
}

export interface VaultFetch {
  vaultId: Uint8Array<ArrayBuffer>
  blobIds: Uint8Array<ArrayBuffer>[]
  proof?: VaultProof
}

export namespace VaultFetch {
  let _codec: Codec<VaultFetch>

  export const codec = (): Codec<VaultFetch> => {
    if (_codec == null) {
      _codec = message<VaultFetch>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.vaultId != null && obj.vaultId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.vaultId)
        }

        if (obj.blobIds != null && obj.blobIds.length > 0) {
          for (const value of obj.blobIds) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if (obj.proof != null) {
          w.uint32(26)
          VaultProof.codec().encode(obj.proof, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          vaultId: uint8ArrayAlloc(0),
          blobIds: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.vaultId = reader.bytes()
              break
            }
            case 2: {
              if (opts.limits?.blobIds != null && obj.blobIds.length === opts.limits.blobIds) {
                throw new MaxLengthError('Decode error - repeated field "blobIds" had too many elements')
              }

              obj.blobIds.push(reader.bytes())
              break
            }
            case 3: {
              obj.proof = VaultProof.codec().decode(reader, reader.uint32(), {
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
          blobIds: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.vaultId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              if (opts.limits?.blobIds != null && obj.blobIds === opts.limits.blobIds) {
                throw new MaxLengthError('Streaming decode error - repeated field "blobIds" had too many elements')
              }

              yield {
                field: `${prefix}.blobIds[]`,
                index: obj.blobIds,
                value: reader.bytes()
              }

              obj.blobIds++

              break
            }
            case 3: {
              yield * VaultProof.codec().stream(reader, reader.uint32(), `${prefix}.proof`, {
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

  export interface VaultFetchVaultIdFieldEvent {
    field: '$.vaultId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultFetchBlobIdsFieldEvent {
    field: '$.blobIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultFetchProofAuthKeyFieldEvent {
    field: '$.proof.authKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultFetchProofTimestampFieldEvent {
    field: '$.proof.timestamp'
    value: bigint
  }

  export interface VaultFetchProofNonceFieldEvent {
    field: '$.proof.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultFetchProofSignatureFieldEvent {
    field: '$.proof.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<VaultFetch>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultFetch.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultFetch>): VaultFetch {
    return decodeMessage(buf, VaultFetch.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultFetch>): Generator<VaultFetchVaultIdFieldEvent | VaultFetchBlobIdsFieldEvent | VaultFetchProofAuthKeyFieldEvent | VaultFetchProofTimestampFieldEvent | VaultFetchProofNonceFieldEvent | VaultFetchProofSignatureFieldEvent> {
    return streamMessage(buf, VaultFetch.codec(), opts)
  }
}

export interface VaultRequest {
  version: number
  append?: VaultAppend
  list?: VaultList
  fetch?: VaultFetch
}

export namespace VaultRequest {
  let _codec: Codec<VaultRequest>

  export const codec = (): Codec<VaultRequest> => {
    if (_codec == null) {
      _codec = message<VaultRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.append != null) {
          w.uint32(18)
          VaultAppend.codec().encode(obj.append, w)
        }

        if (obj.list != null) {
          w.uint32(26)
          VaultList.codec().encode(obj.list, w)
        }

        if (obj.fetch != null) {
          w.uint32(34)
          VaultFetch.codec().encode(obj.fetch, w)
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
              obj.append = VaultAppend.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.append
              })
              break
            }
            case 3: {
              obj.list = VaultList.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.list
              })
              break
            }
            case 4: {
              obj.fetch = VaultFetch.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fetch
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
              yield * VaultAppend.codec().stream(reader, reader.uint32(), `${prefix}.append`, {
                limits: opts.limits?.append
              })

              break
            }
            case 3: {
              yield * VaultList.codec().stream(reader, reader.uint32(), `${prefix}.list`, {
                limits: opts.limits?.list
              })

              break
            }
            case 4: {
              yield * VaultFetch.codec().stream(reader, reader.uint32(), `${prefix}.fetch`, {
                limits: opts.limits?.fetch
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

  export interface VaultRequestVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface VaultRequestAppendVaultIdFieldEvent {
    field: '$.append.vaultId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestAppendAuthKeyFieldEvent {
    field: '$.append.authKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestAppendBlobIdFieldEvent {
    field: '$.append.blobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestAppendBlobFieldEvent {
    field: '$.append.blob'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestListVaultIdFieldEvent {
    field: '$.list.vaultId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestListAfterFieldEvent {
    field: '$.list.after'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestListProofAuthKeyFieldEvent {
    field: '$.list.proof.authKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestListProofTimestampFieldEvent {
    field: '$.list.proof.timestamp'
    value: bigint
  }

  export interface VaultRequestListProofNonceFieldEvent {
    field: '$.list.proof.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestListProofSignatureFieldEvent {
    field: '$.list.proof.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestFetchVaultIdFieldEvent {
    field: '$.fetch.vaultId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestFetchBlobIdsFieldEvent {
    field: '$.fetch.blobIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestFetchProofAuthKeyFieldEvent {
    field: '$.fetch.proof.authKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestFetchProofTimestampFieldEvent {
    field: '$.fetch.proof.timestamp'
    value: bigint
  }

  export interface VaultRequestFetchProofNonceFieldEvent {
    field: '$.fetch.proof.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultRequestFetchProofSignatureFieldEvent {
    field: '$.fetch.proof.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<VaultRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultRequest>): VaultRequest {
    return decodeMessage(buf, VaultRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultRequest>): Generator<VaultRequestVersionFieldEvent | VaultRequestAppendVaultIdFieldEvent | VaultRequestAppendAuthKeyFieldEvent | VaultRequestAppendBlobIdFieldEvent | VaultRequestAppendBlobFieldEvent | VaultRequestListVaultIdFieldEvent | VaultRequestListAfterFieldEvent | VaultRequestListProofAuthKeyFieldEvent | VaultRequestListProofTimestampFieldEvent | VaultRequestListProofNonceFieldEvent | VaultRequestListProofSignatureFieldEvent | VaultRequestFetchVaultIdFieldEvent | VaultRequestFetchBlobIdsFieldEvent | VaultRequestFetchProofAuthKeyFieldEvent | VaultRequestFetchProofTimestampFieldEvent | VaultRequestFetchProofNonceFieldEvent | VaultRequestFetchProofSignatureFieldEvent> {
    return streamMessage(buf, VaultRequest.codec(), opts)
  }
}

export enum VaultStatus {
  VAULT_OK = 'VAULT_OK',
  VAULT_BAD_REQUEST = 'VAULT_BAD_REQUEST',
  VAULT_FORBIDDEN = 'VAULT_FORBIDDEN',
  VAULT_QUOTA_EXCEEDED = 'VAULT_QUOTA_EXCEEDED',
  VAULT_RATE_LIMITED = 'VAULT_RATE_LIMITED',
  VAULT_TOO_LARGE = 'VAULT_TOO_LARGE',
  VAULT_STALE_PROOF = 'VAULT_STALE_PROOF',
  VAULT_UNSUPPORTED_VERSION = 'VAULT_UNSUPPORTED_VERSION',
  VAULT_INTERNAL = 'VAULT_INTERNAL'
}

enum __VaultStatusValues {
  VAULT_OK = 0,
  VAULT_BAD_REQUEST = 1,
  VAULT_FORBIDDEN = 2,
  VAULT_QUOTA_EXCEEDED = 3,
  VAULT_RATE_LIMITED = 4,
  VAULT_TOO_LARGE = 5,
  VAULT_STALE_PROOF = 6,
  VAULT_UNSUPPORTED_VERSION = 7,
  VAULT_INTERNAL = 8
}

export namespace VaultStatus {
  export const codec = (): Codec<VaultStatus> => {
    return enumeration<VaultStatus>(__VaultStatusValues)
  }
}

export interface VaultBlobInfo {
  id: Uint8Array<ArrayBuffer>
  size: number
}

export namespace VaultBlobInfo {
  let _codec: Codec<VaultBlobInfo>

  export const codec = (): Codec<VaultBlobInfo> => {
    if (_codec == null) {
      _codec = message<VaultBlobInfo>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.id)
        }

        if ((obj.size != null && obj.size !== 0)) {
          w.uint32(16)
          w.uint32(obj.size)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: uint8ArrayAlloc(0),
          size: 0
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
              obj.size = reader.uint32()
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
                field: `${prefix}.size`,
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

  export interface VaultBlobInfoIdFieldEvent {
    field: '$.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultBlobInfoSizeFieldEvent {
    field: '$.size'
    value: number
  }

  export function encode (obj: Partial<VaultBlobInfo>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultBlobInfo.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultBlobInfo>): VaultBlobInfo {
    return decodeMessage(buf, VaultBlobInfo.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultBlobInfo>): Generator<VaultBlobInfoIdFieldEvent | VaultBlobInfoSizeFieldEvent> {
    return streamMessage(buf, VaultBlobInfo.codec(), opts)
  }
}

export interface VaultStoredBlob {
  id: Uint8Array<ArrayBuffer>
  blob: Uint8Array<ArrayBuffer>
}

export namespace VaultStoredBlob {
  let _codec: Codec<VaultStoredBlob>

  export const codec = (): Codec<VaultStoredBlob> => {
    if (_codec == null) {
      _codec = message<VaultStoredBlob>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.id)
        }

        if ((obj.blob != null && obj.blob.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.blob)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: uint8ArrayAlloc(0),
          blob: uint8ArrayAlloc(0)
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
              obj.blob = reader.bytes()
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
                field: `${prefix}.blob`,
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

  export interface VaultStoredBlobIdFieldEvent {
    field: '$.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface VaultStoredBlobBlobFieldEvent {
    field: '$.blob'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<VaultStoredBlob>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultStoredBlob.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultStoredBlob>): VaultStoredBlob {
    return decodeMessage(buf, VaultStoredBlob.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultStoredBlob>): Generator<VaultStoredBlobIdFieldEvent | VaultStoredBlobBlobFieldEvent> {
    return streamMessage(buf, VaultStoredBlob.codec(), opts)
  }
}

export interface VaultResponse {
  version: number
  status: VaultStatus
  reason: string
  retryAfterMs: bigint
  usedBytes: bigint
  listed: VaultBlobInfo[]
  blobs: VaultStoredBlob[]
  more: boolean
}

export namespace VaultResponse {
  let _codec: Codec<VaultResponse>

  export const codec = (): Codec<VaultResponse> => {
    if (_codec == null) {
      _codec = message<VaultResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.status != null && __VaultStatusValues[obj.status] !== 0) {
          w.uint32(16)
          VaultStatus.codec().encode(obj.status, w)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(26)
          w.string(obj.reason)
        }

        if ((obj.retryAfterMs != null && obj.retryAfterMs !== 0n)) {
          w.uint32(32)
          w.uint64(obj.retryAfterMs)
        }

        if ((obj.usedBytes != null && obj.usedBytes !== 0n)) {
          w.uint32(40)
          w.uint64(obj.usedBytes)
        }

        if (obj.listed != null && obj.listed.length > 0) {
          for (const value of obj.listed) {
            w.uint32(50)
            VaultBlobInfo.codec().encode(value, w)
          }
        }

        if (obj.blobs != null && obj.blobs.length > 0) {
          for (const value of obj.blobs) {
            w.uint32(58)
            VaultStoredBlob.codec().encode(value, w)
          }
        }

        if ((obj.more != null && obj.more !== false)) {
          w.uint32(64)
          w.bool(obj.more)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          status: VaultStatus.VAULT_OK,
          reason: '',
          retryAfterMs: 0n,
          usedBytes: 0n,
          listed: [],
          blobs: [],
          more: false
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
              obj.status = VaultStatus.codec().decode(reader)
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
              obj.usedBytes = reader.uint64()
              break
            }
            case 6: {
              if (opts.limits?.listed != null && obj.listed.length === opts.limits.listed) {
                throw new MaxLengthError('Decode error - repeated field "listed" had too many elements')
              }

              obj.listed.push(VaultBlobInfo.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.listed$
              }))
              break
            }
            case 7: {
              if (opts.limits?.blobs != null && obj.blobs.length === opts.limits.blobs) {
                throw new MaxLengthError('Decode error - repeated field "blobs" had too many elements')
              }

              obj.blobs.push(VaultStoredBlob.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.blobs$
              }))
              break
            }
            case 8: {
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
          listed: 0,
          blobs: 0
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
                field: `${prefix}.status`,
                value: VaultStatus.codec().decode(reader)
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
              yield {
                field: `${prefix}.usedBytes`,
                value: reader.uint64()
              }
              break
            }
            case 6: {
              if (opts.limits?.listed != null && obj.listed === opts.limits.listed) {
                throw new MaxLengthError('Streaming decode error - repeated field "listed" had too many elements')
              }

              for (const evt of VaultBlobInfo.codec().stream(reader, reader.uint32(), `${prefix}.listed[]`, {
                limits: opts.limits?.listed$
              })) {
                yield {
                  ...evt,
                  index: obj.listed
                }
              }

              obj.listed++

              break
            }
            case 7: {
              if (opts.limits?.blobs != null && obj.blobs === opts.limits.blobs) {
                throw new MaxLengthError('Streaming decode error - repeated field "blobs" had too many elements')
              }

              for (const evt of VaultStoredBlob.codec().stream(reader, reader.uint32(), `${prefix}.blobs[]`, {
                limits: opts.limits?.blobs$
              })) {
                yield {
                  ...evt,
                  index: obj.blobs
                }
              }

              obj.blobs++

              break
            }
            case 8: {
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

  export interface VaultResponseVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface VaultResponseStatusFieldEvent {
    field: '$.status'
    value: VaultStatus
  }

  export interface VaultResponseReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface VaultResponseRetryAfterMsFieldEvent {
    field: '$.retryAfterMs'
    value: bigint
  }

  export interface VaultResponseUsedBytesFieldEvent {
    field: '$.usedBytes'
    value: bigint
  }

  export interface VaultResponseListedIdFieldEvent {
    field: '$.listed[].id'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface VaultResponseListedSizeFieldEvent {
    field: '$.listed[].size'
    value: number
    index: number
  }

  export interface VaultResponseBlobsIdFieldEvent {
    field: '$.blobs[].id'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface VaultResponseBlobsBlobFieldEvent {
    field: '$.blobs[].blob'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface VaultResponseMoreFieldEvent {
    field: '$.more'
    value: boolean
  }

  export function encode (obj: Partial<VaultResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultResponse>): VaultResponse {
    return decodeMessage(buf, VaultResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultResponse>): Generator<VaultResponseVersionFieldEvent | VaultResponseStatusFieldEvent | VaultResponseReasonFieldEvent | VaultResponseRetryAfterMsFieldEvent | VaultResponseUsedBytesFieldEvent | VaultResponseListedIdFieldEvent | VaultResponseListedSizeFieldEvent | VaultResponseBlobsIdFieldEvent | VaultResponseBlobsBlobFieldEvent | VaultResponseMoreFieldEvent> {
    return streamMessage(buf, VaultResponse.codec(), opts)
  }
}

export interface VaultUsage {
  bytes: bigint
  blobs: number
}

export namespace VaultUsage {
  let _codec: Codec<VaultUsage>

  export const codec = (): Codec<VaultUsage> => {
    if (_codec == null) {
      _codec = message<VaultUsage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.bytes != null && obj.bytes !== 0n)) {
          w.uint32(8)
          w.uint64(obj.bytes)
        }

        if ((obj.blobs != null && obj.blobs !== 0)) {
          w.uint32(16)
          w.uint32(obj.blobs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          bytes: 0n,
          blobs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.bytes = reader.uint64()
              break
            }
            case 2: {
              obj.blobs = reader.uint32()
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
                field: `${prefix}.bytes`,
                value: reader.uint64()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.blobs`,
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

  export interface VaultUsageBytesFieldEvent {
    field: '$.bytes'
    value: bigint
  }

  export interface VaultUsageBlobsFieldEvent {
    field: '$.blobs'
    value: number
  }

  export function encode (obj: Partial<VaultUsage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VaultUsage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultUsage>): VaultUsage {
    return decodeMessage(buf, VaultUsage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VaultUsage>): Generator<VaultUsageBytesFieldEvent | VaultUsageBlobsFieldEvent> {
    return streamMessage(buf, VaultUsage.codec(), opts)
  }
}
