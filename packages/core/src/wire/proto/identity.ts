import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface DeviceCertificate {
  version: number
  accountPublicKey: Uint8Array<ArrayBuffer>
  devicePublicKey: Uint8Array<ArrayBuffer>
  deviceIndex: number
  createdAt: bigint
  signature: Uint8Array<ArrayBuffer>
}

export namespace DeviceCertificate {
  let _codec: Codec<DeviceCertificate>

  export const codec = (): Codec<DeviceCertificate> => {
    if (_codec == null) {
      _codec = message<DeviceCertificate>((obj, w, opts = {}) => {
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

        if ((obj.devicePublicKey != null && obj.devicePublicKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.devicePublicKey)
        }

        if ((obj.deviceIndex != null && obj.deviceIndex !== 0)) {
          w.uint32(32)
          w.uint32(obj.deviceIndex)
        }

        if ((obj.createdAt != null && obj.createdAt !== 0n)) {
          w.uint32(40)
          w.uint64(obj.createdAt)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          accountPublicKey: uint8ArrayAlloc(0),
          devicePublicKey: uint8ArrayAlloc(0),
          deviceIndex: 0,
          createdAt: 0n,
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
              obj.accountPublicKey = reader.bytes()
              break
            }
            case 3: {
              obj.devicePublicKey = reader.bytes()
              break
            }
            case 4: {
              obj.deviceIndex = reader.uint32()
              break
            }
            case 5: {
              obj.createdAt = reader.uint64()
              break
            }
            case 6: {
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
                field: `${prefix}.accountPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.devicePublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.deviceIndex`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.createdAt`,
                value: reader.uint64()
              }
              break
            }
            case 6: {
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

  export interface DeviceCertificateVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface DeviceCertificateAccountPublicKeyFieldEvent {
    field: '$.accountPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeviceCertificateDevicePublicKeyFieldEvent {
    field: '$.devicePublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeviceCertificateDeviceIndexFieldEvent {
    field: '$.deviceIndex'
    value: number
  }

  export interface DeviceCertificateCreatedAtFieldEvent {
    field: '$.createdAt'
    value: bigint
  }

  export interface DeviceCertificateSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<DeviceCertificate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeviceCertificate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceCertificate>): DeviceCertificate {
    return decodeMessage(buf, DeviceCertificate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceCertificate>): Generator<DeviceCertificateVersionFieldEvent | DeviceCertificateAccountPublicKeyFieldEvent | DeviceCertificateDevicePublicKeyFieldEvent | DeviceCertificateDeviceIndexFieldEvent | DeviceCertificateCreatedAtFieldEvent | DeviceCertificateSignatureFieldEvent> {
    return streamMessage(buf, DeviceCertificate.codec(), opts)
  }
}
