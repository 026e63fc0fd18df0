import {
  generateSignedPrekey,
  generateOneTimePrekeys,
  encodePrekeyBundle,
  SignedPrekeyPair,
  OneTimePrekeyPair,
  sessionLimits,
  type PrekeyLookup,
} from '../session/index.js'
import { Mutex } from './lock.js'
import { pad, type XchatStore, type StoreOp, type PrekeyRecord } from '../store/index.js'

/**
 * A signed prekey is replaced after a week (Signal rotates on a similar
 * schedule), bounding how long one prekey's compromise matters.
 */
export const SIGNED_PREKEY_ROTATION_MS = 7 * 24 * 60 * 60 * 1000

/**
 * A replaced signed prekey is kept while a handshake made with it may still
 * arrive from a mailbox: mail waits at most 30 days (MAX_SKIPPED_KEY_AGE_MS).
 */
export const SIGNED_PREKEY_KEEP_MS = SIGNED_PREKEY_ROTATION_MS + sessionLimits.MAX_SKIPPED_KEY_AGE_MS

/** One-time prekey private keys kept at most; the oldest go first (their public halves went stale on relays). */
export const MAX_OWN_ONE_TIME_PREKEYS = 1000

const NEXT_ID_KEY = 'next-one-time-prekey-id'

/**
 * This device's prekeys with their private keys: an in-memory copy of the
 * store's `prekeys` collection, because the session handshake looks prekeys
 * up synchronously.
 */
export class OwnPrekeys {
  readonly #store: XchatStore
  readonly #signed = new Map<number, SignedPrekeyPair>()
  readonly #oneTime = new Map<number, OneTimePrekeyPair>()
  #nextOneTimeId = 1
  readonly #creating = new Mutex()

  constructor(store: XchatStore) {
    this.#store = store
  }

  async load(): Promise<void> {
    for await (const [, r] of this.#store.prekeys.entries()) {
      if (r.kind === 'signed' && r.signature !== undefined) {
        const { id, publicKey, createdAt, signature } = r
        this.#signed.set(id, new SignedPrekeyPair({ id, publicKey, createdAt, signature }, r.privateKey))
      } else {
        this.#oneTime.set(r.id, new OneTimePrekeyPair({ id: r.id, publicKey: r.publicKey }, r.privateKey))
      }
    }
    const next = await this.#store.meta.get(NEXT_ID_KEY)
    if (next !== undefined) this.#nextOneTimeId = new DataView(next.buffer, next.byteOffset, next.byteLength).getUint32(0)
  }

  /** Make a signed prekey if there is none or the newest is a week old; drop ones past {@link SIGNED_PREKEY_KEEP_MS}. */
  async rotate(identityPrivateKey: Uint8Array, now: number): Promise<void> {
    const newest = this.#newestSigned()
    const ops: StoreOp[] = []
    let created: SignedPrekeyPair | undefined
    if (newest === undefined || now - newest.createdAt >= SIGNED_PREKEY_ROTATION_MS) {
      created = generateSignedPrekey(identityPrivateKey, ((newest?.id ?? 0) + 1) % 2 ** 32, now)
      ops.push(this.#store.prekeys.put(signedKey(created.id), record('signed', created, now)))
    }
    const expired = [...this.#signed.values()].filter((k) => k !== newest && now - k.createdAt > SIGNED_PREKEY_KEEP_MS)
    ops.push(...expired.map((k) => this.#store.prekeys.del(signedKey(k.id))))
    await this.#store.write(ops)
    if (created !== undefined) this.#signed.set(created.id, created)
    for (const k of expired) this.#signed.delete(k.id)
  }

  /** What this device publishes in its directory entry: the newest signed prekey only. */
  bundle(): Uint8Array | undefined {
    const newest = this.#newestSigned()
    return newest === undefined ? undefined : encodePrekeyBundle({ signedPrekey: newest.toPublic(), oneTimePrekeys: [] })
  }

  /** The synchronous lookup the handshake needs. */
  lookup(): PrekeyLookup {
    return { signedPrekey: (id) => this.#signed.get(id), oneTimePrekey: (id) => this.#oneTime.get(id) }
  }

  /** The operation deleting a used one-time prekey; call {@link OwnPrekeys.forget} once it is written. */
  consumeOp(id: number): StoreOp {
    return this.#store.prekeys.del(oneTimeKey(id))
  }

  forget(id: number): void {
    this.#oneTime.delete(id)
  }

  /** Make and store `count` new one-time prekeys (fresh ids, never reused); returns them to hand to relays. */
  async createOneTime(count: number, now: number): Promise<OneTimePrekeyPair[]> {
    // one at a time (callers top up several relays at once): ids are never shared and the stored next id only grows
    return this.#creating.run(async () => this.#createOneTime(count, now))
  }

  async #createOneTime(count: number, now: number): Promise<OneTimePrekeyPair[]> {
    const created = generateOneTimePrekeys(count, this.#nextOneTimeId)
    const next = this.#nextOneTimeId + count
    const nextBytes = new Uint8Array(4)
    new DataView(nextBytes.buffer).setUint32(0, next)
    const ops = created.map((k) => this.#store.prekeys.put(oneTimeKey(k.id), record('one-time', k, now)))
    ops.push(this.#store.meta.put(NEXT_ID_KEY, nextBytes))
    const excess = [...this.#oneTime.keys()]
      .sort((a, b) => a - b)
      .slice(0, Math.max(0, this.#oneTime.size + count - MAX_OWN_ONE_TIME_PREKEYS))
    ops.push(...excess.map((id) => this.#store.prekeys.del(oneTimeKey(id))))
    await this.#store.write(ops)
    this.#nextOneTimeId = next
    for (const k of created) this.#oneTime.set(k.id, k)
    for (const id of excess) this.#oneTime.delete(id)
    return created
  }

  #newestSigned(): SignedPrekeyPair | undefined {
    let newest: SignedPrekeyPair | undefined
    for (const k of this.#signed.values()) if (newest === undefined || k.createdAt >= newest.createdAt) newest = k
    return newest
  }
}

function signedKey(id: number): string {
  return `signed!${pad(id, 10)}`
}

function oneTimeKey(id: number): string {
  return `one-time!${pad(id, 10)}`
}

function record(kind: PrekeyRecord['kind'], k: SignedPrekeyPair | OneTimePrekeyPair, now: number): PrekeyRecord {
  return {
    kind,
    id: k.id,
    publicKey: k.publicKey,
    privateKey: k.privateKey(),
    createdAt: k instanceof SignedPrekeyPair ? k.createdAt : now,
    ...(k instanceof SignedPrekeyPair ? { signature: k.signature } : {}),
  }
}
