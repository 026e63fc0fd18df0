import type { PeerId } from '@libp2p/interface'
import { concatBytes } from '@noble/hashes/utils.js'
import { randomBytes, sign, verify } from '../crypto/index.js'
import type { VaultProofPb } from '../wire/index.js'
import { VAULT_PROOF_MAX_SKEW_MS, VAULT_PROOF_NONCE_LENGTH, VAULT_READ_DOMAIN } from './constants.js'
import { vaultIdOf, type VaultKeys } from './keys.js'

/** The outcome of {@link verifyReadProof}. */
export type ReadProofVerdict = 'ok' | 'stale' | 'forbidden'

function payload(relay: PeerId, timestamp: bigint, nonce: Uint8Array, vaultId: Uint8Array): Uint8Array {
  const t = new Uint8Array(8)
  new DataView(t.buffer).setBigUint64(0, timestamp)
  return concatBytes(relay.toMultihash().bytes, t, nonce, vaultId)
}

/** Prove to one relay, now, that this reader holds the vault's auth key. */
export function createReadProof(keys: VaultKeys, relay: PeerId, now: number): VaultProofPb {
  const timestamp = BigInt(now)
  const nonce = randomBytes(VAULT_PROOF_NONCE_LENGTH)
  return {
    authKey: Uint8Array.from(keys.authPublicKey),
    timestamp,
    nonce: Uint8Array.from(nonce),
    signature: Uint8Array.from(sign(VAULT_READ_DOMAIN, payload(relay, timestamp, nonce, keys.vaultId), keys.authPrivateKey())),
  }
}

/**
 * Check a read proof on the relay: the auth key hashes to the vault id, the
 * time is within ±5 minutes, and the signature names this relay and vault.
 */
export function verifyReadProof(proof: VaultProofPb | undefined, relay: PeerId, vaultId: Uint8Array, now: number): ReadProofVerdict {
  if (proof === undefined || proof.nonce.length !== VAULT_PROOF_NONCE_LENGTH) return 'forbidden'
  if (!sameBytes(vaultIdOf(proof.authKey), vaultId)) return 'forbidden'
  const skew = proof.timestamp - BigInt(now)
  if (skew > BigInt(VAULT_PROOF_MAX_SKEW_MS) || skew < -BigInt(VAULT_PROOF_MAX_SKEW_MS)) return 'stale'
  return verify(VAULT_READ_DOMAIN, payload(relay, proof.timestamp, proof.nonce, vaultId), proof.signature, proof.authKey)
    ? 'ok'
    : 'forbidden'
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
