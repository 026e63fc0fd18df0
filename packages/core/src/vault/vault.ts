import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { TypedEventEmitter } from 'main-event'
import type { AbortOptions, PeerId } from '@libp2p/interface'
import { XchatError } from '../errors.js'
import type { AccountId } from '../identity/index.js'
import type { Contacts } from '../messaging/index.js'
import { pad, type StoreOp, type XchatStore } from '../store/index.js'
import { VaultEntryPb, limits } from '../wire/index.js'
import { applyEntries, deleteMessageOps, type ApplyResult, type SettingChange } from './apply.js'
import { blobIdTime, newBlobId, openBlob, sealBlob, type OpenedBlob } from './blob.js'
import { SYNC_LOOKBACK_MS, VAULT_REPLICAS } from './constants.js'
import type { EntryBody } from './entries.js'
import type { VaultKeys } from './keys.js'
import { VaultState, type VaultMeta } from './local-state.js'
import { PendingQueue, type PendingEntry } from './pending-queue.js'
import { VaultRelayClient, type VaultNode } from './relay-client.js'
import { rankedVaultRelays, type ReplicaNode } from './replicas.js'

/** Plaintext bytes per blob before sealing: below MAX_VAULT_BLOB_BYTES with room for the AEAD and framing. */
const BLOB_PLAINTEXT_BUDGET = limits.MAX_VAULT_BLOB_BYTES - 1024

/** Relays a pull asks at most (the ranked first ones). */
const MAX_READ_RELAYS = 8

/** Progress of a pull, for `xchat recover` and the web onboarding. */
export interface VaultProgress {
  readonly phase: 'relays' | 'list' | 'fetch' | 'apply' | 'done'
  readonly done: number
  readonly total: number
}

/** Events of a {@link Vault}. */
export interface VaultEvents {
  'vault:progress': CustomEvent<VaultProgress>
  /** A conversation setting changed by another device (or a recovery): for the module that owns it. */
  'setting:changed': CustomEvent<SettingChange>
  /** A pull applied entries from other devices. */
  'vault:applied': CustomEvent<ApplyResult>
}

/** What {@link Vault.open} needs. */
export interface VaultInit {
  readonly store: XchatStore
  readonly node: VaultNode & ReplicaNode
  readonly keys: VaultKeys
  readonly deviceIndex: number
  readonly contacts: Contacts
  readonly now?: () => number
  /** Relays each blob goes to (default 3). */
  readonly replicas?: number
  /** Push recorded entries this long after the first one (default 2 s). */
  readonly flushDelayMs?: number
  /** Live sync: pull other devices' entries this often once started (default 30 s). */
  readonly pollMs?: number
}

/** The outcome of a push. */
export interface FlushResult {
  readonly blobs: number
  readonly entries: number
  /** Relays that acked each blob (the minimum over the blobs). */
  readonly relays: number
}

/** The outcome of a pull. */
export interface PullResult extends ApplyResult {
  readonly blobs: number
  readonly entries: number
  /** Relays that answered the listing. */
  readonly relays: number
  /** Blobs that failed verification (tampered) and were skipped. */
  readonly rejected: number
}

/**
 * The account's encrypted, append-only history vault as seen from one
 * device: records entries (messages, contacts, read state, settings,
 * tombstones), pushes them in sealed blobs to ≥ 3 relays, and pulls and
 * replays other devices' blobs (live sync, and recovery on a new device).
 */
