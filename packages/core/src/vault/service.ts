import type { ComponentLogger, Connection, Logger, PeerId, Startable, Stream } from '@libp2p/interface'
import { isValidPublicKey } from '../crypto/index.js'
import { isXchatError } from '../errors.js'
import { RateLimiter, type MailboxDatabase, type MailboxRegistrar } from '../mailbox/index.js'
import { APP_PROTOCOL_LIMITS } from '../net/index.js'
import { VaultRequestPb, VaultResponsePb, VaultStatusPb, decodeBounded, limits as wire, type VaultProofPb } from '../wire/index.js'
import { verifyBlobSignature } from './blob.js'
import { BlobStore, type VaultTotals } from './blob-store.js'
import { BLOB_ID_LENGTH, VAULT_ID_LENGTH, VAULT_PROTOCOL, VAULT_PROTOCOL_VERSION } from './constants.js'
import { frames, isOversizedFrame } from './framing.js'
import { vaultIdOf } from './keys.js'
import { resolveVaultLimits, type VaultLimits } from './limits.js'
import { sameBytes, verifyReadProof } from './proof.js'

type Response = Partial<VaultResponsePb>

/** The libp2p components the vault service uses. */
export interface VaultServiceComponents {
  /** The relay's own PeerId: read proofs must name it. */
  readonly peerId: PeerId
  readonly registrar: MailboxRegistrar
  readonly logger?: ComponentLogger
}

/** Options of {@link vaultService}. */
export interface VaultServiceInit {
  /** Where blobs live (sublevel `vault`); the caller opens and closes it. May be the mailbox's database. */
  readonly db: MailboxDatabase
  readonly now?: () => number
  readonly limits?: Partial<VaultLimits>
}

/** Figures for metrics. */
export interface VaultStats extends VaultTotals {
  /** Requests refused since start. */
  readonly refused: number
  /** Blobs appended since start. */
  readonly appended: number
}

/**
 * A relay's vault storage, protocol `/xchat/vault/1.0.0`: append-only sealed
 * blobs under a vault id. Appends must carry a blob signed by the key whose
 * hash is the vault id; lists and fetches a read proof by the same key. The
 * relay never sees the account, only the vault id and ciphertext sizes.
 */
export class VaultService implements Startable {
  readonly #components: VaultServiceComponents
  readonly #now: () => number
  readonly #limits: VaultLimits
  readonly #blobs: BlobStore
  readonly #rates: Readonly<Record<'append' | 'read', RateLimiter>>
  readonly #inflight = new Set<Promise<void>>()
  readonly #log: Logger | undefined
  #refused = 0
  #appended = 0

