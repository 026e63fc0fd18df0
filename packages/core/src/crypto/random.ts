import { randomBytes as nobleRandomBytes } from '@noble/hashes/utils.js'

/** `n` bytes from the platform CSPRNG (WebCrypto getRandomValues, in Node and browsers). */
export function randomBytes(n: number): Uint8Array {
  return nobleRandomBytes(n)
}
