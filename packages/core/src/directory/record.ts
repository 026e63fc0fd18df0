import { multiaddr } from '@multiformats/multiaddr'
import { XchatError } from '../errors.js'
import { sign, verify, isValidPublicKey, publicKeyOf } from '../crypto/index.js'
import { verifyDeviceCertificate, encodeDeviceCertificate, decodeDeviceCertificate, type DeviceCertificate } from '../identity/index.js'
import { DirectoryRecordPb, SignedDirectoryRecordPb, decodeBounded, checkVersion, limits } from '../wire/index.js'
import { DIRECTORY_RECORD_DOMAIN, DIRECTORY_RECORD_VERSION, MAX_RECORD_TTL_MS } from './constants.js'

/** One device as the account owner lists it. */
export interface DirectoryDeviceInput {
  readonly certificate: DeviceCertificate
  /** Multiaddrs in text form, e.g. `/ip4/…/tcp/4001/p2p/<relay>/p2p-circuit/p2p/<device>`. */
  readonly addrs: readonly string[]
  /** Reserved for the messaging prekey bundle; empty by default. */
  readonly prekeys?: Uint8Array
  /** The user's name for the device (≤ 64 UTF-8 bytes); none by default. */
  readonly name?: string
  /** ms since the Unix epoch the device last published; 0/absent unknown. */
  readonly lastSeen?: number
}

/** One verified device of a parsed record. */
export interface DirectoryDevice {
  readonly certificate: DeviceCertificate
  readonly addrs: readonly string[]
  readonly prekeys: Uint8Array
  /** Empty when the device has no name. */
  readonly name: string
  /** 0 when unknown. */
  readonly lastSeen: number
}

/** A directory record whose signature, certificates, limits and expiry were checked. */
export interface DirectoryRecord {
  readonly version: number
  readonly accountPublicKey: Uint8Array
  readonly seq: bigint
  /** ms since the Unix epoch */
  readonly expiresAt: number
  readonly devices: readonly DirectoryDevice[]
  /** Device keys (33 bytes) the account revoked; none of them is in `devices`. */
  readonly revoked: readonly Uint8Array[]
}

/** Why a record was refused, in `details.reason` of a RECORD_INVALID error. */
export type RecordInvalidReason =
  'key' | 'account' | 'signature' | 'certificate' | 'duplicate-device' | 'address' | 'expiry' | 'seq' | 'revoked' | 'name'

/** What {@link buildDirectoryRecord} needs. */
export interface BuildDirectoryRecordInit {
  readonly accountPrivateKey: Uint8Array
  readonly devices: readonly DirectoryDeviceInput[]
  /** Must grow with every publish; 1..2^64-1. */
  readonly seq: bigint | number
  /** ms since the Unix epoch */
  readonly expiresAt: number
  /** Device keys (33 bytes) the account revoked; a device listed here may not be in `devices`. */
  readonly revoked?: readonly Uint8Array[]
}

/** Options of {@link parseDirectoryRecord}. */
export interface ParseDirectoryRecordOptions {
  /** The current time in ms since the Unix epoch. */
  readonly now: number
  /** The account whose record this must be (e.g. the one named by the DHT key). */
  readonly expectedAccount?: Uint8Array
}

const MAX_UINT64 = 2n ** 64n - 1n

/**
 * Build and sign an account's directory record.
 * @returns the bytes to store under the account's DHT key
 * @throws RangeError for a bad `seq`/`expiresAt`; TypeError for an unparseable address;
 *   XchatError TOO_LARGE (limits) | BAD_CERTIFICATE (a device of another account) | INVALID_KEY | VERSION_*
 * @example
 * const bytes = buildDirectoryRecord({ accountPrivateKey, devices: [{ certificate, addrs }], seq: Date.now(), expiresAt: Date.now() + ttl })
 */
export function buildDirectoryRecord(init: BuildDirectoryRecordInit): Uint8Array {
  const seq = BigInt(init.seq)
  if (seq < 1n || seq > MAX_UINT64) throw new RangeError(`"seq" expected integer in range 1..2**64-1, got ${seq}`)
  if (!Number.isSafeInteger(init.expiresAt) || init.expiresAt <= 0) {
    throw new RangeError(`"expiresAt" expected a positive integer of ms, got ${String(init.expiresAt)}`)
  }
  if (init.devices.length > limits.MAX_DEVICES_PER_RECORD) {
    throw new XchatError('TOO_LARGE', `a record lists at most ${limits.MAX_DEVICES_PER_RECORD} devices, got ${init.devices.length}`)
  }
  const accountPublicKey = Uint8Array.from(publicKeyOf(init.accountPrivateKey))
  const revoked = (init.revoked ?? []).slice(-limits.MAX_REVOKED_DEVICES).map((k) => Uint8Array.from(k))
  const revokedSet = new Set(revoked.map((k) => k.join(',')))
  const devices = init.devices.map((device) => {
    if (revokedSet.has(device.certificate.devicePublicKey.join(','))) {
      throw new XchatError('RECORD_INVALID', 'a revoked device cannot be listed', { details: { reason: 'revoked' } })
    }
    const name = device.name ?? ''
    if (utf8Length(name) > limits.MAX_DEVICE_NAME_BYTES) {
      throw new RangeError(`"name" expected at most ${limits.MAX_DEVICE_NAME_BYTES} UTF-8 bytes, got ${utf8Length(name)}`)
    }
    verifyDeviceCertificate(device.certificate, accountPublicKey)
    if (device.addrs.length > limits.MAX_ADDRS_PER_DEVICE) {
      throw new XchatError('TOO_LARGE', `a device lists at most ${limits.MAX_ADDRS_PER_DEVICE} addresses, got ${device.addrs.length}`)
    }
    return {
      certificate: Uint8Array.from(encodeDeviceCertificate(device.certificate)),
      addrs: device.addrs.map(addrBytes),
      prekeys: Uint8Array.from(device.prekeys ?? []),
      name,
      lastSeen: BigInt(Math.max(0, Math.floor(device.lastSeen ?? 0))),
    }
  })
  const record = DirectoryRecordPb.encode({
    version: DIRECTORY_RECORD_VERSION,
    accountPublicKey,
    seq,
    expiresAt: BigInt(init.expiresAt),
    devices,
    revoked,
  })
  const signature = sign(DIRECTORY_RECORD_DOMAIN, record, init.accountPrivateKey)
  const bytes = SignedDirectoryRecordPb.encode({ record, signature: Uint8Array.from(signature) })
  if (bytes.length > limits.MAX_DIRECTORY_RECORD_BYTES) {
    throw new XchatError('TOO_LARGE', `the record is ${bytes.length} bytes, the limit is ${limits.MAX_DIRECTORY_RECORD_BYTES}`)
  }
  return bytes
}

