import { XchatError } from '../errors.js'
import { isValidPublicKey } from '../crypto/index.js'
import { PrekeyBundlePb, decodeBounded, checkVersion, limits } from '../wire/index.js'
import { verifySignedPrekey, type SignedPrekey, type OneTimePrekey } from './prekeys.js'
import { PREKEY_BUNDLE_VERSION } from './constants.js'
import { MAX_ONE_TIME_PREKEYS_PER_BUNDLE } from './limits.js'

/** What a device publishes so that others can start sessions with it (e.g. in its directory entry). */
export interface PrekeyBundle {
  readonly signedPrekey: SignedPrekey
  readonly oneTimePrekeys: readonly OneTimePrekey[]
}

/**
 * Protobuf bytes of a bundle.
 * @throws XchatError TOO_LARGE with more than MAX_ONE_TIME_PREKEYS_PER_BUNDLE one-time prekeys
 */
export function encodePrekeyBundle(bundle: PrekeyBundle): Uint8Array {
  if (bundle.oneTimePrekeys.length > MAX_ONE_TIME_PREKEYS_PER_BUNDLE) {
    throw new XchatError(
      'TOO_LARGE',
      `a bundle holds at most ${MAX_ONE_TIME_PREKEYS_PER_BUNDLE} one-time prekeys, got ${bundle.oneTimePrekeys.length}`,
    )
  }
  const spk = bundle.signedPrekey
  return PrekeyBundlePb.encode({
    version: PREKEY_BUNDLE_VERSION,
    signedPrekey: {
      id: spk.id,
      publicKey: Uint8Array.from(spk.publicKey),
      createdAt: BigInt(spk.createdAt),
      signature: Uint8Array.from(spk.signature),
    },
    oneTimePrekeys: bundle.oneTimePrekeys.map((k) => ({ id: k.id, publicKey: Uint8Array.from(k.publicKey) })),
  })
}

/**
 * Parse a peer device's bundle and verify its signed prekey against the device's identity key.
 * @param identityKey - the device key from its verified device certificate
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_* | INVALID_KEY | BAD_SIGNATURE
 */
export function decodePrekeyBundle(bytes: Uint8Array, identityKey: Uint8Array): PrekeyBundle {
  const pb = decodeBounded('prekey bundle', bytes, limits.MAX_PREKEY_BUNDLE_BYTES, (b) =>
    PrekeyBundlePb.decode(b, { limits: { oneTimePrekeys: MAX_ONE_TIME_PREKEYS_PER_BUNDLE } }),
  )
  checkVersion('prekey bundle', pb.version, { min: PREKEY_BUNDLE_VERSION, max: PREKEY_BUNDLE_VERSION })
  if (pb.signedPrekey === undefined) throw new XchatError('MALFORMED', 'prekey bundle has no signed prekey')
  if (pb.signedPrekey.createdAt > BigInt(Number.MAX_SAFE_INTEGER)) throw new XchatError('MALFORMED', 'signed prekey time is out of range')
  const signedPrekey: SignedPrekey = { ...pb.signedPrekey, createdAt: Number(pb.signedPrekey.createdAt) }
  verifySignedPrekey(signedPrekey, identityKey)
  const ids = new Set<number>()
  for (const k of pb.oneTimePrekeys) {
    if (!isValidPublicKey(k.publicKey)) throw new XchatError('INVALID_KEY', `one-time prekey ${k.id} is not a compressed secp256k1 point`)
    if (ids.has(k.id)) throw new XchatError('MALFORMED', `prekey bundle lists one-time prekey ${k.id} twice`)
    ids.add(k.id)
  }
  return { signedPrekey, oneTimePrekeys: pb.oneTimePrekeys }
}
