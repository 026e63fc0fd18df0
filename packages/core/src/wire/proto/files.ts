import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface FileManifest {
  version: number
  name: string
  size: bigint
  mime: string
  chunkSize: number
  key: Uint8Array<ArrayBuffer>
  chunksRoot: Uint8Array<ArrayBuffer>
  sha256: Uint8Array<ArrayBuffer>
  salt: Uint8Array<ArrayBuffer>
}

export namespace FileManifest {
  let _codec: Codec<FileManifest>

  export const codec = (): Codec<FileManifest> => {
    if (_codec == null) {
      _codec = message<FileManifest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(18)
          w.string(obj.name)
        }

        if ((obj.size != null && obj.size !== 0n)) {
          w.uint32(24)
          w.uint64(obj.size)
        }

        if ((obj.mime != null && obj.mime !== '')) {
          w.uint32(34)
          w.string(obj.mime)
        }

        if ((obj.chunkSize != null && obj.chunkSize !== 0)) {
          w.uint32(40)
          w.uint32(obj.chunkSize)
        }

        if ((obj.key != null && obj.key.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.key)
        }

        if ((obj.chunksRoot != null && obj.chunksRoot.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.chunksRoot)
        }

        if ((obj.sha256 != null && obj.sha256.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.sha256)
        }

        if ((obj.salt != null && obj.salt.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.salt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          name: '',
          size: 0n,
          mime: '',
          chunkSize: 0,
          key: uint8ArrayAlloc(0),
          chunksRoot: uint8ArrayAlloc(0),
          sha256: uint8ArrayAlloc(0),
          salt: uint8ArrayAlloc(0)
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
              obj.name = reader.string()
              break
            }
            case 3: {
              obj.size = reader.uint64()
              break
            }
            case 4: {
              obj.mime = reader.string()
              break
            }
            case 5: {
              obj.chunkSize = reader.uint32()
              break
            }
            case 6: {
              obj.key = reader.bytes()
              break
            }
            case 7: {
              obj.chunksRoot = reader.bytes()
              break
            }
            case 8: {
              obj.sha256 = reader.bytes()
              break
            }
            case 9: {
              obj.salt = reader.bytes()
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
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.size`,
                value: reader.uint64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.mime`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.chunkSize`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.key`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.chunksRoot`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.sha256`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.salt`,
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

  export interface FileManifestVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface FileManifestNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface FileManifestSizeFieldEvent {
    field: '$.size'
    value: bigint
  }

  export interface FileManifestMimeFieldEvent {
    field: '$.mime'
    value: string
  }

  export interface FileManifestChunkSizeFieldEvent {
    field: '$.chunkSize'
    value: number
  }

  export interface FileManifestKeyFieldEvent {
    field: '$.key'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FileManifestChunksRootFieldEvent {
    field: '$.chunksRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FileManifestSha256FieldEvent {
    field: '$.sha256'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FileManifestSaltFieldEvent {
    field: '$.salt'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<FileManifest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FileManifest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileManifest>): FileManifest {
    return decodeMessage(buf, FileManifest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileManifest>): Generator<FileManifestVersionFieldEvent | FileManifestNameFieldEvent | FileManifestSizeFieldEvent | FileManifestMimeFieldEvent | FileManifestChunkSizeFieldEvent | FileManifestKeyFieldEvent | FileManifestChunksRootFieldEvent | FileManifestSha256FieldEvent | FileManifestSaltFieldEvent> {
    return streamMessage(buf, FileManifest.codec(), opts)
  }
}

export interface FileRequest {
  version: number
  fileId: Uint8Array<ArrayBuffer>
  fromChunk: number
  count: number
  kind: number
}

export namespace FileRequest {
  let _codec: Codec<FileRequest>

  export const codec = (): Codec<FileRequest> => {
    if (_codec == null) {
      _codec = message<FileRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.fileId != null && obj.fileId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.fileId)
        }

        if ((obj.fromChunk != null && obj.fromChunk !== 0)) {
          w.uint32(24)
          w.uint32(obj.fromChunk)
        }

        if ((obj.count != null && obj.count !== 0)) {
          w.uint32(32)
          w.uint32(obj.count)
        }

        if ((obj.kind != null && obj.kind !== 0)) {
          w.uint32(40)
          w.uint32(obj.kind)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          fileId: uint8ArrayAlloc(0),
          fromChunk: 0,
          count: 0,
          kind: 0
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
              obj.fileId = reader.bytes()
              break
            }
            case 3: {
              obj.fromChunk = reader.uint32()
              break
            }
            case 4: {
              obj.count = reader.uint32()
              break
            }
            case 5: {
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
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.fileId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.fromChunk`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.count`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
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

  export interface FileRequestVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface FileRequestFileIdFieldEvent {
    field: '$.fileId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FileRequestFromChunkFieldEvent {
    field: '$.fromChunk'
    value: number
  }

  export interface FileRequestCountFieldEvent {
    field: '$.count'
    value: number
  }

  export interface FileRequestKindFieldEvent {
    field: '$.kind'
    value: number
  }

  export function encode (obj: Partial<FileRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FileRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileRequest>): FileRequest {
    return decodeMessage(buf, FileRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileRequest>): Generator<FileRequestVersionFieldEvent | FileRequestFileIdFieldEvent | FileRequestFromChunkFieldEvent | FileRequestCountFieldEvent | FileRequestKindFieldEvent> {
    return streamMessage(buf, FileRequest.codec(), opts)
  }
}

export interface FileChunk {
  index: number
  data: Uint8Array<ArrayBuffer>
  status: number
}

export namespace FileChunk {
  let _codec: Codec<FileChunk>

  export const codec = (): Codec<FileChunk> => {
    if (_codec == null) {
      _codec = message<FileChunk>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(8)
          w.uint32(obj.index)
        }

        if ((obj.data != null && obj.data.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.data)
        }

        if ((obj.status != null && obj.status !== 0)) {
          w.uint32(24)
          w.uint32(obj.status)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0,
          data: uint8ArrayAlloc(0),
          status: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.index = reader.uint32()
              break
            }
            case 2: {
              obj.data = reader.bytes()
              break
            }
            case 3: {
              obj.status = reader.uint32()
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
                field: `${prefix}.index`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.data`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.status`,
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

  export interface FileChunkIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface FileChunkDataFieldEvent {
    field: '$.data'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FileChunkStatusFieldEvent {
    field: '$.status'
    value: number
  }

  export function encode (obj: Partial<FileChunk>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FileChunk.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileChunk>): FileChunk {
    return decodeMessage(buf, FileChunk.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileChunk>): Generator<FileChunkIndexFieldEvent | FileChunkDataFieldEvent | FileChunkStatusFieldEvent> {
    return streamMessage(buf, FileChunk.codec(), opts)
  }
}

export interface FileMail {
  version: number
  fileId: Uint8Array<ArrayBuffer>
  kind: number
  index: number
  offset: number
  total: number
  data: Uint8Array<ArrayBuffer>
}

export namespace FileMail {
  let _codec: Codec<FileMail>

  export const codec = (): Codec<FileMail> => {
    if (_codec == null) {
      _codec = message<FileMail>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.fileId != null && obj.fileId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.fileId)
        }

        if ((obj.kind != null && obj.kind !== 0)) {
          w.uint32(24)
          w.uint32(obj.kind)
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(32)
          w.uint32(obj.index)
        }

        if ((obj.offset != null && obj.offset !== 0)) {
          w.uint32(40)
          w.uint32(obj.offset)
        }

        if ((obj.total != null && obj.total !== 0)) {
          w.uint32(48)
          w.uint32(obj.total)
        }

        if ((obj.data != null && obj.data.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.data)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          fileId: uint8ArrayAlloc(0),
          kind: 0,
          index: 0,
          offset: 0,
          total: 0,
          data: uint8ArrayAlloc(0)
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
              obj.fileId = reader.bytes()
              break
            }
            case 3: {
              obj.kind = reader.uint32()
              break
            }
            case 4: {
              obj.index = reader.uint32()
              break
            }
            case 5: {
              obj.offset = reader.uint32()
              break
            }
            case 6: {
              obj.total = reader.uint32()
              break
            }
            case 7: {
              obj.data = reader.bytes()
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
                field: `${prefix}.fileId`,
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
                field: `${prefix}.index`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.offset`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.total`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.data`,
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

  export interface FileMailVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface FileMailFileIdFieldEvent {
    field: '$.fileId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FileMailKindFieldEvent {
    field: '$.kind'
    value: number
  }

  export interface FileMailIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface FileMailOffsetFieldEvent {
    field: '$.offset'
    value: number
  }

  export interface FileMailTotalFieldEvent {
    field: '$.total'
    value: number
  }

  export interface FileMailDataFieldEvent {
    field: '$.data'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<FileMail>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FileMail.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileMail>): FileMail {
    return decodeMessage(buf, FileMail.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileMail>): Generator<FileMailVersionFieldEvent | FileMailFileIdFieldEvent | FileMailKindFieldEvent | FileMailIndexFieldEvent | FileMailOffsetFieldEvent | FileMailTotalFieldEvent | FileMailDataFieldEvent> {
    return streamMessage(buf, FileMail.codec(), opts)
  }
}
