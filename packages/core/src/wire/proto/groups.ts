import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface GroupOp {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace GroupOp {
  let _codec: Codec<GroupOp>

  export const codec = (): Codec<GroupOp> => {
    if (_codec == null) {
      _codec = message<GroupOp>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
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
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
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
                field: `${prefix}.body`,
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

  export interface GroupOpBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupOpSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupOp>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupOp.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupOp>): GroupOp {
    return decodeMessage(buf, GroupOp.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupOp>): Generator<GroupOpBodyFieldEvent | GroupOpSignatureFieldEvent> {
    return streamMessage(buf, GroupOp.codec(), opts)
  }
}

export interface GroupOpBody {
  version: number
  groupId: Uint8Array<ArrayBuffer>
  prev: Uint8Array<ArrayBuffer>
  kind: number
  author: Uint8Array<ArrayBuffer>
  at: bigint
  members: Uint8Array<ArrayBuffer>[]
  name: string
  invite?: GroupInvite
  merged: Uint8Array<ArrayBuffer>[]
}

export namespace GroupOpBody {
  let _codec: Codec<GroupOpBody>

  export const codec = (): Codec<GroupOpBody> => {
    if (_codec == null) {
      _codec = message<GroupOpBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.groupId != null && obj.groupId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.groupId)
        }

        if ((obj.prev != null && obj.prev.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.prev)
        }

        if ((obj.kind != null && obj.kind !== 0)) {
          w.uint32(32)
          w.uint32(obj.kind)
        }

        if ((obj.author != null && obj.author.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.author)
        }

        if ((obj.at != null && obj.at !== 0n)) {
          w.uint32(48)
          w.uint64(obj.at)
        }

        if (obj.members != null && obj.members.length > 0) {
          for (const value of obj.members) {
            w.uint32(58)
            w.bytes(value)
          }
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(66)
          w.string(obj.name)
        }

        if (obj.invite != null) {
          w.uint32(74)
          GroupInvite.codec().encode(obj.invite, w)
        }

        if (obj.merged != null && obj.merged.length > 0) {
          for (const value of obj.merged) {
            w.uint32(82)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          groupId: uint8ArrayAlloc(0),
          prev: uint8ArrayAlloc(0),
          kind: 0,
          author: uint8ArrayAlloc(0),
          at: 0n,
          members: [],
          name: '',
          merged: []
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
              obj.groupId = reader.bytes()
              break
            }
            case 3: {
              obj.prev = reader.bytes()
              break
            }
            case 4: {
              obj.kind = reader.uint32()
              break
            }
            case 5: {
              obj.author = reader.bytes()
              break
            }
            case 6: {
              obj.at = reader.uint64()
              break
            }
            case 7: {
              if (opts.limits?.members != null && obj.members.length === opts.limits.members) {
                throw new MaxLengthError('Decode error - repeated field "members" had too many elements')
              }

              obj.members.push(reader.bytes())
              break
            }
            case 8: {
              obj.name = reader.string()
              break
            }
            case 9: {
              obj.invite = GroupInvite.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.invite
              })
              break
            }
            case 10: {
              if (opts.limits?.merged != null && obj.merged.length === opts.limits.merged) {
                throw new MaxLengthError('Decode error - repeated field "merged" had too many elements')
              }

              obj.merged.push(reader.bytes())
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
          members: 0,
          merged: 0
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
                field: `${prefix}.groupId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.prev`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.kind`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.author`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.at`,
                value: reader.uint64()
              }
              break
            }
            case 7: {
              if (opts.limits?.members != null && obj.members === opts.limits.members) {
                throw new MaxLengthError('Streaming decode error - repeated field "members" had too many elements')
              }

              yield {
                field: `${prefix}.members[]`,
                index: obj.members,
                value: reader.bytes()
              }

              obj.members++

              break
            }
            case 8: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 9: {
              yield * GroupInvite.codec().stream(reader, reader.uint32(), `${prefix}.invite`, {
                limits: opts.limits?.invite
              })

              break
            }
            case 10: {
              if (opts.limits?.merged != null && obj.merged === opts.limits.merged) {
                throw new MaxLengthError('Streaming decode error - repeated field "merged" had too many elements')
              }

              yield {
                field: `${prefix}.merged[]`,
                index: obj.merged,
                value: reader.bytes()
              }

              obj.merged++

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

  export interface GroupOpBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface GroupOpBodyGroupIdFieldEvent {
    field: '$.groupId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupOpBodyPrevFieldEvent {
    field: '$.prev'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupOpBodyKindFieldEvent {
    field: '$.kind'
    value: number
  }

  export interface GroupOpBodyAuthorFieldEvent {
    field: '$.author'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupOpBodyAtFieldEvent {
    field: '$.at'
    value: bigint
  }

  export interface GroupOpBodyMembersFieldEvent {
    field: '$.members[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupOpBodyNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface GroupOpBodyInviteBodyFieldEvent {
    field: '$.invite.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupOpBodyInviteSignatureFieldEvent {
    field: '$.invite.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupOpBodyMergedFieldEvent {
    field: '$.merged[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupOpBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupOpBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupOpBody>): GroupOpBody {
    return decodeMessage(buf, GroupOpBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupOpBody>): Generator<GroupOpBodyVersionFieldEvent | GroupOpBodyGroupIdFieldEvent | GroupOpBodyPrevFieldEvent | GroupOpBodyKindFieldEvent | GroupOpBodyAuthorFieldEvent | GroupOpBodyAtFieldEvent | GroupOpBodyMembersFieldEvent | GroupOpBodyNameFieldEvent | GroupOpBodyInviteBodyFieldEvent | GroupOpBodyInviteSignatureFieldEvent | GroupOpBodyMergedFieldEvent> {
    return streamMessage(buf, GroupOpBody.codec(), opts)
  }
}

export interface GroupInvite {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace GroupInvite {
  let _codec: Codec<GroupInvite>

  export const codec = (): Codec<GroupInvite> => {
    if (_codec == null) {
      _codec = message<GroupInvite>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
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
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
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
                field: `${prefix}.body`,
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

  export interface GroupInviteBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupInviteSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupInvite>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupInvite.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupInvite>): GroupInvite {
    return decodeMessage(buf, GroupInvite.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupInvite>): Generator<GroupInviteBodyFieldEvent | GroupInviteSignatureFieldEvent> {
    return streamMessage(buf, GroupInvite.codec(), opts)
  }
}

export interface GroupInviteBody {
  version: number
  groupId: Uint8Array<ArrayBuffer>
  inviter: Uint8Array<ArrayBuffer>
  expiresAt: bigint
  nonce: Uint8Array<ArrayBuffer>
  name: string
}

export namespace GroupInviteBody {
  let _codec: Codec<GroupInviteBody>

  export const codec = (): Codec<GroupInviteBody> => {
    if (_codec == null) {
      _codec = message<GroupInviteBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.groupId != null && obj.groupId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.groupId)
        }

        if ((obj.inviter != null && obj.inviter.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.inviter)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0n)) {
          w.uint32(32)
          w.uint64(obj.expiresAt)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.nonce)
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(50)
          w.string(obj.name)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          groupId: uint8ArrayAlloc(0),
          inviter: uint8ArrayAlloc(0),
          expiresAt: 0n,
          nonce: uint8ArrayAlloc(0),
          name: ''
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
              obj.groupId = reader.bytes()
              break
            }
            case 3: {
              obj.inviter = reader.bytes()
              break
            }
            case 4: {
              obj.expiresAt = reader.uint64()
              break
            }
            case 5: {
              obj.nonce = reader.bytes()
              break
            }
            case 6: {
              obj.name = reader.string()
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
                field: `${prefix}.groupId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.inviter`,
                value: reader.bytes()
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
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.name`,
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

  export interface GroupInviteBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface GroupInviteBodyGroupIdFieldEvent {
    field: '$.groupId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupInviteBodyInviterFieldEvent {
    field: '$.inviter'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupInviteBodyExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: bigint
  }

  export interface GroupInviteBodyNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupInviteBodyNameFieldEvent {
    field: '$.name'
    value: string
  }

  export function encode (obj: Partial<GroupInviteBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupInviteBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupInviteBody>): GroupInviteBody {
    return decodeMessage(buf, GroupInviteBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupInviteBody>): Generator<GroupInviteBodyVersionFieldEvent | GroupInviteBodyGroupIdFieldEvent | GroupInviteBodyInviterFieldEvent | GroupInviteBodyExpiresAtFieldEvent | GroupInviteBodyNonceFieldEvent | GroupInviteBodyNameFieldEvent> {
    return streamMessage(buf, GroupInviteBody.codec(), opts)
  }
}

export interface SenderKeyDistribution {
  epoch: bigint
  chainId: Uint8Array<ArrayBuffer>
  iteration: number
  chainKey: Uint8Array<ArrayBuffer>
  signingKey: Uint8Array<ArrayBuffer>
}

export namespace SenderKeyDistribution {
  let _codec: Codec<SenderKeyDistribution>

  export const codec = (): Codec<SenderKeyDistribution> => {
    if (_codec == null) {
      _codec = message<SenderKeyDistribution>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.epoch != null && obj.epoch !== 0n)) {
          w.uint32(8)
          w.uint64(obj.epoch)
        }

        if ((obj.chainId != null && obj.chainId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.chainId)
        }

        if ((obj.iteration != null && obj.iteration !== 0)) {
          w.uint32(24)
          w.uint32(obj.iteration)
        }

        if ((obj.chainKey != null && obj.chainKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.chainKey)
        }

        if ((obj.signingKey != null && obj.signingKey.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.signingKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          epoch: 0n,
          chainId: uint8ArrayAlloc(0),
          iteration: 0,
          chainKey: uint8ArrayAlloc(0),
          signingKey: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.epoch = reader.uint64()
              break
            }
            case 2: {
              obj.chainId = reader.bytes()
              break
            }
            case 3: {
              obj.iteration = reader.uint32()
              break
            }
            case 4: {
              obj.chainKey = reader.bytes()
              break
            }
            case 5: {
              obj.signingKey = reader.bytes()
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
                field: `${prefix}.epoch`,
                value: reader.uint64()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.iteration`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.chainKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.signingKey`,
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

  export interface SenderKeyDistributionEpochFieldEvent {
    field: '$.epoch'
    value: bigint
  }

  export interface SenderKeyDistributionChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SenderKeyDistributionIterationFieldEvent {
    field: '$.iteration'
    value: number
  }

  export interface SenderKeyDistributionChainKeyFieldEvent {
    field: '$.chainKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SenderKeyDistributionSigningKeyFieldEvent {
    field: '$.signingKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SenderKeyDistribution>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SenderKeyDistribution.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SenderKeyDistribution>): SenderKeyDistribution {
    return decodeMessage(buf, SenderKeyDistribution.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SenderKeyDistribution>): Generator<SenderKeyDistributionEpochFieldEvent | SenderKeyDistributionChainIdFieldEvent | SenderKeyDistributionIterationFieldEvent | SenderKeyDistributionChainKeyFieldEvent | SenderKeyDistributionSigningKeyFieldEvent> {
    return streamMessage(buf, SenderKeyDistribution.codec(), opts)
  }
}

export interface JoinRequest {
  invite?: GroupInvite
}

export namespace JoinRequest {
  let _codec: Codec<JoinRequest>

  export const codec = (): Codec<JoinRequest> => {
    if (_codec == null) {
      _codec = message<JoinRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.invite != null) {
          w.uint32(10)
          GroupInvite.codec().encode(obj.invite, w)
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
              obj.invite = GroupInvite.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.invite
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
              yield * GroupInvite.codec().stream(reader, reader.uint32(), `${prefix}.invite`, {
                limits: opts.limits?.invite
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

  export interface JoinRequestInviteBodyFieldEvent {
    field: '$.invite.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JoinRequestInviteSignatureFieldEvent {
    field: '$.invite.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<JoinRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JoinRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JoinRequest>): JoinRequest {
    return decodeMessage(buf, JoinRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JoinRequest>): Generator<JoinRequestInviteBodyFieldEvent | JoinRequestInviteSignatureFieldEvent> {
    return streamMessage(buf, JoinRequest.codec(), opts)
  }
}

export interface GroupReceipt {
  kind: number
  messageIds: Uint8Array<ArrayBuffer>[]
}

export namespace GroupReceipt {
  let _codec: Codec<GroupReceipt>

  export const codec = (): Codec<GroupReceipt> => {
    if (_codec == null) {
      _codec = message<GroupReceipt>((obj, w, opts = {}) => {
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

  export interface GroupReceiptKindFieldEvent {
    field: '$.kind'
    value: number
  }

  export interface GroupReceiptMessageIdsFieldEvent {
    field: '$.messageIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupReceipt>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupReceipt.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupReceipt>): GroupReceipt {
    return decodeMessage(buf, GroupReceipt.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupReceipt>): Generator<GroupReceiptKindFieldEvent | GroupReceiptMessageIdsFieldEvent> {
    return streamMessage(buf, GroupReceipt.codec(), opts)
  }
}

export interface GroupControl {
  version: number
  groupId: Uint8Array<ArrayBuffer>
  ops: GroupOp[]
  senderKey?: SenderKeyDistribution
  join?: JoinRequest
  receipt?: GroupReceipt
  timer?: GroupTimerState
}

export namespace GroupControl {
  let _codec: Codec<GroupControl>

  export const codec = (): Codec<GroupControl> => {
    if (_codec == null) {
      _codec = message<GroupControl>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.groupId != null && obj.groupId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.groupId)
        }

        if (obj.ops != null && obj.ops.length > 0) {
          for (const value of obj.ops) {
            w.uint32(26)
            GroupOp.codec().encode(value, w)
          }
        }

        if (obj.senderKey != null) {
          w.uint32(34)
          SenderKeyDistribution.codec().encode(obj.senderKey, w)
        }

        if (obj.join != null) {
          w.uint32(42)
          JoinRequest.codec().encode(obj.join, w)
        }

        if (obj.receipt != null) {
          w.uint32(50)
          GroupReceipt.codec().encode(obj.receipt, w)
        }

        if (obj.timer != null) {
          w.uint32(58)
          GroupTimerState.codec().encode(obj.timer, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          groupId: uint8ArrayAlloc(0),
          ops: []
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
              obj.groupId = reader.bytes()
              break
            }
            case 3: {
              if (opts.limits?.ops != null && obj.ops.length === opts.limits.ops) {
                throw new MaxLengthError('Decode error - repeated field "ops" had too many elements')
              }

              obj.ops.push(GroupOp.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ops$
              }))
              break
            }
            case 4: {
              obj.senderKey = SenderKeyDistribution.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.senderKey
              })
              break
            }
            case 5: {
              obj.join = JoinRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.join
              })
              break
            }
            case 6: {
              obj.receipt = GroupReceipt.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.receipt
              })
              break
            }
            case 7: {
              obj.timer = GroupTimerState.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.timer
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
          ops: 0
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
                field: `${prefix}.groupId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              if (opts.limits?.ops != null && obj.ops === opts.limits.ops) {
                throw new MaxLengthError('Streaming decode error - repeated field "ops" had too many elements')
              }

              for (const evt of GroupOp.codec().stream(reader, reader.uint32(), `${prefix}.ops[]`, {
                limits: opts.limits?.ops$
              })) {
                yield {
                  ...evt,
                  index: obj.ops
                }
              }

              obj.ops++

              break
            }
            case 4: {
              yield * SenderKeyDistribution.codec().stream(reader, reader.uint32(), `${prefix}.senderKey`, {
                limits: opts.limits?.senderKey
              })

              break
            }
            case 5: {
              yield * JoinRequest.codec().stream(reader, reader.uint32(), `${prefix}.join`, {
                limits: opts.limits?.join
              })

              break
            }
            case 6: {
              yield * GroupReceipt.codec().stream(reader, reader.uint32(), `${prefix}.receipt`, {
                limits: opts.limits?.receipt
              })

              break
            }
            case 7: {
              yield * GroupTimerState.codec().stream(reader, reader.uint32(), `${prefix}.timer`, {
                limits: opts.limits?.timer
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

  export interface GroupControlVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface GroupControlGroupIdFieldEvent {
    field: '$.groupId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupControlOpsBodyFieldEvent {
    field: '$.ops[].body'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GroupControlOpsSignatureFieldEvent {
    field: '$.ops[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GroupControlSenderKeyEpochFieldEvent {
    field: '$.senderKey.epoch'
    value: bigint
  }

  export interface GroupControlSenderKeyChainIdFieldEvent {
    field: '$.senderKey.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupControlSenderKeyIterationFieldEvent {
    field: '$.senderKey.iteration'
    value: number
  }

  export interface GroupControlSenderKeyChainKeyFieldEvent {
    field: '$.senderKey.chainKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupControlSenderKeySigningKeyFieldEvent {
    field: '$.senderKey.signingKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupControlJoinInviteBodyFieldEvent {
    field: '$.join.invite.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupControlJoinInviteSignatureFieldEvent {
    field: '$.join.invite.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupControlReceiptKindFieldEvent {
    field: '$.receipt.kind'
    value: number
  }

  export interface GroupControlReceiptMessageIdsFieldEvent {
    field: '$.receipt.messageIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupControlTimerExpireAfterMsFieldEvent {
    field: '$.timer.expireAfterMs'
    value: bigint
  }

  export interface GroupControlTimerSetAtFieldEvent {
    field: '$.timer.setAt'
    value: bigint
  }

  export interface GroupControlTimerSetIdFieldEvent {
    field: '$.timer.setId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupControl>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupControl.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupControl>): GroupControl {
    return decodeMessage(buf, GroupControl.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupControl>): Generator<GroupControlVersionFieldEvent | GroupControlGroupIdFieldEvent | GroupControlOpsBodyFieldEvent | GroupControlOpsSignatureFieldEvent | GroupControlSenderKeyEpochFieldEvent | GroupControlSenderKeyChainIdFieldEvent | GroupControlSenderKeyIterationFieldEvent | GroupControlSenderKeyChainKeyFieldEvent | GroupControlSenderKeySigningKeyFieldEvent | GroupControlJoinInviteBodyFieldEvent | GroupControlJoinInviteSignatureFieldEvent | GroupControlReceiptKindFieldEvent | GroupControlReceiptMessageIdsFieldEvent | GroupControlTimerExpireAfterMsFieldEvent | GroupControlTimerSetAtFieldEvent | GroupControlTimerSetIdFieldEvent> {
    return streamMessage(buf, GroupControl.codec(), opts)
  }
}

export interface GroupTimerState {
  expireAfterMs: bigint
  setAt: bigint
  setId: Uint8Array<ArrayBuffer>
}

export namespace GroupTimerState {
  let _codec: Codec<GroupTimerState>

  export const codec = (): Codec<GroupTimerState> => {
    if (_codec == null) {
      _codec = message<GroupTimerState>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.expireAfterMs != null && obj.expireAfterMs !== 0n)) {
          w.uint32(8)
          w.uint64(obj.expireAfterMs)
        }

        if ((obj.setAt != null && obj.setAt !== 0n)) {
          w.uint32(16)
          w.uint64(obj.setAt)
        }

        if ((obj.setId != null && obj.setId.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.setId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          expireAfterMs: 0n,
          setAt: 0n,
          setId: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.expireAfterMs = reader.uint64()
              break
            }
            case 2: {
              obj.setAt = reader.uint64()
              break
            }
            case 3: {
              obj.setId = reader.bytes()
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
            case 2: {
              yield {
                field: `${prefix}.setAt`,
                value: reader.uint64()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.setId`,
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

  export interface GroupTimerStateExpireAfterMsFieldEvent {
    field: '$.expireAfterMs'
    value: bigint
  }

  export interface GroupTimerStateSetAtFieldEvent {
    field: '$.setAt'
    value: bigint
  }

  export interface GroupTimerStateSetIdFieldEvent {
    field: '$.setId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupTimerState>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupTimerState.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupTimerState>): GroupTimerState {
    return decodeMessage(buf, GroupTimerState.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupTimerState>): Generator<GroupTimerStateExpireAfterMsFieldEvent | GroupTimerStateSetAtFieldEvent | GroupTimerStateSetIdFieldEvent> {
    return streamMessage(buf, GroupTimerState.codec(), opts)
  }
}

export interface GroupMessage {
  version: number
  chainId: Uint8Array<ArrayBuffer>
  iteration: number
  nonce: Uint8Array<ArrayBuffer>
  ciphertext: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
  keepUntil: bigint
}

export namespace GroupMessage {
  let _codec: Codec<GroupMessage>

  export const codec = (): Codec<GroupMessage> => {
    if (_codec == null) {
      _codec = message<GroupMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.chainId != null && obj.chainId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.chainId)
        }

        if ((obj.iteration != null && obj.iteration !== 0)) {
          w.uint32(24)
          w.uint32(obj.iteration)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.nonce)
        }

        if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.ciphertext)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.signature)
        }

        if ((obj.keepUntil != null && obj.keepUntil !== 0n)) {
          w.uint32(56)
          w.uint64(obj.keepUntil)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          chainId: uint8ArrayAlloc(0),
          iteration: 0,
          nonce: uint8ArrayAlloc(0),
          ciphertext: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0),
          keepUntil: 0n
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
              obj.chainId = reader.bytes()
              break
            }
            case 3: {
              obj.iteration = reader.uint32()
              break
            }
            case 4: {
              obj.nonce = reader.bytes()
              break
            }
            case 5: {
              obj.ciphertext = reader.bytes()
              break
            }
            case 6: {
              obj.signature = reader.bytes()
              break
            }
            case 7: {
              obj.keepUntil = reader.uint64()
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
                field: `${prefix}.chainId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.iteration`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.ciphertext`,
                value: reader.bytes()
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
            case 7: {
              yield {
                field: `${prefix}.keepUntil`,
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

  export interface GroupMessageVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface GroupMessageChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupMessageIterationFieldEvent {
    field: '$.iteration'
    value: number
  }

  export interface GroupMessageNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupMessageCiphertextFieldEvent {
    field: '$.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupMessageSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupMessageKeepUntilFieldEvent {
    field: '$.keepUntil'
    value: bigint
  }

  export function encode (obj: Partial<GroupMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupMessage>): GroupMessage {
    return decodeMessage(buf, GroupMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupMessage>): Generator<GroupMessageVersionFieldEvent | GroupMessageChainIdFieldEvent | GroupMessageIterationFieldEvent | GroupMessageNonceFieldEvent | GroupMessageCiphertextFieldEvent | GroupMessageSignatureFieldEvent | GroupMessageKeepUntilFieldEvent> {
    return streamMessage(buf, GroupMessage.codec(), opts)
  }
}

export interface GroupPayload {
  version: number
  messageId: Uint8Array<ArrayBuffer>
  sentAt: bigint
  seq: bigint
  text: string
  fileManifest: Uint8Array<ArrayBuffer>
  expireAfterMs: bigint
  viewOnce: boolean
  timer?: GroupTimerUpdate
}

export namespace GroupPayload {
  let _codec: Codec<GroupPayload>

  export const codec = (): Codec<GroupPayload> => {
    if (_codec == null) {
      _codec = message<GroupPayload>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.messageId != null && obj.messageId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.messageId)
        }

        if ((obj.sentAt != null && obj.sentAt !== 0n)) {
          w.uint32(24)
          w.uint64(obj.sentAt)
        }

        if ((obj.seq != null && obj.seq !== 0n)) {
          w.uint32(32)
          w.uint64(obj.seq)
        }

        if ((obj.text != null && obj.text !== '')) {
          w.uint32(42)
          w.string(obj.text)
        }

        if ((obj.fileManifest != null && obj.fileManifest.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.fileManifest)
        }

        if ((obj.expireAfterMs != null && obj.expireAfterMs !== 0n)) {
          w.uint32(56)
          w.uint64(obj.expireAfterMs)
        }

        if ((obj.viewOnce != null && obj.viewOnce !== false)) {
          w.uint32(64)
          w.bool(obj.viewOnce)
        }

        if (obj.timer != null) {
          w.uint32(74)
          GroupTimerUpdate.codec().encode(obj.timer, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          messageId: uint8ArrayAlloc(0),
          sentAt: 0n,
          seq: 0n,
          text: '',
          fileManifest: uint8ArrayAlloc(0),
          expireAfterMs: 0n,
          viewOnce: false
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
              obj.sentAt = reader.uint64()
              break
            }
            case 4: {
              obj.seq = reader.uint64()
              break
            }
            case 5: {
              obj.text = reader.string()
              break
            }
            case 6: {
              obj.fileManifest = reader.bytes()
              break
            }
            case 7: {
              obj.expireAfterMs = reader.uint64()
              break
            }
            case 8: {
              obj.viewOnce = reader.bool()
              break
            }
            case 9: {
              obj.timer = GroupTimerUpdate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.timer
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
                field: `${prefix}.messageId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.sentAt`,
                value: reader.uint64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.text`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.fileManifest`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.expireAfterMs`,
                value: reader.uint64()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.viewOnce`,
                value: reader.bool()
              }
              break
            }
            case 9: {
              yield * GroupTimerUpdate.codec().stream(reader, reader.uint32(), `${prefix}.timer`, {
                limits: opts.limits?.timer
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

  export interface GroupPayloadVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface GroupPayloadMessageIdFieldEvent {
    field: '$.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupPayloadSentAtFieldEvent {
    field: '$.sentAt'
    value: bigint
  }

  export interface GroupPayloadSeqFieldEvent {
    field: '$.seq'
    value: bigint
  }

  export interface GroupPayloadTextFieldEvent {
    field: '$.text'
    value: string
  }

  export interface GroupPayloadFileManifestFieldEvent {
    field: '$.fileManifest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupPayloadExpireAfterMsFieldEvent {
    field: '$.expireAfterMs'
    value: bigint
  }

  export interface GroupPayloadViewOnceFieldEvent {
    field: '$.viewOnce'
    value: boolean
  }

  export interface GroupPayloadTimerExpireAfterMsFieldEvent {
    field: '$.timer.expireAfterMs'
    value: bigint
  }

  export function encode (obj: Partial<GroupPayload>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupPayload.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupPayload>): GroupPayload {
    return decodeMessage(buf, GroupPayload.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupPayload>): Generator<GroupPayloadVersionFieldEvent | GroupPayloadMessageIdFieldEvent | GroupPayloadSentAtFieldEvent | GroupPayloadSeqFieldEvent | GroupPayloadTextFieldEvent | GroupPayloadFileManifestFieldEvent | GroupPayloadExpireAfterMsFieldEvent | GroupPayloadViewOnceFieldEvent | GroupPayloadTimerExpireAfterMsFieldEvent> {
    return streamMessage(buf, GroupPayload.codec(), opts)
  }
}

export interface GroupTimerUpdate {
  expireAfterMs: bigint
}

export namespace GroupTimerUpdate {
  let _codec: Codec<GroupTimerUpdate>

  export const codec = (): Codec<GroupTimerUpdate> => {
    if (_codec == null) {
      _codec = message<GroupTimerUpdate>((obj, w, opts = {}) => {
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

  export interface GroupTimerUpdateExpireAfterMsFieldEvent {
    field: '$.expireAfterMs'
    value: bigint
  }

  export function encode (obj: Partial<GroupTimerUpdate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupTimerUpdate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupTimerUpdate>): GroupTimerUpdate {
    return decodeMessage(buf, GroupTimerUpdate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupTimerUpdate>): Generator<GroupTimerUpdateExpireAfterMsFieldEvent> {
    return streamMessage(buf, GroupTimerUpdate.codec(), opts)
  }
}

export interface GroupFetchRequest {
  version: number
  topic: string
}

export namespace GroupFetchRequest {
  let _codec: Codec<GroupFetchRequest>

  export const codec = (): Codec<GroupFetchRequest> => {
    if (_codec == null) {
      _codec = message<GroupFetchRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.topic != null && obj.topic !== '')) {
          w.uint32(18)
          w.string(obj.topic)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          topic: ''
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
              obj.topic = reader.string()
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
                field: `${prefix}.topic`,
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

  export interface GroupFetchRequestVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface GroupFetchRequestTopicFieldEvent {
    field: '$.topic'
    value: string
  }

  export function encode (obj: Partial<GroupFetchRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupFetchRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupFetchRequest>): GroupFetchRequest {
    return decodeMessage(buf, GroupFetchRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupFetchRequest>): Generator<GroupFetchRequestVersionFieldEvent | GroupFetchRequestTopicFieldEvent> {
    return streamMessage(buf, GroupFetchRequest.codec(), opts)
  }
}

export interface GroupFetchResponse {
  version: number
  messages: Uint8Array<ArrayBuffer>[]
}

export namespace GroupFetchResponse {
  let _codec: Codec<GroupFetchResponse>

  export const codec = (): Codec<GroupFetchResponse> => {
    if (_codec == null) {
      _codec = message<GroupFetchResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.messages != null && obj.messages.length > 0) {
          for (const value of obj.messages) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          messages: []
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
              if (opts.limits?.messages != null && obj.messages.length === opts.limits.messages) {
                throw new MaxLengthError('Decode error - repeated field "messages" had too many elements')
              }

              obj.messages.push(reader.bytes())
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
          messages: 0
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
              if (opts.limits?.messages != null && obj.messages === opts.limits.messages) {
                throw new MaxLengthError('Streaming decode error - repeated field "messages" had too many elements')
              }

              yield {
                field: `${prefix}.messages[]`,
                index: obj.messages,
                value: reader.bytes()
              }

              obj.messages++

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

  export interface GroupFetchResponseVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface GroupFetchResponseMessagesFieldEvent {
    field: '$.messages[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupFetchResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupFetchResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupFetchResponse>): GroupFetchResponse {
    return decodeMessage(buf, GroupFetchResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupFetchResponse>): Generator<GroupFetchResponseVersionFieldEvent | GroupFetchResponseMessagesFieldEvent> {
    return streamMessage(buf, GroupFetchResponse.codec(), opts)
  }
}
