export { randomBytes, randomNonce } from './random.js'
export {
  sign,
  verify,
  isValidPublicKey,
  assertPublicKey,
  publicKeyOf,
  SIGNATURE_LENGTH,
  PUBLIC_KEY_LENGTH,
  PRIVATE_KEY_LENGTH,
} from './signature.js'
export { seal, sealJoined, open, NONCE_LENGTH, KEY_LENGTH, TAG_LENGTH, type SealedBox } from './aead.js'
export { passwordKey, DEFAULT_SCRYPT, type ScryptParams } from './kdf.js'
export {
  ecdh,
  generateKeyPair,
  isValidPrivateKey,
  setEcdhImplementation,
  SHARED_SECRET_LENGTH,
  type EcdhImplementation,
  type KeyPair,
} from './ecdh.js'
export { hkdfSha256, hmacSha256 } from './hkdf.js'
