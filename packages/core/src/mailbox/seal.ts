import { equalBytes } from '@noble/ciphers/utils.js'
import { concatBytes } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'
import {
  ecdh,
  generateKeyPair,
  hkdfSha256,
  isValidPrivateKey,
  isValidPublicKey,
  open,
  publicKeyOf,
  seal,
  assertPublicKey,
  KEY_LENGTH,
  NONCE_LENGTH,
} from '../crypto/index.js'
import { SealedEnvelopePb, decodeBounded, checkVersion, limits } from '../wire/index.js'
import { SEAL_INFO, SEAL_VERSION } from './constants.js'

/** Versions of sealed envelopes this build opens. */
const SUPPORTED = { min: SEAL_VERSION, max: SEAL_VERSION }

/**
 * Seal bytes to one device, so a relay holding them learns nothing but their
 * size. ECIES on secp256k1 with a fresh ephemeral key per envelope:
 * `key = HKDF-SHA256(ikm = ECDH(ephemeral, recipient).x, salt = EPK ‖ RPK,
 * info = "xchat/mailbox-seal/v1", L = 32)`, then XChaCha20-Poly1305 with a
 * random nonce and `u32be(version)` as associated data. The envelope names no
 * sender: who sent it is for the inner bytes to say.
 * @param recipientDevicePublicKey - 33-byte compressed key of the device the mail is for
 * @param inner - at most MAX_SEALED_PLAINTEXT_BYTES (wire/limits.ts)
 * @returns an encoded SealedEnvelope
 * @throws XchatError INVALID_KEY (recipient key not a curve point) | TOO_LARGE
 * @example const sealed = sealEnvelope(bobDevice.publicKey, messageBytes)
 */
export function sealEnvelope(recipientDevicePublicKey: Uint8Array, inner: Uint8Array): Uint8Array {
  assertPublicKey(recipientDevicePublicKey, 'recipient device key')
  if (inner.length > limits.MAX_SEALED_PLAINTEXT_BYTES) {
    throw new XchatError('TOO_LARGE', `mail is ${inner.length} bytes, the limit is ${limits.MAX_SEALED_PLAINTEXT_BYTES}`)
  }
  const ephemeral = generateKeyPair()
  const key = envelopeKey(
    ecdh(ephemeral.privateKey, recipientDevicePublicKey, 'recipient device key'),
    ephemeral.publicKey,
    recipientDevicePublicKey,
  )
  ephemeral.privateKey.fill(0)
  const box = seal(key, inner, versionAad(SEAL_VERSION))
  key.fill(0)
  return SealedEnvelopePb.encode({
    version: SEAL_VERSION,
    ephemeralKey: Uint8Array.from(ephemeral.publicKey),
    nonce: Uint8Array.from(box.nonce),
    ciphertext: Uint8Array.from(box.ciphertext),
  })
}

/**
 * Open an envelope sealed to this device.
 * @param devicePrivateKey - the recipient device's 32-byte private key
 * @param sealed - an encoded SealedEnvelope as fetched from a relay
 * @returns the inner bytes
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_TOO_OLD | VERSION_TOO_NEW |
 *   INVALID_KEY (ephemeral key not a curve point, or a bad private key) |
 *   DECRYPT_FAILED (sealed to another key, or the bytes were changed)
 * @example const inner = openEnvelope(keys.device.privateKey(), mail.envelope)
 */
export function openEnvelope(devicePrivateKey: Uint8Array, sealed: Uint8Array): Uint8Array {
  if (!isValidPrivateKey(devicePrivateKey)) throw new XchatError('INVALID_KEY', 'device private key is out of range')
  const pb = decodeBounded('sealed envelope', sealed, limits.MAX_ENVELOPE_BYTES, (b) => SealedEnvelopePb.decode(b))
  checkVersion('sealed envelope', pb.version, SUPPORTED)
  // one envelope has one encoding: nothing around the ciphertext can vary unnoticed
  if (!equalBytes(sealed, SealedEnvelopePb.encode(pb))) throw new XchatError('MALFORMED', 'sealed envelope is not canonically encoded')
  if (!isValidPublicKey(pb.ephemeralKey)) {
    throw new XchatError('INVALID_KEY', 'sealed envelope ephemeral key is not a compressed secp256k1 point')
  }
  if (pb.nonce.length !== NONCE_LENGTH) throw new XchatError('MALFORMED', `sealed envelope nonce must be ${NONCE_LENGTH} bytes`)
  const key = envelopeKey(ecdh(devicePrivateKey, pb.ephemeralKey, 'ephemeral key'), pb.ephemeralKey, publicKeyOf(devicePrivateKey))
  const inner = open(key, { nonce: pb.nonce, ciphertext: pb.ciphertext }, versionAad(pb.version))
  key.fill(0)
  if (inner === undefined)
    throw new XchatError('DECRYPT_FAILED', 'sealed envelope does not open with this device key (another recipient, or changed bytes)')
  return inner
}

/** The envelope's AEAD key; the salt binds both public keys, so a key is good for one pair only. */
function envelopeKey(shared: Uint8Array, ephemeralPublicKey: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  const key = hkdfSha256(shared, concatBytes(ephemeralPublicKey, recipientPublicKey), SEAL_INFO, KEY_LENGTH)
  shared.fill(0)
  return key
}

function versionAad(version: number): Uint8Array {
  const aad = new Uint8Array(4)
  new DataView(aad.buffer).setUint32(0, version)
  return aad
}
