import { equalBytes } from '@noble/ciphers/utils.js'
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'
import { decodeDeviceCertificate, encodeDeviceCertificate, type DeviceCertificate } from '../identity/index.js'
import type { SessionCiphertext } from '../session/index.js'
import { EnvelopePb, DeliveryAckPb, decodeBounded, checkVersion, limits } from '../wire/index.js'
import { ENVELOPE_VERSION, ENVELOPE_AD_LABEL, SESSION_TYPE, ACK_STATUS, MAX_ACK_REASON_LENGTH } from './constants.js'

const SUPPORTED = { min: ENVELOPE_VERSION, max: ENVELOPE_VERSION }

/** A parsed envelope whose sender certificate verified. */
export interface Envelope {
  readonly senderAccountKey: Uint8Array
  readonly senderDeviceKey: Uint8Array
  readonly senderCertificate: DeviceCertificate
  readonly recipientDeviceKey: Uint8Array
  readonly message: SessionCiphertext
}

/** Envelope bytes. */
export function encodeEnvelope(e: Envelope): Uint8Array {
  return EnvelopePb.encode({
    version: ENVELOPE_VERSION,
    senderAccountKey: Uint8Array.from(e.senderAccountKey),
    senderDeviceKey: Uint8Array.from(e.senderDeviceKey),
    senderCertificate: Uint8Array.from(encodeDeviceCertificate(e.senderCertificate)),
    recipientDeviceKey: Uint8Array.from(e.recipientDeviceKey),
    sessionType: SESSION_TYPE[e.message.type],
    ciphertext: Uint8Array.from(e.message.bytes),
  })
}

/**
 * Certificates whose signature already verified, by their exact bytes: every
 * envelope from a device carries the same certificate, and an ECDSA verify
 * costs more than the rest of a message. Bounded, least recently used out.
 */
export class VerifiedCertificates {
  readonly #max: number
  readonly #known = new Map<string, DeviceCertificate>()

  constructor(max = 1024) {
    this.#max = max
  }

  /** Parse and verify (or recall) a certificate that must belong to `account`. */
  verify(bytes: Uint8Array, account: Uint8Array): DeviceCertificate {
    const key = bytesToHex(bytes)
    const known = this.#known.get(key)
    if (known !== undefined && equalBytes(known.accountPublicKey, account)) {
      this.#known.delete(key)
      this.#known.set(key, known)
      return known
    }
    const cert = decodeDeviceCertificate(bytes, account)
    this.#known.set(key, cert)
    if (this.#known.size > this.#max) this.#known.delete(this.#known.keys().next().value as string)
    return cert
  }
}

/**
 * Parse envelope bytes from the network or a mailbox: size, version (first),
 * that it is addressed to `ourDeviceKey`, the sender certificate (valid keys,
 * issued by the sender account to the sender device).
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_* | INVALID_KEY | BAD_CERTIFICATE
 */
export function parseEnvelope(bytes: Uint8Array, ourDeviceKey: Uint8Array, certificates = new VerifiedCertificates(1)): Envelope {
  const pb = decodeBounded('envelope', bytes, limits.MAX_MESSAGING_ENVELOPE_BYTES, (b) => EnvelopePb.decode(b))
  checkVersion('envelope', pb.version, SUPPORTED)
  if (!equalBytes(pb.recipientDeviceKey, ourDeviceKey)) throw new XchatError('MALFORMED', 'envelope is addressed to another device')
  // the certificate check also checks both sender keys are curve points
  const senderCertificate = certificates.verify(pb.senderCertificate, pb.senderAccountKey)
  if (!equalBytes(senderCertificate.devicePublicKey, pb.senderDeviceKey)) {
    throw new XchatError('BAD_CERTIFICATE', 'envelope certificate names another device than its sender')
  }
  const type = pb.sessionType === SESSION_TYPE.prekey ? 'prekey' : pb.sessionType === SESSION_TYPE.ratchet ? 'ratchet' : undefined
  if (type === undefined) throw new XchatError('MALFORMED', `envelope session type ${pb.sessionType} is unknown`)
  return {
    senderAccountKey: pb.senderAccountKey,
    senderDeviceKey: pb.senderDeviceKey,
    senderCertificate,
    recipientDeviceKey: pb.recipientDeviceKey,
    message: { type, bytes: pb.ciphertext },
  }
}

/**
 * The envelope fields the session AEAD authenticates (its `ad`): label ‖ 0x00 ‖
 * u32be(version) ‖ sender account key ‖ sender device key ‖ recipient device key.
 * A relay or a forwarder cannot move a ciphertext under another sender account.
 */
export function envelopeAd(senderAccountKey: Uint8Array, senderDeviceKey: Uint8Array, recipientDeviceKey: Uint8Array): Uint8Array {
  const version = new Uint8Array(4)
  new DataView(version.buffer).setUint32(0, ENVELOPE_VERSION)
  return concatBytes(utf8ToBytes(ENVELOPE_AD_LABEL), new Uint8Array(1), version, senderAccountKey, senderDeviceKey, recipientDeviceKey)
}

/** The receiver's answer to one envelope. */
export type DeliveryAnswer =
  { readonly status: 'stored' } | { readonly status: 'duplicate' } | { readonly status: 'rejected'; readonly reason: string }

/** DeliveryAck bytes. */
export function encodeDeliveryAck(answer: DeliveryAnswer): Uint8Array {
  return DeliveryAckPb.encode({
    version: ENVELOPE_VERSION,
    status: ACK_STATUS[answer.status],
    reason: answer.status === 'rejected' ? answer.reason.slice(0, MAX_ACK_REASON_LENGTH) : '',
  })
}

/**
 * Parse a DeliveryAck from the receiver.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_*
 */
export function parseDeliveryAck(bytes: Uint8Array): DeliveryAnswer {
  const pb = decodeBounded('delivery ack', bytes, limits.MAX_DELIVERY_ACK_BYTES, (b) => DeliveryAckPb.decode(b))
  checkVersion('delivery ack', pb.version, SUPPORTED)
  switch (pb.status) {
    case ACK_STATUS.stored:
      return { status: 'stored' }
    case ACK_STATUS.duplicate:
      return { status: 'duplicate' }
    case ACK_STATUS.rejected:
      return { status: 'rejected', reason: pb.reason.slice(0, MAX_ACK_REASON_LENGTH) }
    default:
      throw new XchatError('MALFORMED', `delivery ack status ${pb.status} is unknown`)
  }
}
