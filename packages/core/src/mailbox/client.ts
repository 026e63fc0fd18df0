import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { AbortOptions, NewStreamOptions, PeerId, Stream } from '@libp2p/interface'
import { XchatError, isXchatError } from '../errors.js'
import { isValidPrivateKey, isValidPublicKey, publicKeyOf } from '../crypto/index.js'
import type { OneTimePrekey } from '../session/index.js'
import { MailboxRequestPb, MailboxStatusPb, checkVersion, limits, type MailboxResponsePb } from '../wire/index.js'
import { MAILBOX_ID_LENGTH, MAILBOX_PROTOCOL, MAILBOX_VERSION, MAIL_ID_LENGTH } from './constants.js'
import { decodeResponse, frames } from './framing.js'
import { mailboxIdsFor } from './mailbox-id.js'
import { createKeyProof, prekeyProofItem, proofBody, type MailboxOwner } from './proof.js'

/** A connection as the client uses it; libp2p's `Connection` is one. */
export interface MailboxConnection {
  /** The relay, as authenticated by the connection's encryption: key proofs name it. */
  readonly remotePeer: PeerId
  newStream(protocols: string | string[], options?: NewStreamOptions): Promise<Stream>
}

/** The part of a libp2p node the client uses; an `XchatNode` is one. */
export interface MailboxNode {
  dial(peer: PeerId | Multiaddr | Multiaddr[], options?: AbortOptions): Promise<MailboxConnection>
}

/** A relay: its PeerId (known to the peer store), a multiaddr, or either as text. */
export type RelayTarget = PeerId | Multiaddr | Multiaddr[] | string

/** Options of {@link MailboxClient}. */
export interface MailboxClientInit {
  readonly node: MailboxNode
  /** This device's key, used when a call gives none (fetch, ack, uploadPrekeys). */
  readonly owner?: MailboxOwner | Uint8Array
  /** The clock, ms since the Unix epoch; defaults to `Date.now`. */
  readonly now?: () => number
  /** Per-request deadline in ms; default 30 s. */
  readonly timeoutMs?: number
}

/** A batch of envelopes for one mailbox that one deposit opens: checked as a whole against the quota. */
export interface DepositBatch {
  /** Envelopes in the batch, the first included. */
  readonly count: number
  /** Their encoded sizes in all (an upper bound is fine). */
  readonly bytes: number
}

/** A relay's acknowledgement that it stored an envelope. */
export interface DepositReceipt {
  /** The relay's PeerId. */
  readonly relay: string
  /** The mail id the relay gave it (48 bytes). */
  readonly id: Uint8Array
  /** When the relay will drop it (it caps expiries at 30 days). */
  readonly expiresAt: number
}

/** The outcome of {@link MailboxClient.depositMany} when enough relays acked. */
export interface DepositManyResult {
  readonly acked: readonly DepositReceipt[]
  /** Relays that refused or failed before the result was settled. */
  readonly failed: readonly { readonly relay: string; readonly error: Error }[]
}

/** One envelope fetched from a relay. */
export interface FetchedMail {
  /** Pass to {@link MailboxClient.ack} once the mail is safely processed. */
  readonly id: Uint8Array
  readonly mailboxId: Uint8Array
  /** The sealed envelope: open with `openEnvelope(devicePrivateKey, envelope)`. */
  readonly envelope: Uint8Array
  readonly receivedAt: number
  readonly expiresAt: number
}

/** One fetch answer; `more` means the relay holds more: ack these and fetch again. */
export interface FetchPage {
  readonly mail: readonly FetchedMail[]
  readonly more: boolean
}

/** Options of fetches. */
export interface FetchOptions extends AbortOptions {
  /** Mailboxes to read; defaults to every mailbox of the last 30 days ({@link mailboxIdsFor}). */
  readonly mailboxIds?: readonly Uint8Array[]
}

/** Streams the client opens to one relay at once: below the relay's 8 per connection (APP_PROTOCOL_LIMITS). */
const MAX_CONCURRENT_PER_RELAY = 4
const DEFAULT_TIMEOUT_MS = 30_000

