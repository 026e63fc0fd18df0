import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'
import { sign, verify, isValidPublicKey, publicKeyOf } from '../crypto/index.js'
import { DeviceCertificatePb, decodeBounded, checkVersion, limits } from '../wire/index.js'
import { assertDeviceIndex } from './hd-keys.js'

/** Current certificate format version. */
export const CERTIFICATE_VERSION = 1
/** Domain label of the certificate signature; see docs/identity.md. */
export const CERTIFICATE_DOMAIN = 'xchat/device-cert/v1'

/** The account key's statement that a device key belongs to it. */
export interface DeviceCertificate {
  readonly version: number
  readonly accountPublicKey: Uint8Array
  readonly devicePublicKey: Uint8Array
  readonly deviceIndex: number
  /** ms since the Unix epoch */
  readonly createdAt: number
  readonly signature: Uint8Array
}

/** The exact signed bytes: account key ‖ device key ‖ u32 index ‖ u64 createdAt (big-endian). */
function signedBytes(c: Omit<DeviceCertificate, 'signature' | 'version'>): Uint8Array {
  const tail = new Uint8Array(12)
  const view = new DataView(tail.buffer)
  view.setUint32(0, c.deviceIndex)
  view.setBigUint64(4, BigInt(c.createdAt))
  return concatBytes(utf8ToBytes(`v${CERTIFICATE_VERSION}`), c.accountPublicKey, c.devicePublicKey, tail)
}

/**
 * Issue a certificate for a device key, signed by the account key.
 * @param createdAt - ms since epoch (from the caller's clock)
 */
export function issueDeviceCertificate(
  accountPrivateKey: Uint8Array,
  devicePublicKey: Uint8Array,
  deviceIndex: number,
  createdAt: number,
): DeviceCertificate {
  assertDeviceIndex(deviceIndex)
  if (!Number.isSafeInteger(createdAt) || createdAt < 0) {
    throw new RangeError(`"createdAt" expected a non-negative integer of ms, got ${String(createdAt)}`)
  }
  const accountPublicKey = publicKeyOf(accountPrivateKey)
  const body = { accountPublicKey, devicePublicKey, deviceIndex, createdAt }
  return { version: CERTIFICATE_VERSION, ...body, signature: sign(CERTIFICATE_DOMAIN, signedBytes(body), accountPrivateKey) }
}

/**
 * Check a certificate: version, key validity, signature and (optionally) the account it must belong to.
 * @throws XchatError VERSION_TOO_OLD | VERSION_TOO_NEW | INVALID_KEY | BAD_CERTIFICATE
 */
export function verifyDeviceCertificate(cert: DeviceCertificate, expectedAccount?: Uint8Array): void {
  checkVersion('device certificate', cert.version, { min: CERTIFICATE_VERSION, max: CERTIFICATE_VERSION })
  if (!isValidPublicKey(cert.accountPublicKey) || !isValidPublicKey(cert.devicePublicKey)) {
    throw new XchatError('INVALID_KEY', 'device certificate holds an invalid public key')
  }
  if (expectedAccount !== undefined && !equalBytes(expectedAccount, cert.accountPublicKey)) {
    throw new XchatError('BAD_CERTIFICATE', 'device certificate belongs to another account')
  }
  if (!verify(CERTIFICATE_DOMAIN, signedBytes(cert), cert.signature, cert.accountPublicKey)) {
    throw new XchatError('BAD_CERTIFICATE', 'device certificate signature does not verify')
  }
}

/** Protobuf bytes of a certificate. */
export function encodeDeviceCertificate(cert: DeviceCertificate): Uint8Array {
  return DeviceCertificatePb.encode({
    version: cert.version,
    accountPublicKey: Uint8Array.from(cert.accountPublicKey),
    devicePublicKey: Uint8Array.from(cert.devicePublicKey),
    deviceIndex: cert.deviceIndex,
    createdAt: BigInt(cert.createdAt),
    signature: Uint8Array.from(cert.signature),
  })
}

/**
 * Parse and verify certificate bytes from the network or disk.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_* | INVALID_KEY | BAD_CERTIFICATE
 */
export function decodeDeviceCertificate(bytes: Uint8Array, expectedAccount?: Uint8Array): DeviceCertificate {
  const pb = decodeBounded('device certificate', bytes, limits.MAX_DEVICE_CERTIFICATE_BYTES, (b) => DeviceCertificatePb.decode(b))
  if (pb.createdAt > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new XchatError('MALFORMED', 'device certificate creation time is out of range')
  }
  const cert: DeviceCertificate = { ...pb, createdAt: Number(pb.createdAt) }
  verifyDeviceCertificate(cert, expectedAccount)
  return cert
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