/**
 * Parse and check directory record bytes from the DHT: size, protobuf, version,
 * the account key's signature, every device certificate (same account, no
 * duplicates), address limits and expiry.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_TOO_OLD | VERSION_TOO_NEW |
 *   RECORD_INVALID (`details.reason`: {@link RecordInvalidReason}) | RECORD_EXPIRED
 */
export function parseDirectoryRecord(bytes: Uint8Array, options: ParseDirectoryRecordOptions): DirectoryRecord {
  const signed = decodeBounded('directory record', bytes, limits.MAX_DIRECTORY_RECORD_BYTES, (b) => SignedDirectoryRecordPb.decode(b))
  const pb = decodeBounded('directory record body', signed.record, limits.MAX_DIRECTORY_RECORD_BYTES, (b) =>
    DirectoryRecordPb.decode(b, {
      limits: {
        devices: limits.MAX_DEVICES_PER_RECORD,
        devices$: { addrs: limits.MAX_ADDRS_PER_DEVICE },
        revoked: limits.MAX_REVOKED_DEVICES,
      },
    }),
  )
  checkVersion('directory record', pb.version, { min: DIRECTORY_RECORD_VERSION, max: DIRECTORY_RECORD_VERSION })
  if (!isValidPublicKey(pb.accountPublicKey)) invalid('key', 'the record does not hold a valid account public key')
  if (options.expectedAccount !== undefined && !equalBytes(options.expectedAccount, pb.accountPublicKey)) {
    invalid('account', 'the record belongs to another account')
  }
  // the signature covers the exact record bytes, so no re-encoding is trusted
  if (!verify(DIRECTORY_RECORD_DOMAIN, signed.record, signed.signature, pb.accountPublicKey)) {
    invalid('signature', 'the record signature does not verify with its account key')
  }
  if (pb.seq < 1n) invalid('seq', 'the record sequence number is 0')
  if (pb.expiresAt <= BigInt(options.now)) {
    throw new XchatError('RECORD_EXPIRED', 'the record has expired', { details: { expiresAt: pb.expiresAt.toString() } })
  }
  if (pb.expiresAt > BigInt(options.now + MAX_RECORD_TTL_MS)) invalid('expiry', 'the record expires too far in the future')
  const seen = new Set<string>()
  if (!pb.revoked.every((k) => isValidPublicKey(k))) invalid('revoked', 'a revoked device key is not a public key')
  const revoked = new Set(pb.revoked.map((k) => k.join(',')))
  const devices = pb.devices.map((entry): DirectoryDevice => {
    let certificate: DeviceCertificate
    try {
      certificate = decodeDeviceCertificate(entry.certificate, pb.accountPublicKey)
    } catch (cause) {
      invalid('certificate', 'a device certificate in the record is invalid', cause)
    }
    const id = certificate.devicePublicKey.join(',')
    if (seen.has(id)) invalid('duplicate-device', 'the record lists a device twice')
    if (revoked.has(id)) invalid('revoked', 'the record lists a device it also revokes')
    if (utf8Length(entry.name) > limits.MAX_DEVICE_NAME_BYTES) invalid('name', 'a device name is too long')
    seen.add(id)
    const lastSeen = entry.lastSeen > BigInt(Number.MAX_SAFE_INTEGER) ? 0 : Number(entry.lastSeen)
    return { certificate, addrs: entry.addrs.map(addrText), prekeys: entry.prekeys, name: entry.name, lastSeen }
  })
  return {
    version: pb.version,
    accountPublicKey: pb.accountPublicKey,
    seq: pb.seq,
    expiresAt: Number(pb.expiresAt),
    devices,
    revoked: pb.revoked,
  }
}

function invalid(reason: RecordInvalidReason, message: string, cause?: unknown): never {
  throw new XchatError('RECORD_INVALID', message, { cause, details: { reason } })
}

function addrBytes(text: string): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array
  try {
    bytes = multiaddr(text).bytes
  } catch (cause) {
    throw new TypeError(`"addrs" expected multiaddrs, got "${text.slice(0, 64)}"`, { cause })
  }
  if (bytes.length > limits.MAX_MULTIADDR_BYTES) {
    throw new XchatError('TOO_LARGE', `an address is ${bytes.length} bytes, the limit is ${limits.MAX_MULTIADDR_BYTES}`)
  }
  return Uint8Array.from(bytes)
}

function addrText(bytes: Uint8Array): string {
  if (bytes.length > limits.MAX_MULTIADDR_BYTES) invalid('address', 'a device address is too long')
  try {
    return multiaddr(bytes).toString()
  } catch (cause) {
    invalid('address', 'a device address is not a multiaddr', cause)
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length
}
