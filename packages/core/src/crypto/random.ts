import { randomBytes as nobleRandomBytes } from '@noble/hashes/utils.js'

/** `n` bytes from the platform CSPRNG (WebCrypto getRandomValues, in Node and browsers). */
export function randomBytes(n: number): Uint8Array {
  return nobleRandomBytes(n)
}

/** Bytes fetched from the CSPRNG at a time for {@link randomNonce}: one call instead of one per nonce. */
const NONCE_POOL_BYTES = 4096

let pool = new Uint8Array(0)
let poolAt = 0

/**
 * Fill `out` with CSPRNG bytes for a public value such as a nonce, taken from
 * a pool refilled a few KiB at a time (a platform call per nonce was a measurable
 * part of sealing a small record). Each pool byte is handed out once and zeroed.
 * Not for secret keys: those come from {@link randomBytes}, never kept in advance.
 */
export function randomNonce(out: Uint8Array): Uint8Array {
  if (out.length > NONCE_POOL_BYTES) throw new RangeError(`"out" expected at most ${NONCE_POOL_BYTES} bytes, got ${out.length}`)
  if (poolAt + out.length > pool.length) {
    pool = nobleRandomBytes(NONCE_POOL_BYTES)
    poolAt = 0
  }
  const taken = pool.subarray(poolAt, poolAt + out.length)
  out.set(taken)
  taken.fill(0)
  poolAt += out.length
  return out
}
