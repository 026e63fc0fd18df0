/**
 * secp256k1 ECDH through Node's OpenSSL, for core's `setEcdhImplementation`:
 * the same 32-byte x-coordinate as @noble/curves, about twice as fast per
 * Double Ratchet step. Core checks both keys before calling it.
 */
import { createECDH } from 'node:crypto'
import type { EcdhImplementation } from '@xchat/core'

/** Whether this Node's OpenSSL knows secp256k1 (builds without it keep the JS default). */
export function hasNativeSecp256k1(): boolean {
  try {
    createECDH('secp256k1')
    return true
  } catch {
    return false
  }
}

/** ECDH on secp256k1 by OpenSSL: `computeSecret` returns the shared point's x-coordinate. */
export const nativeEcdh: EcdhImplementation = (privateKey, publicKey) => {
  const ecdh = createECDH('secp256k1')
  ecdh.setPrivateKey(privateKey)
  return new Uint8Array(ecdh.computeSecret(publicKey))
}
