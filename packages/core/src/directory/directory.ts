import { bytesToHex } from '@noble/hashes/utils.js'
import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import { peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { TypedEventEmitter } from 'main-event'
import type { AbortOptions, Libp2p } from '@libp2p/interface'
import type { KadDHT, QueryEvent } from '@libp2p/kad-dht'
import { XchatError } from '../errors.js'
import { decodeAccountId, encodeAccountId, type AccountId, type DeviceKeys } from '../identity/index.js'
import { limits } from '../wire/index.js'
import { DEFAULT_RECORD_TTL_MS, DEFAULT_REPUBLISH_MS } from './constants.js'
import { directoryKey } from './key.js'
import { buildDirectoryRecord, parseDirectoryRecord, type DirectoryDeviceInput, type DirectoryRecord } from './record.js'

/** Accounts whose highest seen seq a Directory remembers (far more than anyone's contacts). */
const MAX_REMEMBERED_ACCOUNTS = 10_000

/** The part of a libp2p node the directory uses; an `XchatNode` is one. */
export type DirectoryNode = Pick<Libp2p, 'peerId' | 'peerStore' | 'getMultiaddrs' | 'addEventListener' | 'removeEventListener'> & {
  readonly services: { readonly dht: Pick<KadDHT, 'get' | 'put'> }
}

/** Options of {@link Directory}. */
export interface DirectoryInit {
  readonly node: DirectoryNode
  /** This device's keys; without them the directory can only resolve (an anonymous lookup). */
  readonly keys?: DeviceKeys
  /** The clock, ms since the Unix epoch; defaults to `Date.now`. */
  readonly now?: () => number
  /** How long a published record is valid; defaults to {@link DEFAULT_RECORD_TTL_MS}. */
  readonly ttlMs?: number
  /** How often {@link Directory.start} republishes; defaults to {@link DEFAULT_REPUBLISH_MS}. */
  readonly republishMs?: number
  /**
   * This device's encoded PrekeyBundle (its signed prekey) to publish in its
   * entry, read at every publish; none when absent or empty.
   */
  readonly prekeys?: () => Uint8Array | undefined
  /** This device's name to publish (read at every publish); the name in the current record otherwise. */
  readonly deviceName?: () => string | undefined
}

/** The outcome of one publish. */
export interface PublishResult {
  /** How many DHT servers confirmed they stored the record (0: nobody has it yet). */
  readonly stored: number
  readonly seq: bigint
  /** The addresses this device published. */
  readonly addrs: readonly string[]
}

/** A verified device of a resolved account. */
export interface ResolvedDevice {
  readonly deviceIndex: number
  /** The device's libp2p PeerId (`16Uiu2…`), bound to its certified key. */
  readonly peerId: string
  /** 33-byte compressed device public key, hex. */
  readonly devicePublicKey: string
  readonly addrs: readonly string[]
  /** ms since the Unix epoch, from the device certificate */
  readonly createdAt: number
  /** The device's encoded PrekeyBundle, when it published one. Verify it with `decodePrekeyBundle`. */
  readonly prekeys?: Uint8Array
  /** The user's name for the device; empty when none. */
  readonly name: string
  /** ms since the Unix epoch the device last published its entry; 0 unknown. */
  readonly lastSeen: number
}

/** An account as the directory knows it. */
export interface ResolvedAccount {
  readonly accountId: AccountId
  readonly seq: bigint
  readonly expiresAt: number
  readonly devices: readonly ResolvedDevice[]
  /** Device keys (hex) the account revoked: refuse sessions and messages from them. */
  readonly revoked: readonly string[]
}

/** The outcome of {@link Directory.revoke}. */
export interface RevokeResult extends PublishResult {
  /** The revoked device's key, hex. */
  readonly devicePublicKey: string
}

/** Events of a running {@link Directory}. */
export interface DirectoryEvents {
  'publish:success': CustomEvent<PublishResult>
  'publish:error': CustomEvent<Error>
}

/**
 * Publishes this device's signed entry in the account directory (a DHT record
 * under the account key) and resolves other accounts' entries.
 * @example
 * const dir = new Directory({ node, keys })
 * dir.start()
 * const bob = await dir.resolve('xc1…')
 */
export class Directory extends TypedEventEmitter<DirectoryEvents> {
  readonly #node: DirectoryNode
  readonly #keys: DeviceKeys | undefined
  readonly #now: () => number
  readonly #ttlMs: number
  readonly #republishMs: number
  readonly #prekeys: (() => Uint8Array | undefined) | undefined
  readonly #deviceName: (() => string | undefined) | undefined
  /** Highest seq seen per account (hex key): a resolve never goes back to an older record. */
  readonly #seen = new Map<string, bigint>()
  #lastSeq = 0n
  #publishing: Promise<unknown> = Promise.resolve()
  #timer: ReturnType<typeof setInterval> | undefined
  /** The addresses of the last publish, to republish when they change. */
  #lastAddrs: readonly string[] = []
  /** A background publish is queued and has not read the addresses yet. */
  #queued = false

  constructor(init: DirectoryInit) {
    super()
    this.#node = init.node
    this.#keys = init.keys
    this.#now = init.now ?? Date.now
    this.#ttlMs = positive('ttlMs', init.ttlMs ?? DEFAULT_RECORD_TTL_MS)
    this.#republishMs = positive('republishMs', init.republishMs ?? DEFAULT_REPUBLISH_MS)
    this.#prekeys = init.prekeys
    this.#deviceName = init.deviceName
  }

  /**
   * Sign and store this account's record with this device's addresses.
   * seq = max(last seq + 1, now): a restart never publishes an older seq.
   * Publishes run one at a time, in call order.
   * @param addrs - defaults to the node's current addresses
   * @returns how many DHT servers stored it; 0 is not an error (no servers reachable yet)
   */
  async publish(addrs?: readonly string[], options: AbortOptions = {}): Promise<PublishResult> {
    const run = this.#publishing.then(async () => this.#publish(addrs, options))
    this.#publishing = run.catch(() => undefined)
    return run
  }

  async #publish(given: readonly string[] | undefined, options: AbortOptions): Promise<PublishResult> {
    this.#queued = false
    const keys = this.#keys
    if (keys === undefined) throw new TypeError('Directory.publish needs the device keys: construct it with { keys }')
    const addrs = given ?? this.#currentAddrs()
    const current = await this.#currentRecord(keys, options)
    const ours = bytesToHex(keys.device.publicKey)
    if (current?.revoked.some((k) => bytesToHex(k) === ours) === true) {
      throw new XchatError('DEVICE_REVOKED', 'this device was revoked by the account: it is no longer published')
    }
    const now = this.#now()
    const seq = maxBig(maxBig(this.#lastSeq + 1n, BigInt(now)), (current?.seq ?? 0n) + 1n)
    const value = buildDirectoryRecord({
      accountPrivateKey: keys.account.privateKey(),
      devices: this.#ownDevices(keys, addrs, current, now),
      seq,
      expiresAt: now + this.#ttlMs,
      revoked: current?.revoked ?? [],
    })
    this.#lastSeq = seq
    this.#lastAddrs = addrs
    let stored = 0
    for await (const event of this.#node.services.dht.put(directoryKey(keys.account.publicKey), value, options)) {
      if (storedBy(event, value)) stored++
    }
    return { stored, seq, addrs }
  }

  #currentAddrs(): string[] {
    return this.#node.getMultiaddrs().map((ma) => ma.toString())
  }

  /**
   * This account's devices as this device lists them: its own entry first,
   * then the other devices' entries as the account's current record lists
   * them (each device keeps its own entry fresh; any device may sign the
   * record, since every device holds the account key).
   */
  #ownDevices(keys: DeviceKeys, addrs: readonly string[], current: DirectoryRecord | undefined, now: number): DirectoryDeviceInput[] {
    const prekeys = this.#prekeys?.()
    const ours = bytesToHex(keys.device.publicKey)
    const previous = current?.devices.find((d) => bytesToHex(d.certificate.devicePublicKey) === ours)
    const name = this.#deviceName?.() ?? previous?.name ?? ''
    const own: DirectoryDeviceInput = {
      certificate: keys.certificate,
      addrs,
      name,
      lastSeen: now,
      ...(prekeys === undefined ? {} : { prekeys }),
    }
    const others = (current?.devices ?? []).filter((d) => bytesToHex(d.certificate.devicePublicKey) !== ours)
    return [own, ...others.slice(0, limits.MAX_DEVICES_PER_RECORD - 1)]
  }

  /**
   * Revoke a device of this account: publish the record without it and with
   * its key in the revoked list. Any device may do it, and so may the bare
   * words (keys of a device index that is not listed). Contacts then send it
   * nothing and refuse what it sends.
   * @throws XchatError NOT_FOUND (no record, or no such device) | RangeError for this very device
   */
  async revoke(deviceIndex: number, options: AbortOptions = {}): Promise<RevokeResult> {
    const run = this.#publishing.then(async () => this.#revoke(deviceIndex, options))
    this.#publishing = run.catch(() => undefined)
    return run
  }

  async #revoke(deviceIndex: number, options: AbortOptions): Promise<RevokeResult> {
    const keys = this.#keys
    if (keys === undefined) throw new TypeError('Directory.revoke needs the account keys: construct it with { keys }')
    const current = await this.#currentRecord(keys, options)
    const target = current?.devices.find((d) => d.certificate.deviceIndex === deviceIndex)
    if (current === undefined || target === undefined) {
      throw new XchatError('NOT_FOUND', `the account lists no device ${deviceIndex}`, { details: { deviceIndex } })
    }
    if (bytesToHex(target.certificate.devicePublicKey) === bytesToHex(keys.device.publicKey)) {
      throw new RangeError('"deviceIndex" is this device: revoke it from another device or from the words')
    }
    const now = this.#now()
    const seq = maxBig(maxBig(this.#lastSeq + 1n, BigInt(now)), current.seq + 1n)
    const devices = current.devices.filter((d) => d !== target)
    const value = buildDirectoryRecord({
      accountPrivateKey: keys.account.privateKey(),
      devices: devices.map((d) => ({ certificate: d.certificate, addrs: d.addrs, prekeys: d.prekeys, name: d.name, lastSeen: d.lastSeen })),
      seq,
      expiresAt: now + this.#ttlMs,
      revoked: [...current.revoked, target.certificate.devicePublicKey],
    })
    this.#lastSeq = seq
    let stored = 0
    for await (const event of this.#node.services.dht.put(directoryKey(keys.account.publicKey), value, options)) {
      if (storedBy(event, value)) stored++
    }
    return { stored, seq, addrs: [], devicePublicKey: bytesToHex(target.certificate.devicePublicKey) }
  }

  /** The account's record as the DHT has it now, if one parses; never throws. */
  async #currentRecord(keys: DeviceKeys, options: AbortOptions): Promise<DirectoryRecord | undefined> {
    try {
      let value: Uint8Array | undefined
      for await (const event of this.#node.services.dht.get(directoryKey(keys.account.publicKey), options)) {
        if (event.name === 'VALUE') value = event.value
      }
      return value === undefined ? undefined : parseDirectoryRecord(value, { now: this.#now(), expectedAccount: keys.account.publicKey })
    } catch {
      return undefined
    }
  }

  /**
   * Find an account's devices. Only records that pass every check count, the
   * highest seq wins, and the devices' addresses are added to the peer store
   * so their PeerIds can be dialled directly.
   * @throws XchatError ACCOUNT_ID_* | INVALID_KEY (bad ID) | NOT_FOUND (servers answered, none has a record) |
   *   UNREACHABLE (no server answered, or servers kept disagreeing) | RECORD_STALE (older than one seen before) | RECORD_*
   */
  async resolve(accountId: string, options: AbortOptions = {}): Promise<ResolvedAccount> {
    const account = decodeAccountId(accountId)
    const key = directoryKey(account)
    let value: Uint8Array | undefined
    let answered = false
    for (let attempt = 1; ; attempt++) {
      try {
        for await (const event of this.#node.services.dht.get(key, options)) {
          if (event.name === 'VALUE') value = event.value
          else if (event.name === 'PEER_RESPONSE') answered = true
        }
        break
      } catch (err) {
        // kad-dht yields the best record only after "correcting" every server that
        // answered an older one, and throws if one refuses — e.g. it took a newer
        // record meanwhile (the owner republished). Asked again, the servers agree.
        if (!isCorrectionFailure(err) || options.signal?.aborted === true) throw err
        if (attempt >= GET_ATTEMPTS) {
          throw new XchatError(
            'UNREACHABLE',
            'directory servers hold different versions of this record and one refused the newer: try again',
            {
              cause: err,
              details: { accountId: encodeAccountId(account) },
            },
          )
        }
      }
    }
    if (value === undefined && !answered) {
      // "nobody has it" and "nobody was asked" need different advice
      throw new XchatError('UNREACHABLE', 'no directory server answered: check the connection to a relay and try again', {
        details: { accountId: encodeAccountId(account) },
      })
    }
    if (value === undefined) {
      throw new XchatError('NOT_FOUND', 'no directory record for this account', { details: { accountId: encodeAccountId(account) } })
    }
    const record = parseDirectoryRecord(value, { now: this.#now(), expectedAccount: account })
    this.#checkFresh(record)
    const devices = record.devices.map(toResolvedDevice)
    await Promise.all(devices.map(async (d) => this.#remember(d, options)))
    return {
      accountId: encodeAccountId(account),
      seq: record.seq,
      expiresAt: record.expiresAt,
      devices,
      revoked: record.revoked.map((k) => bytesToHex(k)),
    }
  }

  #checkFresh(record: DirectoryRecord): void {
    const id = bytesToHex(record.accountPublicKey)
    const seen = this.#seen.get(id) ?? 0n
    if (record.seq < seen) {
      throw new XchatError('RECORD_STALE', 'the directory returned an older record than one seen before', {
        details: { seq: record.seq.toString(), seenSeq: seen.toString() },
      })
    }
    this.#seen.delete(id) // re-insert: the Map's order is least recently resolved first
    this.#seen.set(id, record.seq)
    if (this.#seen.size > MAX_REMEMBERED_ACCOUNTS) this.#seen.delete(this.#seen.keys().next().value ?? id)
  }

  async #remember(device: ResolvedDevice, options: AbortOptions): Promise<void> {
    if (device.addrs.length === 0 || device.peerId === this.#node.peerId.toString()) return
    await this.#node.peerStore.merge(peerIdFromString(device.peerId), { multiaddrs: device.addrs.map((a) => multiaddr(a)) }, options)
  }

  /**
   * Publish now, every `republishMs`, and whenever the node's addresses change
   * (e.g. a relay reservation arrives); results arrive as `publish:*` events.
   */
  start(): void {
    if (this.#timer !== undefined) return
    this.#timer = setInterval(this.#tick, this.#republishMs)
    this.#node.addEventListener('self:peer:update', this.#onSelfUpdate)
    this.#tick()
  }

  /** Stop republishing. A publish in flight finishes. */
  stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
    this.#node.removeEventListener('self:peer:update', this.#onSelfUpdate)
  }

  readonly #tick = (): void => {
    this.#queued = true
    this.publish().then(
      (result) => this.safeDispatchEvent('publish:success', { detail: result }),
      (err: unknown) => this.safeDispatchEvent('publish:error', { detail: err instanceof Error ? err : new Error(String(err)) }),
    )
  }

  readonly #onSelfUpdate = (): void => {
    // a queued publish reads the addresses when it runs: one is enough
    if (this.#queued || sameAddrs(this.#currentAddrs(), this.#lastAddrs)) return
    this.#tick()
  }
}

/** A PUT_VALUE answer echoing our record: that server stored it. */
function storedBy(event: QueryEvent, value: Uint8Array): boolean {
  return (
    event.name === 'PEER_RESPONSE' &&
    event.messageName === 'PUT_VALUE' &&
    event.record !== undefined &&
    equalBytes(event.record.value, value)
  )
}

function toResolvedDevice(device: DirectoryRecord['devices'][number]): ResolvedDevice {
  const { certificate } = device
  return {
    deviceIndex: certificate.deviceIndex,
    // the PeerId is the certified device key, so a dial proves the device (Noise)
    peerId: peerIdFromPublicKey(publicKeyFromRaw(certificate.devicePublicKey)).toString(),
    devicePublicKey: bytesToHex(certificate.devicePublicKey),
    addrs: device.addrs,
    createdAt: certificate.createdAt,
    ...(device.prekeys.length > 0 ? { prekeys: device.prekeys } : {}),
    name: device.name,
    lastSeen: device.lastSeen,
  }
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`"${name}" expected a positive integer of ms, got ${String(value)}`)
  return value
}

function sameAddrs(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a)
  return a.length === b.length && b.every((x) => set.has(x))
}

function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

/** DHT gets of a record: a second one when kad-dht failed to correct a server holding another version. */
const GET_ATTEMPTS = 2

/** kad-dht's QueryError from a get whose correction of a stale server was refused. */
function isCorrectionFailure(err: unknown): boolean {
  return err instanceof Error && err.name === 'QueryError' && /correction/iu.test(err.message)
}
