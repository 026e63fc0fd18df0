import { scryptAsync } from '@noble/hashes/scrypt.js'

/** scrypt cost parameters; stored next to what they protect so they can be raised later. */
export interface ScryptParams {
  readonly N: number
  readonly r: number
  readonly p: number
}

/**
 * Defaults for a key from a local password: N=2^17, r=8 (128 MiB, about a
 * second in pure JS here) — the interactive-login cost scrypt's paper suggests.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 }

/**
 * Derive a 32-byte key from a password with scrypt.
 * @param onProgress - 0..1, for a status line on slow machines
 */
export async function passwordKey(
  password: string,
  salt: Uint8Array,
  params: ScryptParams = DEFAULT_SCRYPT,
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  return scryptAsync(password.normalize('NFKC'), salt, {
    ...params,
    dkLen: 32,
    // noble refuses when 128·r·(N+p+1) > maxmem; callers bound N, r and p
    maxmem: 128 * params.r * (params.N + params.p + 1) + 1024,
    ...(onProgress ? { onProgress } : {}),
  })
}