/**
 * Talks to relay mailboxes: deposits sealed mail for offline devices,
 * fetches and acks this device's mail, and keeps one-time prekeys on relays.
 * @example
 * const mailbox = new MailboxClient({ node, owner: keys.device })
 * await mailbox.depositMany(relays, mailboxIdFor(bobDevice, epochOf(Date.now())), sealEnvelope(bobDevice, bytes), Date.now() + 7 * DAY)
 * for (const m of await mailbox.fetch(relay)) handle(openEnvelope(keys.device.privateKey(), m.envelope))
 */
export class MailboxClient {
  readonly #node: MailboxNode
  readonly #owner: MailboxOwner | undefined
  readonly #now: () => number
  readonly #timeoutMs: number
  readonly #slots = new Map<string, { active: number; waiting: (() => void)[] }>()

  constructor(init: MailboxClientInit) {
    this.#node = init.node
    this.#owner = init.owner === undefined ? undefined : toOwner(init.owner)
    this.#now = init.now ?? Date.now
    this.#timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS
    if (!Number.isSafeInteger(this.#timeoutMs) || this.#timeoutMs <= 0) {
      throw new RangeError(`"timeoutMs" expected a positive integer, got ${String(init.timeoutMs)}`)
    }
  }

  /**
   * Deposit one sealed envelope; resolves only once the relay has stored it.
   * @param mailboxId - `mailboxIdFor(recipient device key, epochOf(now))`
   * @param sealed - from `sealEnvelope`
   * @param expiresAt - ms since the Unix epoch; relays cap it at 30 days from now
   * @param options.batch - this envelope opens a batch (count and bytes, it included): the relay stores it
   *   only if the whole batch fits now (QUOTA_EXCEEDED otherwise)
   * @throws XchatError UNREACHABLE | QUOTA_EXCEEDED | RATE_LIMITED | TOO_LARGE | MAILBOX_REFUSED | MALFORMED
   */
  async deposit(
    relay: RelayTarget,
    mailboxId: Uint8Array,
    sealed: Uint8Array,
    expiresAt: number,
    options: AbortOptions & { readonly batch?: DepositBatch } = {},
  ): Promise<DepositReceipt> {
    if (mailboxId.length !== MAILBOX_ID_LENGTH)
      throw new RangeError(`"mailboxId" expected ${MAILBOX_ID_LENGTH} bytes, got ${mailboxId.length}`)
    if (!Number.isSafeInteger(expiresAt) || expiresAt <= 0)
      throw new RangeError(`"expiresAt" expected a positive integer of ms, got ${String(expiresAt)}`)
    const { response, relayId } = await this.#request(relay, options, () => ({
      deposit: {
        mailboxId: Uint8Array.from(mailboxId),
        envelope: Uint8Array.from(sealed),
        expiresAt: BigInt(expiresAt),
        batchCount: options.batch?.count ?? 0,
        batchBytes: BigInt(options.batch?.bytes ?? 0),
      },
    }))
    const result = response.deposit
    if (result?.id.length !== MAIL_ID_LENGTH) throw malformed(relayId, 'deposit answer without a mail id')
    return { relay: relayId, id: copy(result.id), expiresAt: Number(result.expiresAt) }
  }

  /**
   * Deposit the same envelope on several relays; resolves as soon as
   * `minAcks` of them (all of them, if fewer are given) stored it. The
   * remaining deposits go on in the background.
   * @param options.minAcks - default 2
   * @throws XchatError DEPOSIT_FAILED (details: acked, needed; cause: each relay's error) once enough acks are impossible
   */
  async depositMany(
    relays: readonly RelayTarget[],
    mailboxId: Uint8Array,
    sealed: Uint8Array,
    expiresAt: number,
    options: AbortOptions & { readonly minAcks?: number } = {},
  ): Promise<DepositManyResult> {
    if (relays.length === 0) throw new RangeError('"relays" expected at least one relay')
    const minAcks = options.minAcks ?? 2
    if (!Number.isInteger(minAcks) || minAcks < 1) throw new RangeError(`"minAcks" expected a positive integer, got ${String(minAcks)}`)
    const needed = Math.min(minAcks, relays.length)
    const acked: DepositReceipt[] = []
    const failed: { relay: string; error: Error }[] = []
    return new Promise((resolve, reject) => {
      let settled = false
      for (const relay of relays) {
        this.deposit(relay, mailboxId, sealed, expiresAt, options).then(
          (receipt) => {
            acked.push(receipt)
            if (settled || acked.length < needed) return
            settled = true
            resolve({ acked: [...acked], failed: [...failed] })
          },
          (err: unknown) => {
            failed.push({ relay: relayName(relay), error: err instanceof Error ? err : new Error(String(err)) })
            if (settled || relays.length - failed.length >= needed) return
            settled = true
            reject(
              new XchatError('DEPOSIT_FAILED', `only ${acked.length} of the ${needed} relays needed stored the mail`, {
                cause: new AggregateError(failed.map((f) => f.error)),
                details: { acked: acked.length, needed, failed: failed.map((f) => f.relay) },
              }),
            )
          },
        )
      }
    })
  }

  /**
   * Fetch this device's mail from a relay (one batch; see {@link fetchPage}).
   * @param owner - the device key; defaults to the client's
   * @throws XchatError UNREACHABLE | RATE_LIMITED | MAILBOX_REFUSED (e.g. status STALE_PROOF when this clock is off) | MALFORMED
   */
  async fetch(relay: RelayTarget, owner?: MailboxOwner | Uint8Array, options: FetchOptions = {}): Promise<FetchedMail[]> {
    return [...(await this.fetchPage(relay, owner, options)).mail]
  }

  /**
   * Fetch one batch (≤ 256 envelopes, ≤ 1 MiB) of this device's mail, oldest
   * first per mailbox. Mail stays on the relay until acked.
   * @throws as {@link fetch}
   */
  async fetchPage(relay: RelayTarget, owner?: MailboxOwner | Uint8Array, options: FetchOptions = {}): Promise<FetchPage> {
    const device = this.#ownerOf(owner)
    const mailboxIds = options.mailboxIds ?? mailboxIdsFor(device.publicKey, this.#now())
    if (mailboxIds.length === 0 || mailboxIds.length > limits.MAX_FETCH_MAILBOX_IDS) {
      throw new RangeError(`"mailboxIds" expected 1..${limits.MAX_FETCH_MAILBOX_IDS} ids, got ${mailboxIds.length}`)
    }
    const { response, relayId } = await this.#request(relay, options, (relayPeer) => ({
      fetch: {
        mailboxIds: mailboxIds.map((id) => Uint8Array.from(id)),
        proof: createKeyProof('fetch', device, relayPeer, proofBody(mailboxIds), this.#now()),
      },
    }))
    if (response.fetch === undefined) throw malformed(relayId, 'fetch answer without a result')
    const asked = new Set(mailboxIds.map((id) => bytesToHex(id)))
    const mail = response.fetch.envelopes
      // a relay can only hand back what was asked for: anything else is dropped unread
      .filter(
        (m) => m.id.length === MAIL_ID_LENGTH && asked.has(bytesToHex(m.mailboxId)) && bytesToHex(m.id).startsWith(bytesToHex(m.mailboxId)),
      )
      .map((m) => ({
        id: copy(m.id),
        mailboxId: copy(m.mailboxId),
        envelope: copy(m.envelope),
        receivedAt: Number(m.receivedAt),
        expiresAt: Number(m.expiresAt),
      }))
    return { mail, more: response.fetch.more }
  }

  /**
   * Delete fetched mail from the relay (after it is processed and stored).
   * @returns how many the relay deleted (already gone ones are not counted)
   * @throws XchatError UNREACHABLE | RATE_LIMITED | MAILBOX_REFUSED | MALFORMED
   */
  async ack(
    relay: RelayTarget,
    ids: readonly Uint8Array[],
    owner?: MailboxOwner | Uint8Array,
    options: AbortOptions = {},
  ): Promise<number> {
    const device = this.#ownerOf(owner)
    for (const id of ids)
      if (id.length !== MAIL_ID_LENGTH) throw new RangeError(`"ids" expected ${MAIL_ID_LENGTH}-byte mail ids, got ${id.length} bytes`)
    let deleted = 0
    for (const chunk of chunks(ids, limits.MAX_ACK_IDS)) {
      const { response, relayId } = await this.#request(relay, options, (relayPeer) => ({
        ack: {
          ids: chunk.map((id) => Uint8Array.from(id)),
          proof: createKeyProof('ack', device, relayPeer, proofBody(chunk), this.#now()),
        },
      }))
      if (response.ack === undefined) throw malformed(relayId, 'ack answer without a result')
      deleted += response.ack.deleted
    }
    return deleted
  }

  /**
   * Store this device's one-time prekeys (public parts) on a relay, for
   * contacts to take while the device is offline. An empty list just asks how many are left.
   * @returns how many the relay now holds for this device
   * @throws XchatError UNREACHABLE | QUOTA_EXCEEDED | RATE_LIMITED | MAILBOX_REFUSED | MALFORMED
   */
  async uploadPrekeys(
    relay: RelayTarget,
    prekeys: readonly OneTimePrekey[],
    owner?: MailboxOwner | Uint8Array,
    options: AbortOptions = {},
  ): Promise<number> {
    const device = this.#ownerOf(owner)
    for (const p of prekeys)
      if (!isValidPublicKey(p.publicKey)) throw new XchatError('INVALID_KEY', `one-time prekey ${p.id} is not a compressed secp256k1 point`)
    let stored = 0
    for (const chunk of prekeys.length === 0 ? [[]] : chunks(prekeys, limits.MAX_PREKEYS_PER_UPLOAD)) {
      const { response, relayId } = await this.#request(relay, options, (relayPeer) => ({
        uploadPrekeys: {
          prekeys: chunk.map((p) => ({ id: p.id, publicKey: Uint8Array.from(p.publicKey) })),
          proof: createKeyProof('prekeys', device, relayPeer, proofBody(chunk.map(prekeyProofItem)), this.#now()),
        },
      }))
      if (response.uploadPrekeys === undefined) throw malformed(relayId, 'prekey upload answer without a result')
      stored = response.uploadPrekeys.stored
    }
    return stored
  }

  /**
   * Take one of a device's one-time prekeys from a relay (each is handed out once).
   * @returns the prekey, or undefined when the relay has none left: then run the
   *   handshake with the signed prekey only (last resort)
   * @throws XchatError UNREACHABLE | RATE_LIMITED | MAILBOX_REFUSED | MALFORMED
   */
  async takePrekey(relay: RelayTarget, devicePublicKey: Uint8Array, options: AbortOptions = {}): Promise<OneTimePrekey | undefined> {
    if (!isValidPublicKey(devicePublicKey)) throw new XchatError('INVALID_KEY', 'device public key is not a compressed secp256k1 point')
    const { response, relayId } = await this.#request(relay, options, () => ({
      takePrekey: { deviceKey: Uint8Array.from(devicePublicKey) },
    }))
    if (response.status === MailboxStatusPb.EMPTY) return undefined
    const prekey = response.takePrekey?.prekey
    if (prekey === undefined || !isValidPublicKey(prekey.publicKey)) throw malformed(relayId, 'prekey answer without a valid prekey')
    return { id: prekey.id, publicKey: copy(prekey.publicKey) }
  }

  /** One request on a fresh stream; returns an OK (or EMPTY) answer, throws a typed error for anything else. */
  async #request(
    relay: RelayTarget,
    options: AbortOptions,
    build: (relayPeer: PeerId) => Omit<MailboxRequestPb, 'version'>,
  ): Promise<{ response: MailboxResponsePb; relayId: string }> {
    const name = relayName(relay)
    const release = await this.#acquire(name)
    const signal =
      options.signal === undefined
        ? AbortSignal.timeout(this.#timeoutMs)
        : AbortSignal.any([options.signal, AbortSignal.timeout(this.#timeoutMs)])
    try {
      let stream: Stream
      let relayPeer: PeerId
      try {
        const connection = await this.#node.dial(toDialTarget(relay), { signal })
        relayPeer = connection.remotePeer
        stream = await connection.newStream(MAILBOX_PROTOCOL, { signal, runOnLimitedConnection: true })
      } catch (cause) {
        throw new XchatError('UNREACHABLE', `mailbox relay ${name} could not be reached`, { cause, details: { relay: name } })
      }
      const relayId = relayPeer.toString()
      let bytes: Uint8Array
      try {
        const lp = frames(stream, limits.MAX_MAILBOX_RESPONSE_BYTES)
        await lp.write(MailboxRequestPb.encode({ version: MAILBOX_VERSION, ...build(relayPeer) }), { signal })
        bytes = (await lp.read({ signal })).subarray()
        await stream.close({ signal }).catch(() => undefined)
      } catch (cause) {
        stream.abort(cause instanceof Error ? cause : new Error(String(cause)))
        if (isXchatError(cause)) throw cause
        throw new XchatError('UNREACHABLE', `mailbox relay ${relayId} did not answer`, { cause, details: { relay: relayId } })
      }
      return { response: checkResponse(bytes, relayId), relayId }
    } finally {
      release()
    }
  }

  /** Wait for one of the relay's stream slots. */
  async #acquire(key: string): Promise<() => void> {
    let slot = this.#slots.get(key)
    if (slot === undefined) {
      slot = { active: 0, waiting: [] }
      this.#slots.set(key, slot)
    }
    const s = slot
    if (s.active >= MAX_CONCURRENT_PER_RELAY) await new Promise<void>((resolve) => s.waiting.push(resolve))
    else s.active++
    return () => {
      const next = s.waiting.shift()
      if (next !== undefined) return next() // the slot passes to the next waiter
      s.active--
      if (s.active === 0) this.#slots.delete(key)
    }
  }

  #ownerOf(owner: MailboxOwner | Uint8Array | undefined): MailboxOwner {
    const resolved = owner === undefined ? this.#owner : toOwner(owner)
    if (resolved === undefined) throw new TypeError('"owner" expected a device key: pass one here or to the MailboxClient')
    return resolved
  }
}

/**
 * Decode an answer and turn refusals into typed errors.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_TOO_* | QUOTA_EXCEEDED | RATE_LIMITED | MAILBOX_REFUSED
 */
function checkResponse(bytes: Uint8Array, relay: string): MailboxResponsePb {
  const response = decodeResponse(bytes)
  checkVersion('mailbox response', response.version, { min: MAILBOX_VERSION, max: MAILBOX_VERSION })
  const reason = response.reason.slice(0, 200)
  const details = { relay, status: response.status, reason }
  switch (response.status) {
    case MailboxStatusPb.OK:
    case MailboxStatusPb.EMPTY:
      return response
    case MailboxStatusPb.QUOTA_EXCEEDED:
      throw new XchatError('QUOTA_EXCEEDED', `mailbox relay ${relay} is full: ${reason}`, { details })
    case MailboxStatusPb.RATE_LIMITED:
      throw new XchatError('RATE_LIMITED', `mailbox relay ${relay} asks to slow down`, {
        details: { ...details, retryAfterMs: Number(response.retryAfterMs) },
      })
    case MailboxStatusPb.TOO_LARGE:
      throw new XchatError('TOO_LARGE', `mailbox relay ${relay} refused a request as too large: ${reason}`, { details })
    default:
      throw new XchatError('MAILBOX_REFUSED', `mailbox relay ${relay} refused (${String(response.status)}): ${reason}`, { details })
  }
}

function malformed(relay: string, what: string): XchatError {
  return new XchatError('MALFORMED', `mailbox relay ${relay} sent a ${what}`, { details: { relay } })
}

function toOwner(owner: MailboxOwner | Uint8Array): MailboxOwner {
  if (!(owner instanceof Uint8Array)) return owner
  if (!isValidPrivateKey(owner)) throw new XchatError('INVALID_KEY', 'mailbox owner private key is out of range')
  const publicKey = publicKeyOf(owner)
  return { publicKey, privateKey: () => owner }
}

function toDialTarget(relay: RelayTarget): PeerId | Multiaddr | Multiaddr[] {
  if (typeof relay !== 'string') return relay
  return relay.startsWith('/') ? multiaddr(relay) : peerIdFromString(relay)
}

function relayName(relay: RelayTarget): string {
  if (Array.isArray(relay)) return relay.map(String).join(',')
  return relay.toString()
}

/** A plain Uint8Array of its own (decoded fields are views into the whole frame, Buffers in Node). */
function copy(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(bytes)
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