  constructor(components: VaultServiceComponents, init: VaultServiceInit) {
    this.#components = components
    this.#now = init.now ?? Date.now
    this.#limits = resolveVaultLimits(init.limits)
    this.#blobs = new BlobStore(init.db)
    this.#rates = {
      append: new RateLimiter(this.#limits.appendRate, this.#now),
      read: new RateLimiter(this.#limits.readRate, this.#now),
    }
    this.#log = components.logger?.forComponent('xchat:vault')
  }

  readonly [Symbol.toStringTag] = 'xchat/vault'

  async start(): Promise<void> {
    await this.#blobs.load()
    await this.#components.registrar.handle(VAULT_PROTOCOL, this.#onStream, { ...APP_PROTOCOL_LIMITS, runOnLimitedConnection: true })
  }

  async stop(): Promise<void> {
    await this.#components.registrar.unhandle(VAULT_PROTOCOL)
    await Promise.allSettled([...this.#inflight])
  }

  stats(): VaultStats {
    return { ...this.#blobs.totals, refused: this.#refused, appended: this.#appended }
  }

  readonly #onStream = async (stream: Stream, connection: Connection): Promise<void> => {
    const task = this.#serve(stream, connection.remotePeer.toString())
    this.#inflight.add(task)
    try {
      await task
    } finally {
      this.#inflight.delete(task)
    }
  }

  /** One request, one response. Never throws. */
  async #serve(stream: Stream, peer: string): Promise<void> {
    const signal = AbortSignal.timeout(this.#limits.requestTimeoutMs)
    const lp = frames(stream, wire.MAX_VAULT_REQUEST_BYTES)
    let response: Response
    try {
      response = await this.#answer((await lp.read({ signal })).subarray(), peer)
    } catch (err) {
      if (!isOversizedFrame(err)) {
        stream.abort(err instanceof Error ? err : new Error(String(err)))
        return
      }
      response = refuse(VaultStatusPb.VAULT_TOO_LARGE, `a request is at most ${wire.MAX_VAULT_REQUEST_BYTES} bytes`)
    }
    if (response.status !== VaultStatusPb.VAULT_OK) {
      this.#refused++
      this.#log?.('refused %s from %s: %s', response.status, peer, response.reason)
    }
    try {
      await lp.write(VaultResponsePb.encode({ version: VAULT_PROTOCOL_VERSION, ...response }), { signal })
      await stream.close({ signal })
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }

  async #answer(bytes: Uint8Array, peer: string): Promise<Response> {
    let request: VaultRequestPb
    try {
      request = decodeBounded('vault request', bytes, wire.MAX_VAULT_REQUEST_BYTES, (b) =>
        VaultRequestPb.decode(b, { limits: { fetch: { blobIds: wire.MAX_VAULT_FETCH_IDS } } }),
      )
    } catch (err) {
      return isXchatError(err, 'TOO_LARGE')
        ? refuse(VaultStatusPb.VAULT_TOO_LARGE, 'a list in the request is too long')
        : refuse(VaultStatusPb.VAULT_BAD_REQUEST, 'not a vault request')
    }
    if (request.version !== VAULT_PROTOCOL_VERSION) {
      return refuse(VaultStatusPb.VAULT_UNSUPPORTED_VERSION, `this relay speaks vault version ${VAULT_PROTOCOL_VERSION}`)
    }
    const ops = [request.append, request.list, request.fetch].filter((op) => op !== undefined)
    if (ops.length !== 1) return refuse(VaultStatusPb.VAULT_BAD_REQUEST, 'a request carries exactly one operation')
    const limited = this.#rates[request.append === undefined ? 'read' : 'append'].take(peer)
    if (!limited.allowed) {
      return { ...refuse(VaultStatusPb.VAULT_RATE_LIMITED, 'too many requests from this peer'), retryAfterMs: BigInt(limited.retryAfterMs) }
    }
    try {
      if (request.append !== undefined) return await this.#append(request.append)
      if (request.list !== undefined) return await this.#list(request.list)
      return await this.#fetch(request.fetch ?? { vaultId: new Uint8Array(0), blobIds: [] })
    } catch (err) {
      this.#log?.error('vault request failed: %e', err)
      return refuse(VaultStatusPb.VAULT_INTERNAL, 'the relay could not complete the request')
    }
  }

  async #append(append: NonNullable<VaultRequestPb['append']>): Promise<Response> {
    if (append.vaultId.length !== VAULT_ID_LENGTH || append.blobId.length !== BLOB_ID_LENGTH) {
      return refuse(VaultStatusPb.VAULT_BAD_REQUEST, `a vault id is ${VAULT_ID_LENGTH} bytes and a blob id ${BLOB_ID_LENGTH}`)
    }
    if (append.blob.length > this.#limits.maxBlobBytes) {
      return refuse(VaultStatusPb.VAULT_TOO_LARGE, `a blob is at most ${this.#limits.maxBlobBytes} bytes on this relay`)
    }
    // only the holder of the vault's auth key may write: the key hashes to the id and signed the blob
    if (!isValidPublicKey(append.authKey) || !sameBytes(vaultIdOf(append.authKey), append.vaultId)) {
      return refuse(VaultStatusPb.VAULT_FORBIDDEN, 'the auth key does not belong to this vault')
    }
    if (!verifyBlobSignature(append.vaultId, append.authKey, append.blobId, append.blob)) {
      return refuse(VaultStatusPb.VAULT_FORBIDDEN, 'the blob is not signed by the vault key')
    }
    const outcome = await this.#blobs.append(append.vaultId, append.blobId, Uint8Array.from(append.blob), this.#limits)
    if (outcome === 'vault-full') return refuse(VaultStatusPb.VAULT_QUOTA_EXCEEDED, 'this vault is full on this relay')
    if (outcome === 'relay-full') return refuse(VaultStatusPb.VAULT_QUOTA_EXCEEDED, 'this relay has no room for vaults')
    this.#appended++
    return { status: VaultStatusPb.VAULT_OK, usedBytes: BigInt(outcome.usedBytes) }
  }

  async #list(list: NonNullable<VaultRequestPb['list']>): Promise<Response> {
    const denied = this.#checkRead(list.vaultId, list.proof)
    if (denied !== undefined) return denied
    if (list.after.length !== 0 && list.after.length !== BLOB_ID_LENGTH) return refuse(VaultStatusPb.VAULT_BAD_REQUEST, 'bad "after" id')
    const { ids, more } = await this.#blobs.list(list.vaultId, list.after, wire.MAX_VAULT_LIST_COUNT)
    return { status: VaultStatusPb.VAULT_OK, listed: ids.map((b) => ({ id: Uint8Array.from(b.id), size: b.size })), more }
  }

  async #fetch(fetch: NonNullable<VaultRequestPb['fetch']>): Promise<Response> {
    const denied = this.#checkRead(fetch.vaultId, fetch.proof)
    if (denied !== undefined) return denied
    if (fetch.blobIds.some((id) => id.length !== BLOB_ID_LENGTH)) return refuse(VaultStatusPb.VAULT_BAD_REQUEST, 'bad blob id')
    const blobs = await this.#blobs.fetch(fetch.vaultId, fetch.blobIds, wire.MAX_VAULT_FETCH_BYTES)
    return { status: VaultStatusPb.VAULT_OK, blobs: blobs.map((b) => ({ id: Uint8Array.from(b.id), blob: Uint8Array.from(b.blob) })) }
  }

  #checkRead(vaultId: Uint8Array, proof: VaultProofPb | undefined): Response | undefined {
    if (vaultId.length !== VAULT_ID_LENGTH) return refuse(VaultStatusPb.VAULT_BAD_REQUEST, `a vault id is ${VAULT_ID_LENGTH} bytes`)
    const verdict = verifyReadProof(proof, this.#components.peerId, vaultId, this.#now())
    if (verdict === 'stale')
      return refuse(VaultStatusPb.VAULT_STALE_PROOF, "the proof's time is more than 5 minutes from the relay's clock")
    if (verdict === 'forbidden') return refuse(VaultStatusPb.VAULT_FORBIDDEN, 'the read proof does not verify for this relay and vault')
    return undefined
  }
}

/**
 * The vault service started by hand on a running node:
 * `vaultService({ db })({ peerId: node.peerId, registrar: node })`.
 * @throws RangeError for a bad limit
 */
export function vaultService(init: VaultServiceInit): (components: VaultServiceComponents) => VaultService {
  resolveVaultLimits(init.limits)
  return (components) => new VaultService(components, init)
}

function refuse(status: VaultStatusPb, reason: string): Response {
  return { status, reason }
}
