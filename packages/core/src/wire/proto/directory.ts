import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface DeviceEntry {
  certificate: Uint8Array<ArrayBuffer>
  addrs: Uint8Array<ArrayBuffer>[]
  prekeys: Uint8Array<ArrayBuffer>
  name: string
  lastSeen: bigint
}

export namespace DeviceEntry {
  let _codec: Codec<DeviceEntry>

  export const codec = (): Codec<DeviceEntry> => {
    if (_codec == null) {
      _codec = message<DeviceEntry>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.certificate != null && obj.certificate.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.certificate)
        }

        if (obj.addrs != null && obj.addrs.length > 0) {
          for (const value of obj.addrs) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if ((obj.prekeys != null && obj.prekeys.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.prekeys)
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(34)
          w.string(obj.name)
        }

        if ((obj.lastSeen != null && obj.lastSeen !== 0n)) {
          w.uint32(40)
          w.uint64(obj.lastSeen)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          certificate: uint8ArrayAlloc(0),
          addrs: [],
          prekeys: uint8ArrayAlloc(0),
          name: '',
          lastSeen: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.certificate = reader.bytes()
              break
            }
            case 2: {
              if (opts.limits?.addrs != null && obj.addrs.length === opts.limits.addrs) {
                throw new MaxLengthError('Decode error - repeated field "addrs" had too many elements')
              }

              obj.addrs.push(reader.bytes())
              break
            }
            case 3: {
              obj.prekeys = reader.bytes()
              break
            }
            case 4: {
              obj.name = reader.string()
              break
            }
            case 5: {
              obj.lastSeen = reader.uint64()
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
          addrs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.certificate`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              if (opts.limits?.addrs != null && obj.addrs === opts.limits.addrs) {
                throw new MaxLengthError('Streaming decode error - repeated field "addrs" had too many elements')
              }

              yield {
                field: `${prefix}.addrs[]`,
                index: obj.addrs,
                value: reader.bytes()
              }

              obj.addrs++

              break
            }
            case 3: {
              yield {
                field: `${prefix}.prekeys`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.lastSeen`,
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

  export interface DeviceEntryCertificateFieldEvent {
    field: '$.certificate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeviceEntryAddrsFieldEvent {
    field: '$.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeviceEntryPrekeysFieldEvent {
    field: '$.prekeys'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeviceEntryNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface DeviceEntryLastSeenFieldEvent {
    field: '$.lastSeen'
    value: bigint
  }

  export function encode (obj: Partial<DeviceEntry>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeviceEntry.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceEntry>): DeviceEntry {
    return decodeMessage(buf, DeviceEntry.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceEntry>): Generator<DeviceEntryCertificateFieldEvent | DeviceEntryAddrsFieldEvent | DeviceEntryPrekeysFieldEvent | DeviceEntryNameFieldEvent | DeviceEntryLastSeenFieldEvent> {
    return streamMessage(buf, DeviceEntry.codec(), opts)
  }
}

export interface DirectoryRecord {
  version: number
  accountPublicKey: Uint8Array<ArrayBuffer>
  seq: bigint
  expiresAt: bigint
  devices: DeviceEntry[]
  revoked: Uint8Array<ArrayBuffer>[]
}

export namespace DirectoryRecord {
  let _codec: Codec<DirectoryRecord>

  export const codec = (): Codec<DirectoryRecord> => {
    if (_codec == null) {
      _codec = message<DirectoryRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.accountPublicKey != null && obj.accountPublicKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.accountPublicKey)
        }

        if ((obj.seq != null && obj.seq !== 0n)) {
          w.uint32(24)
          w.uint64(obj.seq)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0n)) {
          w.uint32(32)
          w.uint64(obj.expiresAt)
        }

        if (obj.devices != null && obj.devices.length > 0) {
          for (const value of obj.devices) {
            w.uint32(42)
            DeviceEntry.codec().encode(value, w)
          }
        }

        if (obj.revoked != null && obj.revoked.length > 0) {
          for (const value of obj.revoked) {
            w.uint32(50)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          accountPublicKey: uint8ArrayAlloc(0),
          seq: 0n,
          expiresAt: 0n,
          devices: [],
          revoked: []
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
              obj.accountPublicKey = reader.bytes()
              break
            }
            case 3: {
              obj.seq = reader.uint64()
              break
            }
            case 4: {
              obj.expiresAt = reader.uint64()
              break
            }
            case 5: {
              if (opts.limits?.devices != null && obj.devices.length === opts.limits.devices) {
                throw new MaxLengthError('Decode error - repeated field "devices" had too many elements')
              }

              obj.devices.push(DeviceEntry.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.devices$
              }))
              break
            }
            case 6: {
              if (opts.limits?.revoked != null && obj.revoked.length === opts.limits.revoked) {
                throw new MaxLengthError('Decode error - repeated field "revoked" had too many elements')
              }

              obj.revoked.push(reader.bytes())
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
          devices: 0,
          revoked: 0
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
                field: `${prefix}.accountPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.seq`,
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
            case 5: {
              if (opts.limits?.devices != null && obj.devices === opts.limits.devices) {
                throw new MaxLengthError('Streaming decode error - repeated field "devices" had too many elements')
              }

              for (const evt of DeviceEntry.codec().stream(reader, reader.uint32(), `${prefix}.devices[]`, {
                limits: opts.limits?.devices$
              })) {
                yield {
                  ...evt,
                  index: obj.devices
                }
              }

              obj.devices++

              break
            }
            case 6: {
              if (opts.limits?.revoked != null && obj.revoked === opts.limits.revoked) {
                throw new MaxLengthError('Streaming decode error - repeated field "revoked" had too many elements')
              }

              yield {
                field: `${prefix}.revoked[]`,
                index: obj.revoked,
                value: reader.bytes()
              }

              obj.revoked++

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

  export interface DirectoryRecordVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface DirectoryRecordAccountPublicKeyFieldEvent {
    field: '$.accountPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DirectoryRecordSeqFieldEvent {
    field: '$.seq'
    value: bigint
  }

  export interface DirectoryRecordExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: bigint
  }

  export interface DirectoryRecordDevicesCertificateFieldEvent {
    field: '$.devices[].certificate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface DirectoryRecordDevicesAddrsFieldEvent {
    field: '$.devices[].addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface DirectoryRecordDevicesPrekeysFieldEvent {
    field: '$.devices[].prekeys'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface DirectoryRecordDevicesNameFieldEvent {
    field: '$.devices[].name'
    value: string
    index: number
  }

  export interface DirectoryRecordDevicesLastSeenFieldEvent {
    field: '$.devices[].lastSeen'
    value: bigint
    index: number
  }

  export interface DirectoryRecordRevokedFieldEvent {
    field: '$.revoked[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<DirectoryRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DirectoryRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DirectoryRecord>): DirectoryRecord {
    return decodeMessage(buf, DirectoryRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DirectoryRecord>): Generator<DirectoryRecordVersionFieldEvent | DirectoryRecordAccountPublicKeyFieldEvent | DirectoryRecordSeqFieldEvent | DirectoryRecordExpiresAtFieldEvent | DirectoryRecordDevicesCertificateFieldEvent | DirectoryRecordDevicesAddrsFieldEvent | DirectoryRecordDevicesPrekeysFieldEvent | DirectoryRecordDevicesNameFieldEvent | DirectoryRecordDevicesLastSeenFieldEvent | DirectoryRecordRevokedFieldEvent> {
    return streamMessage(buf, DirectoryRecord.codec(), opts)
  }
}

export interface SignedDirectoryRecord {
  record: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedDirectoryRecord {
  let _codec: Codec<SignedDirectoryRecord>

  export const codec = (): Codec<SignedDirectoryRecord> => {
    if (_codec == null) {
      _codec = message<SignedDirectoryRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.record != null && obj.record.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.record)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          record: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.record = reader.bytes()
              break
            }
            case 2: {
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
                field: `${prefix}.record`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
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

  export interface SignedDirectoryRecordRecordFieldEvent {
    field: '$.record'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedDirectoryRecordSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedDirectoryRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedDirectoryRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedDirectoryRecord>): SignedDirectoryRecord {
    return decodeMessage(buf, SignedDirectoryRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedDirectoryRecord>): Generator<SignedDirectoryRecordRecordFieldEvent | SignedDirectoryRecordSignatureFieldEvent> {
    return streamMessage(buf, SignedDirectoryRecord.codec(), opts)
  }
}
