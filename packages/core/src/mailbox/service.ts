import { bytesToHex } from '@noble/hashes/utils.js'
import type { ComponentLogger, Connection, Logger, PeerId, Startable, Stream, StreamHandler, StreamHandlerOptions } from '@libp2p/interface'
import { isValidPublicKey } from '../crypto/index.js'
import { APP_PROTOCOL_LIMITS } from '../net/index.js'
import { MailboxResponsePb, MailboxStatusPb, limits as wire, type KeyProofPb, type MailboxRequestPb } from '../wire/index.js'
import { isXchatError } from '../errors.js'
import { MAILBOX_ID_LENGTH, MAILBOX_PROTOCOL, MAILBOX_VERSION, MAIL_ID_LENGTH, PROOF_MAX_SKEW_MS } from './constants.js'
import { mailboxRoot, type MailboxDatabase } from './database.js'
import { decodeRequest, frames, isOversizedFrame } from './framing.js'
import { resolveMailboxLimits, type MailboxLimits } from './limits.js'
import { mailboxIdsFor } from './mailbox-id.js'
import { MailStore } from './mail-store.js'
import { PrekeyStore } from './prekey-store.js'
import { prekeyProofItem, proofBody, verifyKeyProof, type ProofOperation } from './proof.js'
import { RateLimiter } from './rate-limiter.js'
import { ReplayCache } from './replay-cache.js'

type Response = Partial<MailboxResponsePb>

/** Where the service registers its protocol handler; libp2p's registrar and a libp2p node both fit. */
export interface MailboxRegistrar {
  handle(protocol: string, handler: StreamHandler, options?: StreamHandlerOptions): Promise<void>
  unhandle(protocol: string): Promise<void>
}

/** The libp2p components the mailbox service uses. */
export interface MailboxServiceComponents {
  /** The relay's own PeerId: key proofs must name it. */
  readonly peerId: PeerId
  readonly registrar: MailboxRegistrar
  readonly logger?: ComponentLogger
}

/** Options of {@link mailboxService}. */
export interface MailboxServiceInit {
  /** Where mail and prekeys live; the service uses its sublevel `mailbox`. The caller opens and closes it. */
  readonly db: MailboxDatabase
  /** The clock, ms since the Unix epoch; defaults to `Date.now`. */
  readonly now?: () => number
  /** Overrides of {@link DEFAULT_MAILBOX_LIMITS}. */
  readonly limits?: Partial<MailboxLimits>
}

/** Figures for metrics (the relay CLI exports them as Prometheus gauges). */
export interface MailboxStats {
  /** Mailboxes holding mail. */
  readonly mailboxes: number
  /** Envelopes held. */
  readonly envelopes: number
  /** Envelope bytes held. */
  readonly bytes: number
  /** Requests refused since start (any answer but OK and EMPTY). */
  readonly refused: number
  /** One-time prekeys held. */
  readonly prekeys: number
}

/**
 * The blind mailbox of a relay, protocol `/xchat/mailbox/1.0.0`: anyone may
 * deposit sealed envelopes and take one-time prekeys; only the device that
 * proves its key fetches, acks (deletes) its mail and uploads its prekeys.
 * Everything lives in level, so mail survives restarts; expired mail is swept
 * at start and every `sweepIntervalMs`.
 */
export class MailboxService implements Startable {
  readonly #components: MailboxServiceComponents
  readonly #now: () => number
  readonly #limits: MailboxLimits
  readonly #mail: MailStore
  readonly #prekeys: PrekeyStore
  readonly #rates: Readonly<Record<'deposit' | 'owner' | 'take', RateLimiter>>
  readonly #replays = new ReplayCache(2 * PROOF_MAX_SKEW_MS + 1000)
  readonly #inflight = new Set<Promise<void>>()
  readonly #log: Logger | undefined
  #refused = 0
  #timer: ReturnType<typeof setInterval> | undefined
  #sweeping: Promise<number> | undefined

