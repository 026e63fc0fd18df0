import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes } from '@noble/hashes/utils.js'
import type { PeerId, PeerStore } from '@libp2p/interface'
import { VAULT_PROTOCOL } from './constants.js'

/** The part of a libp2p node that tells which relays hold vaults. */
export interface ReplicaNode {
  readonly peerStore: Pick<PeerStore, 'all'>
}

/**
 * Relays known to speak '/xchat/vault/1.0.0' (learnt by identify from the
 * bootstrap relays and the DHT peers this node met), ranked by rendezvous
 * hashing on the vault id: every device of the account that knows the same
 * relays picks the same first ones, without any coordination.
 */
export async function rankedVaultRelays(node: ReplicaNode, vaultId: Uint8Array): Promise<PeerId[]> {
  const peers = await node.peerStore.all({ filters: [(p) => p.protocols.includes(VAULT_PROTOCOL)] })
  const scored = peers.map((p) => ({ id: p.id, score: score(p.id, vaultId) }))
  scored.sort((a, b) => compare(a.score, b.score))
  return scored.map((s) => s.id)
}

function score(peer: PeerId, vaultId: Uint8Array): Uint8Array {
  return sha256(concatBytes(vaultId, peer.toMultihash().bytes))
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0)
  return 0
}