export class Vault extends TypedEventEmitter<VaultEvents> {
  readonly #init: VaultInit
  readonly #state: VaultState
  /** Entries not yet on relays, in memory: a flush does not read and open them again. */
  readonly #pending: PendingQueue
  readonly #relays: VaultRelayClient
  readonly #now: () => number
  #meta: VaultMeta
  #flushTimer: ReturnType<typeof setTimeout> | undefined
  #pollTimer: ReturnType<typeof setInterval> | undefined
  #busy: Promise<unknown> = Promise.resolve()
  #recording: Promise<unknown> = Promise.resolve()
  /** Entries waiting for the next recording batch, in call order. */
  readonly #toRecord: {
    readonly body: Promise<EntryBody | undefined>
    readonly alsoWrite: (lamport: number) => StoreOp[]
    readonly resolve: () => void
    readonly reject: (err: unknown) => void
  }[] = []

  private constructor(init: VaultInit, state: VaultState, meta: VaultMeta) {
    super()
    this.#init = init
    this.#state = state
    this.#pending = new PendingQueue(state.pending)
    this.#now = init.now ?? Date.now
    this.#relays = new VaultRelayClient(init.node, init.keys, this.#now)
    this.#meta = meta
  }

  /** Load the vault's local state from the device store. */
  static async open(init: VaultInit): Promise<Vault> {
    const state = new VaultState(init.store)
    const meta = (await state.meta.get('meta')) ?? { lamport: 0, newestBlob: '' }
    const vault = new Vault(init, state, meta)
    await vault.#pending.init()
    return vault
  }

  /** The vault id relays see (hex). */
  get vaultId(): string {
    return bytesToHex(this.#init.keys.vaultId)
  }

  /** Push on a timer after records, and pull other devices' entries every `pollMs`. */
  start(): void {
    if (this.#pollTimer !== undefined) return
    this.#pollTimer = setInterval(() => void this.sync().catch(() => undefined), this.#init.pollMs ?? 30_000)
    // entries recorded before a crash or a page reload go out soon, not at the first poll
    this.#scheduleFlush()
  }

  /** Stop the timers and push what is recorded (best effort). */
  async stop(): Promise<void> {
    clearInterval(this.#pollTimer)
    this.#pollTimer = undefined
    clearTimeout(this.#flushTimer)
    this.#flushTimer = undefined
    await this.#recording
    await this.flush().catch(() => undefined)
  }

  /**
   * Record an entry for the next blob (stored locally first: a crash before the push loses nothing).
   * Entries are recorded in call order.
   */
  async record(body: EntryBody | Promise<EntryBody | undefined>): Promise<void> {
    return this.#record(body, () => [])
  }

  /**
   * Record an entry and, in the same store batch, the local state it sets (`alsoWrite` gets the entry's lamport).
   * Entries recorded while a batch is being written go together in the next one (one batch, one meta update).
   */
  async #record(body: EntryBody | Promise<EntryBody | undefined>, alsoWrite: (lamport: number) => StoreOp[]): Promise<void> {
    // queued at once, even when the body is still being looked up, so a flush right after includes it
    const done = new Promise<void>((resolve, reject) => this.#toRecord.push({ body: Promise.resolve(body), alsoWrite, resolve, reject }))
    if (this.#toRecord.length === 1) this.#recording = this.#recording.then(async () => this.#recordQueued()).catch(() => undefined)
    await done
    this.#scheduleFlush()
  }

  /** Write every queued entry, in call order, in one store batch. */
  async #recordQueued(): Promise<void> {
    const queued = this.#toRecord.splice(0)
    const ops: StoreOp[] = []
    const added: PendingEntry[] = []
    const failed = new Map<number, unknown>()
    let lamport = this.#meta.lamport
    try {
      for (const [i, q] of queued.entries()) {
        let resolved: EntryBody | undefined
        try {
          resolved = await q.body
        } catch (err) {
          failed.set(i, err) // this entry only: the others are recorded
          continue
        }
        if (resolved === undefined) continue
        lamport++
        const entry = VaultEntryPb.encode({
          ...resolved,
          lamport: BigInt(lamport),
          deviceIndex: this.#init.deviceIndex,
          at: BigInt(this.#now()),
        })
        ops.push(this.#state.pending.put(pad(lamport), entry), ...q.alsoWrite(lamport))
        added.push({ key: pad(lamport), bytes: entry })
      }
      if (ops.length > 0) await this.#writeMeta({ ...this.#meta, lamport }, ops)
      this.#pending.added(added)
    } catch (err) {
      for (const q of queued) q.reject(err)
      return
    }
    queued.forEach((q, i) => (failed.has(i) ? q.reject(failed.get(i)) : q.resolve()))
  }

  /**
   * The hook for disappearing messages (ephemeral/) and deletes: record that
   * these messages are gone and delete any local copy. A tombstone beats every
   * copy of the message on every device and in every recovery.
   */
  async recordTombstone(conversation: AccountId, ids: readonly string[], deletedAt = this.#now()): Promise<void> {
    const ops: StoreOp[] = []
    for (const id of ids) {
      ops.push(this.#state.tombstones.put(id, deletedAt))
      await deleteMessageOps(this.#init.store, id, ops)
    }
    await this.#init.store.write(ops)
    await this.record({ tombstone: { conversation, ids: ids.map((id) => hexToBytes(id)), deletedAt: BigInt(deletedAt) } })
  }

  /** A conversation setting (opaque bytes, last writer wins across devices), e.g. a timer. */
  async recordSetting(conversation: AccountId, key: string, value: Uint8Array): Promise<void> {
    const stateKey = `${this.#init.store.blind(conversation)}!${key}`
    await this.#record({ setting: { conversation, key, value: Uint8Array.from(value) } }, (lamport) => [
      this.#state.settings.put(stateKey, { lamport, device: this.#init.deviceIndex, value }),
    ])
  }

  /** A conversation setting as last set by any device. */
  async setting(conversation: AccountId, key: string): Promise<Uint8Array | undefined> {
    return (await this.#state.settings.get(`${this.#init.store.blind(conversation)}!${key}`))?.value
  }

  /** Whether a message id was tombstoned (so a late copy must not be shown). */
  async isTombstoned(id: string): Promise<boolean> {
    return (await this.#state.tombstones.get(id)) !== undefined
  }

  /** Entries recorded here and not yet on relays. */
  async pendingCount(): Promise<number> {
    return this.#pending.count()
  }

  /** Push, then pull: what live sync runs on its timer. */
  async sync(options: AbortOptions = {}): Promise<PullResult> {
    await this.flush(options).catch(() => undefined)
    return this.pull({ ...options, since: 'newest' })
  }

  /**
   * Seal the recorded entries into blobs and write each to the first
   * `replicas` relays that take it; entries leave the local queue once a blob
   * is on at least one relay.
   * @throws XchatError VAULT_UNAVAILABLE when no relay stored a blob (entries stay queued)
   */
  async flush(options: AbortOptions = {}): Promise<FlushResult> {
    return this.#exclusive(async () => {
      await this.#recording
      const pending = await this.#pending.list()
      if (pending.length === 0) return { blobs: 0, entries: 0, relays: 0 }
      const relays = await rankedVaultRelays(this.#init.node, this.#init.keys.vaultId)
      if (relays.length === 0)
        throw new XchatError('VAULT_UNAVAILABLE', 'no vault relay is known; the entries stay queued', { details: { relays: 0 } })
      let minRelays = Infinity
      let blobs = 0
      for (const batch of batches(pending)) {
        const blobId = newBlobId(this.#now())
        const sealed = sealBlob(
          this.#init.keys,
          blobId,
          this.#init.deviceIndex,
          batch.map((p) => VaultEntryPb.decode(p.bytes)),
        )
        const acked = await this.#replicate(relays, blobId, sealed, options)
        if (acked === 0)
          throw new XchatError('VAULT_UNAVAILABLE', 'no vault relay stored the blob; the entries stay queued', {
            details: { relays: relays.length },
          })
        minRelays = Math.min(minRelays, acked)
        blobs++
        await this.#init.store.write([...batch.map((p) => this.#state.pending.del(p.key)), this.#state.applied.put(bytesToHex(blobId), 1)])
        this.#pending.removed(batch.map((p) => p.key))
      }
      await this.#init.store.flush()
      return { blobs, entries: pending.length, relays: minRelays }
    })
  }

  /** Write one blob to relays in rank order until `replicas` acked or none are left; @returns how many acked */
  async #replicate(relays: readonly PeerId[], blobId: Uint8Array, sealed: Uint8Array, options: AbortOptions): Promise<number> {
    const want = Math.min(this.#init.replicas ?? VAULT_REPLICAS, relays.length)
    let acked = 0
    let next = 0
    while (acked < want && next < relays.length) {
      const round = relays.slice(next, next + (want - acked))
      next += round.length
      const results = await Promise.allSettled(round.map(async (r) => this.#relays.append(r, blobId, sealed, options)))
      acked += results.filter((r) => r.status === 'fulfilled').length
    }
    return acked
  }

  /**
   * Fetch blobs this device has not applied, verify and decrypt each, and
   * replay their entries into the store. Works while all relays but one are
   * down: ids are listed on every reachable relay and each blob is fetched from
   * any relay that has it.
   * @param options.since - 'all' (recovery) or 'newest' (live sync: from a little before the newest blob applied)
   * @throws XchatError VAULT_UNAVAILABLE when no vault relay answered
   */
  async pull(options: AbortOptions & { since?: 'all' | 'newest'; onProgress?: (p: VaultProgress) => void } = {}): Promise<PullResult> {
    return this.#exclusive(async () => {
      const progress = (p: VaultProgress): void => {
        options.onProgress?.(p)
        this.safeDispatchEvent('vault:progress', { detail: p })
      }
      const relays = (await rankedVaultRelays(this.#init.node, this.#init.keys.vaultId)).slice(0, MAX_READ_RELAYS)
      progress({ phase: 'relays', done: relays.length, total: relays.length })
      const after = options.since === 'newest' && this.#meta.newestBlob !== '' ? cursorBefore(this.#meta.newestBlob) : new Uint8Array(0)
      const listings = await Promise.allSettled(relays.map(async (r) => ({ relay: r, ids: await this.#relays.list(r, after, options) })))
      const holders = new Map<string, PeerId[]>()
      let answered = 0
      for (const l of listings) {
        if (l.status !== 'fulfilled') continue
        answered++
        for (const id of l.value.ids) {
          const hex = bytesToHex(id)
          holders.set(hex, [...(holders.get(hex) ?? []), l.value.relay])
        }
      }
      if (answered === 0) {
        const errors: unknown[] = listings.flatMap((l) => (l.status === 'rejected' ? [l.reason as unknown] : []))
        throw new XchatError('VAULT_UNAVAILABLE', relays.length === 0 ? 'no vault relay is known' : 'no vault relay answered', {
          cause: new AggregateError(errors),
          details: { relays: relays.length },
        })
      }
      const wanted: string[] = []
      for (const hex of [...holders.keys()].sort()) if ((await this.#state.applied.get(hex)) === undefined) wanted.push(hex)
      progress({ phase: 'list', done: wanted.length, total: wanted.length })
      const { got, rejected } = await this.#fetchAll(wanted, holders, options, (done) =>
        progress({ phase: 'fetch', done, total: wanted.length }),
      )
      const opened = [...got.keys()]
      const entries = [...got.values()].flatMap((b) => b.entries)
      const result = await applyEntries(this.#init.store, this.#state, this.#init.contacts, entries, {
        onProgress: (done, total) => progress({ phase: 'apply', done, total }),
        onSetting: (change) => this.safeDispatchEvent('setting:changed', { detail: change }),
      })
      const lamport = entries.reduce((max, e) => Math.max(max, Number(e.lamport)), this.#meta.lamport)
      const newest = [this.#meta.newestBlob, ...opened].sort().at(-1) ?? ''
      await this.#writeMeta(
        { lamport, newestBlob: newest },
        opened.map((hex) => this.#state.applied.put(hex, 1)),
      )
      progress({ phase: 'done', done: entries.length, total: entries.length })
      const pulled = { ...result, blobs: opened.length, entries: entries.length, relays: answered, rejected }
      if (entries.length > 0) this.safeDispatchEvent('vault:applied', { detail: result })
      return pulled
    })
  }

  /** Fetch each wanted blob from a relay that listed it, falling back to the others; a good copy beats a tampered one. */
  async #fetchAll(
    wanted: readonly string[],
    holders: ReadonlyMap<string, readonly PeerId[]>,
    options: AbortOptions,
    onFetched: (done: number) => void,
  ): Promise<{ got: Map<string, OpenedBlob>; rejected: number }> {
    const got = new Map<string, OpenedBlob>()
    let rejected = 0
    for (let attempt = 0; attempt < MAX_READ_RELAYS; attempt++) {
      const byRelay = new Map<string, { relay: PeerId; ids: string[] }>()
      for (const hex of wanted) {
        if (got.has(hex)) continue
        const relay = holders.get(hex)?.[attempt]
        if (relay === undefined) continue
        const slot = byRelay.get(relay.toString()) ?? { relay, ids: [] }
        slot.ids.push(hex)
        byRelay.set(relay.toString(), slot)
      }
      if (byRelay.size === 0) break
      await Promise.allSettled(
        [...byRelay.values()].map(async ({ relay, ids }) => {
          for (const b of await this.#relays.fetch(
            relay,
            ids.map((h) => hexToBytes(h)),
            options,
          )) {
            const hex = bytesToHex(b.id)
            try {
              got.set(hex, openBlob(this.#init.keys, b.id, b.blob))
            } catch {
              rejected++ // tampered or not ours: never applied; another relay's copy may still be good
            }
          }
          onFetched(got.size)
        }),
      )
    }
    return { got, rejected }
  }

  async #writeMeta(meta: VaultMeta, ops: StoreOp[]): Promise<void> {
    await this.#init.store.write([...ops, this.#state.meta.put('meta', meta)])
    this.#meta = meta
  }

  #scheduleFlush(): void {
    if (this.#flushTimer !== undefined || this.#pollTimer === undefined) return
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined
      void this.flush().catch(() => undefined)
    }, this.#init.flushDelayMs ?? 2000)
  }

  /** One push or pull at a time. */
  async #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#busy.then(task, task)
    this.#busy = run.catch(() => undefined)
    return run
  }
}

/** Group pending entries into blobs within the plaintext budget and entry limit. */
function batches<T extends { bytes: Uint8Array }>(items: readonly T[]): T[][] {
  const out: T[][] = []
  let current: T[] = []
  let size = 0
  for (const item of items) {
    const cost = item.bytes.length + 8
    if (current.length > 0 && (size + cost > BLOB_PLAINTEXT_BUDGET || current.length >= limits.MAX_VAULT_ENTRIES_PER_BLOB)) {
      out.push(current)
      current = []
      size = 0
    }
    current.push(item)
    size += cost
  }
  if (current.length > 0) out.push(current)
  return out
}

/** A list cursor a little before the newest blob applied: blobs of devices whose clocks lag still show. */
function cursorBefore(newestHex: string): Uint8Array {
  const time = blobIdTime(hexToBytes(newestHex))
  return newBlobId(Math.max(0, time - SYNC_LOOKBACK_MS)).fill(0, 8)
}