  constructor(components: MailboxServiceComponents, init: MailboxServiceInit) {
    this.#components = components
    this.#now = init.now ?? Date.now
    this.#limits = resolveMailboxLimits(init.limits)
    const root = mailboxRoot(init.db)
    this.#mail = new MailStore(root)
    this.#prekeys = new PrekeyStore(root)
    this.#rates = {
      deposit: new RateLimiter(this.#limits.depositRate, this.#now),
      owner: new RateLimiter(this.#limits.ownerRate, this.#now),
      take: new RateLimiter(this.#limits.takeRate, this.#now),
    }
    this.#log = components.logger?.forComponent('xchat:mailbox')
  }

  readonly [Symbol.toStringTag] = 'xchat/mailbox'

  /** Count what is stored, drop expired mail, then take requests. */
  async start(): Promise<void> {
    await Promise.all([this.#mail.load(), this.#prekeys.load()])
    await this.sweep()
    await this.#components.registrar.handle(MAILBOX_PROTOCOL, this.#onStream, { ...APP_PROTOCOL_LIMITS, runOnLimitedConnection: true })
    this.#timer = setInterval(() => {
      this.sweep().catch((err: unknown) => this.#log?.error('sweep failed: %e', err))
    }, this.#limits.sweepIntervalMs)
  }

  /** Stop taking requests and wait for those in flight (they have timeouts). */
  async stop(): Promise<void> {
    clearInterval(this.#timer)
    this.#timer = undefined
    await this.#components.registrar.unhandle(MAILBOX_PROTOCOL)
    await Promise.allSettled([...this.#inflight, this.#sweeping])
  }

  /** Current figures for metrics. */
  stats(): MailboxStats {
    return { ...this.#mail.totals, refused: this.#refused, prekeys: this.#prekeys.total }
  }

  /**
   * Drop mail whose expiry has passed (runs on its own schedule too).
   * @returns how many envelopes were dropped
   */
  async sweep(): Promise<number> {
    this.#sweeping ??= this.#mail.sweep(this.#now()).finally(() => {
      this.#sweeping = undefined
    })
    return this.#sweeping
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

  /** One request, one response, then the stream is closed. Never throws. */
  async #serve(stream: Stream, peer: string): Promise<void> {
    const signal = AbortSignal.timeout(this.#limits.requestTimeoutMs)
    const lp = frames(stream, wire.MAX_MAILBOX_REQUEST_BYTES)
    let response: Response
    try {
      const frame = await lp.read({ signal })
      response = await this.#answer(frame.subarray(), peer)
    } catch (err) {
      if (!isOversizedFrame(err)) {
        // end of stream, reset or timeout before a whole request: nobody to answer
        stream.abort(err instanceof Error ? err : new Error(String(err)))
        return
      }
      response = refuse(MailboxStatusPb.TOO_LARGE, `a request is at most ${wire.MAX_MAILBOX_REQUEST_BYTES} bytes`)
    }
    if (response.status !== MailboxStatusPb.OK && response.status !== MailboxStatusPb.EMPTY) {
      this.#refused++
      this.#log?.('refused %s from %s: %s', response.status, peer, response.reason)
    }
    try {
      await lp.write(MailboxResponsePb.encode({ version: MAILBOX_VERSION, ...response }), { signal })
      await stream.close({ signal })
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }

  async #answer(bytes: Uint8Array, peer: string): Promise<Response> {
    let request: MailboxRequestPb
    try {
      request = decodeRequest(bytes)
    } catch (err) {
      return isXchatError(err, 'TOO_LARGE')
        ? refuse(MailboxStatusPb.TOO_LARGE, 'a list in the request is too long')
        : refuse(MailboxStatusPb.BAD_REQUEST, 'not a mailbox request')
    }
    if (request.version !== MAILBOX_VERSION)
      return refuse(MailboxStatusPb.UNSUPPORTED_VERSION, `this relay speaks mailbox version ${MAILBOX_VERSION}`)
    const operations = [request.deposit, request.fetch, request.ack, request.uploadPrekeys, request.takePrekey].filter(
      (op) => op !== undefined,
    )
    if (operations.length !== 1) return refuse(MailboxStatusPb.BAD_REQUEST, 'a request carries exactly one operation')
    try {
      if (request.deposit !== undefined) return await this.#deposit(request.deposit, peer)
      if (request.fetch !== undefined) return await this.#fetch(request.fetch, peer)
      if (request.ack !== undefined) return await this.#ack(request.ack, peer)
      if (request.uploadPrekeys !== undefined) return await this.#uploadPrekeys(request.uploadPrekeys, peer)
      return await this.#takePrekey(request.takePrekey?.deviceKey ?? new Uint8Array(0), peer)
    } catch (err) {
      this.#log?.error('mailbox request failed: %e', err)
      return refuse(MailboxStatusPb.INTERNAL, 'the relay could not complete the request')
    }
  }

  async #deposit(deposit: NonNullable<MailboxRequestPb['deposit']>, peer: string): Promise<Response> {
    const limited = this.#rateLimit('deposit', peer)
    if (limited !== undefined) return limited
    if (deposit.mailboxId.length !== MAILBOX_ID_LENGTH)
      return refuse(MailboxStatusPb.BAD_REQUEST, `a mailbox id is ${MAILBOX_ID_LENGTH} bytes`)
    if (deposit.envelope.length === 0) return refuse(MailboxStatusPb.BAD_REQUEST, 'the envelope is empty')
    if (deposit.envelope.length > this.#limits.maxEnvelopeBytes) {
      return refuse(MailboxStatusPb.TOO_LARGE, `an envelope is at most ${this.#limits.maxEnvelopeBytes} bytes on this relay`)
    }
    const now = this.#now()
    if (deposit.expiresAt <= BigInt(now)) return refuse(MailboxStatusPb.EXPIRED, 'the mail has already expired')
    const expiresAt = Math.min(Number(deposit.expiresAt), now + this.#limits.maxMailAgeMs)
    // answered only after the batch is written with sync: true (classic-level fsyncs before it resolves)
    const batched = deposit.batchCount > 0
    const stored = await this.#mail.deposit(deposit.mailboxId, deposit.envelope, now, expiresAt, {
      maxCount: this.#limits.maxMailPerMailbox,
      maxBytes: this.#limits.maxMailboxBytes,
      maxTotalBytes: this.#limits.maxTotalBytes,
      // a hostile size only gets this deposit refused: it is compared, never allocated
      ...(batched ? { batch: { count: deposit.batchCount, bytes: Number(deposit.batchBytes) } } : {}),
    })
    if (stored === 'mailbox-full') {
      return refuse(MailboxStatusPb.QUOTA_EXCEEDED, batched ? 'this mailbox has no room for the whole batch' : 'this mailbox is full')
    }
    if (stored === 'relay-full') return refuse(MailboxStatusPb.QUOTA_EXCEEDED, 'this relay has no room for mail')
    return ok({ deposit: { id: Uint8Array.from(stored.id), expiresAt: BigInt(stored.expiresAt) } })
  }

  async #fetch(fetch: NonNullable<MailboxRequestPb['fetch']>, peer: string): Promise<Response> {
    if (fetch.mailboxIds.length === 0) return refuse(MailboxStatusPb.BAD_REQUEST, 'no mailbox ids')
    const owner = this.#checkOwner('fetch', fetch.proof, fetch.mailboxIds, peer)
    if ('refused' in owner) return owner.refused
    if (!fetch.mailboxIds.every((id) => owner.mailboxes.has(bytesToHex(id)))) {
      return refuse(MailboxStatusPb.FORBIDDEN, 'a mailbox id does not belong to this device key')
    }
    const unique = [...new Map(fetch.mailboxIds.map((id) => [bytesToHex(id), id])).values()]
    const { items, more } = await this.#mail.list(unique, this.#now(), {
      maxCount: wire.MAX_FETCH_BATCH_COUNT,
      maxBytes: wire.MAX_FETCH_BATCH_BYTES,
    })
    return ok({
      fetch: {
        more,
        envelopes: items.map((m) => ({
          id: Uint8Array.from(m.id),
          mailboxId: Uint8Array.from(m.mailboxId),
          envelope: Uint8Array.from(m.envelope),
          receivedAt: BigInt(m.receivedAt),
          expiresAt: BigInt(m.expiresAt),
        })),
      },
    })
  }

  async #ack(ack: NonNullable<MailboxRequestPb['ack']>, peer: string): Promise<Response> {
    if (ack.ids.some((id) => id.length !== MAIL_ID_LENGTH))
      return refuse(MailboxStatusPb.BAD_REQUEST, `a mail id is ${MAIL_ID_LENGTH} bytes`)
    const owner = this.#checkOwner('ack', ack.proof, ack.ids, peer)
    if ('refused' in owner) return owner.refused
    if (!ack.ids.every((id) => owner.mailboxes.has(bytesToHex(id.subarray(0, MAILBOX_ID_LENGTH))))) {
      return refuse(MailboxStatusPb.FORBIDDEN, 'a mail id is not in a mailbox of this device key')
    }
    return ok({ ack: { deleted: await this.#mail.delete(ack.ids) } })
  }

  async #uploadPrekeys(upload: NonNullable<MailboxRequestPb['uploadPrekeys']>, peer: string): Promise<Response> {
    if (!upload.prekeys.every((p) => isValidPublicKey(p.publicKey)))
      return refuse(MailboxStatusPb.BAD_REQUEST, 'a prekey is not a compressed secp256k1 point')
    const owner = this.#checkOwner('prekeys', upload.proof, upload.prekeys.map(prekeyProofItem), peer)
    if ('refused' in owner) return owner.refused
    const stored = await this.#prekeys.upload(owner.deviceKey, upload.prekeys, this.#limits.maxPrekeysPerDevice)
    if (stored === 'full')
      return refuse(MailboxStatusPb.QUOTA_EXCEEDED, `a device may keep ${this.#limits.maxPrekeysPerDevice} prekeys on this relay`)
    return ok({ uploadPrekeys: { stored } })
  }

  async #takePrekey(deviceKey: Uint8Array, peer: string): Promise<Response> {
    const limited = this.#rateLimit('take', peer)
    if (limited !== undefined) return limited
    if (!isValidPublicKey(deviceKey)) return refuse(MailboxStatusPb.BAD_REQUEST, 'the device key is not a compressed secp256k1 point')
    const prekey = await this.#prekeys.take(deviceKey)
    if (prekey === undefined) return refuse(MailboxStatusPb.EMPTY, 'no one-time prekey left for this device')
    return ok({ takePrekey: { prekey: { id: prekey.id, publicKey: Uint8Array.from(prekey.publicKey) } } })
  }

  /**
   * Rate limit, then check the key proof (relay, time, signature, replay).
   * @returns the device key and its mailboxes, or the refusal
   */
  #checkOwner(
    op: ProofOperation,
    proof: KeyProofPb | undefined,
    items: readonly Uint8Array[],
    peer: string,
  ): { deviceKey: Uint8Array; mailboxes: Set<string> } | { refused: Response } {
    const limited = this.#rateLimit('owner', peer)
    if (limited !== undefined) return { refused: limited }
    if (proof === undefined) return { refused: refuse(MailboxStatusPb.BAD_REQUEST, 'the request has no key proof') }
    const now = this.#now()
    const verdict = verifyKeyProof(op, proof, this.#components.peerId, proofBody(items), now)
    if (verdict === 'stale') {
      return {
        refused: refuse(
          MailboxStatusPb.STALE_PROOF,
          `the proof's time is more than ${PROOF_MAX_SKEW_MS / 60_000} minutes from the relay's clock`,
        ),
      }
    }
    if (verdict === 'forbidden')
      return { refused: refuse(MailboxStatusPb.FORBIDDEN, 'the key proof does not verify for this relay and request') }
    const seen = this.#replays.add(bytesToHex(proof.signature), now)
    if (seen === 'replay') return { refused: refuse(MailboxStatusPb.STALE_PROOF, 'this proof was already used') }
    if (seen === 'full')
      return { refused: { ...refuse(MailboxStatusPb.RATE_LIMITED, 'too many requests'), retryAfterMs: BigInt(PROOF_MAX_SKEW_MS) } }
    // every mailbox the device's mail may be in, with room for the client's clock skew
    const ids = mailboxIdsFor(proof.deviceKey, now + PROOF_MAX_SKEW_MS, this.#limits.maxMailAgeMs + 2 * PROOF_MAX_SKEW_MS)
    return { deviceKey: proof.deviceKey, mailboxes: new Set(ids.map((id) => bytesToHex(id))) }
  }

  #rateLimit(kind: 'deposit' | 'owner' | 'take', peer: string): Response | undefined {
    const decision = this.#rates[kind].take(peer)
    if (decision.allowed) return undefined
    return { ...refuse(MailboxStatusPb.RATE_LIMITED, 'too many requests from this peer'), retryAfterMs: BigInt(decision.retryAfterMs) }
  }
}

/**
 * The mailbox service for `createLibp2p({ services: { mailbox: mailboxService({ db }) } })`,
 * or started by hand on a running node: `mailboxService({ db })({ peerId: node.peerId, registrar: node })`.
 * @throws RangeError for a bad limit
 */
export function mailboxService(init: MailboxServiceInit): (components: MailboxServiceComponents) => MailboxService {
  resolveMailboxLimits(init.limits)
  return (components) => new MailboxService(components, init)
}

function ok(fields: Response): Response {
  return { status: MailboxStatusPb.OK, ...fields }
}

function refuse(status: MailboxStatusPb, reason: string): Response {
  return { status, reason }
}
