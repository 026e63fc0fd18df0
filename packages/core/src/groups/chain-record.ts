import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import type { ChainRecord } from './group-store.js'
import type { SenderChain } from './sender-key.js'

/** A chain as stored (secrets stay inside the sealed record). */
export function chainToRecord(c: SenderChain): ChainRecord {
  return {
    chainId: bytesToHex(c.chainId),
    iteration: c.iteration,
    chainKey: bytesToHex(c.chainKey),
    signingKey: bytesToHex(c.signingKey),
    ...(c.signingPrivateKey === undefined ? {} : { signingPrivateKey: bytesToHex(c.signingPrivateKey) }),
    skipped: [...c.skipped].map(([i, k]) => [i, bytesToHex(k)] as const),
  }
}

export function chainFromRecord(r: ChainRecord): SenderChain {
  return {
    chainId: hexToBytes(r.chainId),
    iteration: r.iteration,
    chainKey: hexToBytes(r.chainKey),
    signingKey: hexToBytes(r.signingKey),
    ...(r.signingPrivateKey === undefined ? {} : { signingPrivateKey: hexToBytes(r.signingPrivateKey) }),
    skipped: new Map(r.skipped.map(([i, k]) => [i, hexToBytes(k)])),
  }
}
