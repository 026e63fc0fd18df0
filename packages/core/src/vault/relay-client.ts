import type { AbortOptions, PeerId, Stream } from '@libp2p/interface'
import { XchatError, isXchatError } from '../errors.js'
import { VaultRequestPb, VaultResponsePb, VaultStatusPb, checkVersion, decodeBounded, limits } from '../wire/index.js'
import { VAULT_PROTOCOL, VAULT_PROTOCOL_VERSION } from './constants.js'
import { frames } from './framing.js'
import type { VaultKeys } from './keys.js'
import { createReadProof } from './proof.js'

/** The part of a libp2p node the vault client uses; an `XchatNode` is one. */
export interface VaultNode {
  dialProtocol(peer: PeerId, protocols: string, options?: AbortOptions & { runOnLimitedConnection?: boolean }): Promise<Stream>
}

const TIMEOUT_MS = 30_000

/**
 * Talks '/xchat/vault/1.0.0' to one relay at a time for one vault.
 * @example
 * const c = new VaultRelayClient(node, vaultKeys, Date.now)
 * await c.append(relay, blobId, sealed)
 */
export class VaultRelayClient {
  readonly #node: VaultNode
  readonly #keys: VaultKeys
  readonly #now: () => number

  constructor(node: VaultNode, keys: VaultKeys, now: () => number) {
    this.#node = node
    this.#keys = keys
    this.#now = now
  }

  /**
   * Store a sealed blob; resolves once the relay wrote it durably.
   * @throws XchatError UNREACHABLE | QUOTA_EXCEEDED | RATE_LIMITED | TOO_LARGE | VAULT_REFUSED | MALFORMED
   */
  async append(relay: PeerId, blobId: Uint8Array, blob: Uint8Array, options: AbortOptions = {}): Promise<number> {
    const response = await this.#request(relay, options, {
      append: { vaultId: u8(this.#keys.vaultId), authKey: u8(this.#keys.authPublicKey), blobId: u8(blobId), blob: u8(blob) },
    })
    return Number(response.usedBytes)
  }

  /** Every blob id the relay holds for the vault after `after` (all pages). */
  async list(relay: PeerId, after: Uint8Array = new Uint8Array(0), options: AbortOptions = {}): Promise<Uint8Array[]> {
    const ids: Uint8Array[] = []
    let cursor = after
    for (;;) {
      const response = await this.#request(relay, options, {
        list: { vaultId: u8(this.#keys.vaultId), after: u8(cursor), proof: createReadProof(this.#keys, relay, this.#now()) },
      })
      for (const b of response.listed) ids.push(Uint8Array.from(b.id))
      const last = response.listed.at(-1)
      if (!response.more || last === undefined) return ids
      cursor = Uint8Array.from(last.id)
    }
  }

  /** The blobs with these ids the relay has (several requests when needed). */
  async fetch(relay: PeerId, blobIds: readonly Uint8Array[], options: AbortOptions = {}): Promise<{ id: Uint8Array; blob: Uint8Array }[]> {
    const out: { id: Uint8Array; blob: Uint8Array }[] = []
    let rest = [...blobIds]
    while (rest.length > 0) {
      const ask = rest.slice(0, limits.MAX_VAULT_FETCH_IDS)
      const response = await this.#request(relay, options, {
        fetch: { vaultId: u8(this.#keys.vaultId), blobIds: ask.map(u8), proof: createReadProof(this.#keys, relay, this.#now()) },
      })
      const asked = new Set(ask.map(hex))
      const got = response.blobs
        .filter((b) => asked.has(hex(b.id)))
        .map((b) => ({ id: Uint8Array.from(b.id), blob: Uint8Array.from(b.blob) }))
      out.push(...got)
      if (got.length === 0) return out // the relay has none of the rest
      const answered = new Set(got.map((b) => hex(b.id)))
      // ids up to the last one answered were either returned or are missing there; ask again for the rest
      const lastIndex = Math.max(...ask.map((id, i) => (answered.has(hex(id)) ? i : -1)))
      rest = rest.slice(lastIndex + 1)
    }
    return out
  }

  async #request(relay: PeerId, options: AbortOptions, body: Omit<VaultRequestPb, 'version'>): Promise<VaultResponsePb> {
    const signal =
      options.signal === undefined ? AbortSignal.timeout(TIMEOUT_MS) : AbortSignal.any([options.signal, AbortSignal.timeout(TIMEOUT_MS)])
    const name = relay.toString()
    let stream
    try {
      stream = await this.#node.dialProtocol(relay, VAULT_PROTOCOL, { signal, runOnLimitedConnection: true })
    } catch (cause) {
      throw new XchatError('UNREACHABLE', `vault relay ${name} could not be reached`, { cause, details: { relay: name } })
    }
    let bytes: Uint8Array
    try {
      const lp = frames(stream, limits.MAX_VAULT_RESPONSE_BYTES)
      await lp.write(VaultRequestPb.encode({ version: VAULT_PROTOCOL_VERSION, ...body }), { signal })
      bytes = (await lp.read({ signal })).subarray()
      await stream.close({ signal }).catch(() => undefined)
    } catch (cause) {
      stream.abort(cause instanceof Error ? cause : new Error(String(cause)))
      throw new XchatError('UNREACHABLE', `vault relay ${name} did not answer`, { cause, details: { relay: name } })
    }
    return checkResponse(bytes, name)
  }
}

function checkResponse(bytes: Uint8Array, relay: string): VaultResponsePb {
  const response = decodeBounded('vault response', bytes, limits.MAX_VAULT_RESPONSE_BYTES, (b) =>
    VaultResponsePb.decode(b, { limits: { listed: limits.MAX_VAULT_LIST_COUNT, blobs: limits.MAX_VAULT_FETCH_IDS } }),
  )
  checkVersion('vault response', response.version, { min: VAULT_PROTOCOL_VERSION, max: VAULT_PROTOCOL_VERSION })
  const reason = response.reason.slice(0, 200)
  const details = { relay, status: response.status, reason }
  switch (response.status) {
    case VaultStatusPb.VAULT_OK:
      return response
    case VaultStatusPb.VAULT_QUOTA_EXCEEDED:
      throw new XchatError('QUOTA_EXCEEDED', `vault relay ${relay} is full: ${reason}`, { details })
    case VaultStatusPb.VAULT_RATE_LIMITED:
      throw new XchatError('RATE_LIMITED', `vault relay ${relay} asks to slow down`, {
        details: { ...details, retryAfterMs: Number(response.retryAfterMs) },
      })
    case VaultStatusPb.VAULT_TOO_LARGE:
      throw new XchatError('TOO_LARGE', `vault relay ${relay} refused a request as too large: ${reason}`, { details })
    default:
      throw new XchatError('VAULT_REFUSED', `vault relay ${relay} refused (${String(response.status)}): ${reason}`, { details })
  }
}

/** True for errors that mean "this relay, not the request" (try another relay). */
export function isRelayFailure(err: unknown): boolean {
  return isXchatError(err) && err.code !== 'TOO_LARGE'
}

function hex(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += b.toString(16).padStart(2, '0')
  return s
}

function u8(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(bytes)
}
