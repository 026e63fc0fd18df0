import { privateKeyFromRaw, publicKeyFromRaw } from '@libp2p/crypto/keys'
import { peerIdFromPublicKey } from '@libp2p/peer-id'
import type { PeerId, PrivateKey } from '@libp2p/interface'

/**
 * The libp2p private key of a device: its secp256k1 device key, so the
 * device's PeerId (`16Uiu2…`) is bound to the key its certificate names.
 */
export function libp2pPrivateKey(devicePrivateKey: Uint8Array): PrivateKey {
  return privateKeyFromRaw(devicePrivateKey)
}

/** The PeerId of a device, from its 33-byte compressed public key. */
export function peerIdOfDevice(devicePublicKey: Uint8Array): PeerId {
  return peerIdFromPublicKey(publicKeyFromRaw(devicePublicKey))
}
