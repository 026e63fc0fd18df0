/**
 * Group fan-out over libp2p (docs/protocol/groups.md): gossipsub topics named
 * by a hash of the group id, relays following every group topic their peers
 * follow (so a peer connected only to relays gets every message) and keeping
 * the newest messages of each for members that were offline
 * ('/xchat/group-store/1.0.0').
 */
import { gossipsub, type GossipSub } from '@libp2p/gossipsub'
import { peerIdFromString } from '@libp2p/peer-id'
import type { AbortOptions, Libp2p, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import { GroupFetchRequestPb, GroupFetchResponsePb, decodeBounded, checkVersion } from '../wire/index.js'
import type { GroupFanout } from '../groups/ports.js'
import { RelayGroupStore } from '../groups/relay-store.js'
import type { MailboxDatabase } from '../mailbox/index.js'
import {
  GROUP_MESSAGE_VERSION,
  GROUP_STORE_PROTOCOL,
  MAX_GROUP_FETCH_BYTES,
  MAX_GROUP_MESSAGE_BYTES,
  MAX_TOPIC_LENGTH,
  TOPIC_PREFIX,
} from '../groups/constants.js'
import { APP_PROTOCOL_LIMITS, type NodeRole } from './constants.js'

/** A node with the pubsub service. */
export type PubsubNode = Libp2p<{ pubsub: GossipSub }>

/** How long a publish waits for a first peer following the topic (a relay) after start. */
const PUBLISH_WAIT_MS = 5_000

/** How often a relay drops expired held messages. */
const RELAY_SWEEP_MS = 60 * 60 * 1000

/** Bytes an RPC adds around a published message (protobuf tags, lengths, the topic). */
const RPC_OVERHEAD = 16

/**
 * The gossipsub service of a role. No signatures or sender ids on messages
 * (StrictNoSign: the group message carries its own signature, and relays must
 * not learn who wrote what beyond the connection it came on); relays keep a
 * mesh as wide as their peers so each peer needs only its relay.
 */
export function xchatPubsub(role: NodeRole): ReturnType<typeof gossipsub> {
  const wide = role === 'relay' ? { D: 64, Dlo: 48, Dhi: 4096, Dout: 2 } : {}
  return gossipsub({
    globalSignaturePolicy: 'StrictNoSign',
    allowPublishToZeroTopicPeers: true,
    ignoreDuplicatePublishError: true,
    emitSelf: false,
    floodPublish: true,
    // many devices share one address (CGNAT, an office, every peer of a loopback test): by default
    // gossipsub penalises more than 10 peers per IP until it ignores their RPCs (graylisted), their
    // subscriptions included, and a relay then serves none of them. Relays take peers from anywhere.
    scoreParams: { IPColocationFactorWeight: 0 },
    // the group message (≤ MAX_GROUP_MESSAGE_BYTES) in an RPC
    maxInboundDataLength: MAX_GROUP_MESSAGE_BYTES * 4,
    ...wide,
  })
}

/** Options of {@link GossipFanout}. */
export interface GossipFanoutInit {
  readonly node: PubsubNode
  /** PeerIds of the relays to fetch held messages from (this device's relays). */
  readonly relays: () => readonly string[]
}

/** {@link GroupFanout} on gossipsub, fetching from relays' stores. */
export class GossipFanout implements GroupFanout {
  readonly #node: PubsubNode
  readonly #relays: () => readonly string[]
  readonly #handlers = new Map<string, (bytes: Uint8Array) => void>()
  readonly #onMessage = (evt: CustomEvent<{ topic: string; data: Uint8Array }>): void => {
    const handler = this.#handlers.get(evt.detail.topic)
    if (handler !== undefined && evt.detail.data.length <= MAX_GROUP_MESSAGE_BYTES) handler(evt.detail.data)
  }

  constructor(init: GossipFanoutInit) {
    this.#node = init.node
    this.#relays = init.relays
    this.#node.services.pubsub.addEventListener('message', this.#onMessage)
  }

  subscribe(topic: string, onMessage: (bytes: Uint8Array) => void): void {
    this.#handlers.set(topic, onMessage)
    this.#node.services.pubsub.subscribe(topic)
  }

  unsubscribe(topic: string): void {
    this.#handlers.delete(topic)
    this.#node.services.pubsub.unsubscribe(topic)
  }

  async publish(topic: string, bytes: Uint8Array): Promise<{ uploadedBytes: number }> {
    await this.#someoneListens(topic)
    const result = await this.#node.services.pubsub.publish(topic, bytes)
    return { uploadedBytes: result.recipients.length * (bytes.length + topic.length + RPC_OVERHEAD) }
  }

  async fetch(topic: string, options: AbortOptions = {}): Promise<readonly Uint8Array[]> {
    const out: Uint8Array[] = []
    const seen = new Set<string>()
    for (const relay of this.#relays()) {
      try {
        for (const m of await fetchFrom(this.#node, relay, topic, options)) {
          const key = String(m.length) + ':' + m.subarray(0, 48).join(',')
          if (!seen.has(key)) out.push(m)
          seen.add(key)
        }
      } catch {
        // an unreachable relay: the others may have it
      }
    }
    return out
  }

  /**
   * Right after start, or right after subscribing, no peer is known to follow
   * the topic yet (subscriptions are exchanged when gossip streams open):
   * wait for one, briefly, rather than publish to nobody.
   */
  async #someoneListens(topic: string): Promise<void> {
    const pubsub = this.#node.services.pubsub
    if (pubsub.getSubscribers(topic).length > 0) return
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        pubsub.removeEventListener('subscription-change', check)
        resolve()
      }
      const check = (): void => {
        if (pubsub.getSubscribers(topic).length > 0) done()
      }
      const timer = setTimeout(done, PUBLISH_WAIT_MS)
      pubsub.addEventListener('subscription-change', check)
    })
  }

  /** Stop listening (subscriptions end with the node). */
  close(): void {
    this.#node.services.pubsub.removeEventListener('message', this.#onMessage)
  }
}

async function fetchFrom(node: PubsubNode, relay: string, topic: string, options: AbortOptions): Promise<Uint8Array[]> {
  const signal = AbortSignal.any([AbortSignal.timeout(10_000), ...(options.signal ? [options.signal] : [])])
  const stream = await node.dialProtocol(peerIdFromString(relay), GROUP_STORE_PROTOCOL, { signal, runOnLimitedConnection: true })
  try {
    const lp = lpStream(stream, { maxDataLength: MAX_GROUP_FETCH_BYTES + 4096 })
    await lp.write(GroupFetchRequestPb.encode({ version: GROUP_MESSAGE_VERSION, topic }), { signal })
    const bytes = (await lp.read({ signal })).subarray()
    const pb = decodeBounded('group fetch response', bytes, MAX_GROUP_FETCH_BYTES + 4096, (b) => GroupFetchResponsePb.decode(b))
    checkVersion('group fetch response', pb.version, { min: GROUP_MESSAGE_VERSION, max: GROUP_MESSAGE_VERSION })
    return pb.messages
  } finally {
    await stream.close().catch(() => undefined)
  }
}

/**
 * The relay side: follow the group topics peers subscribe to, keep their
 * newest messages and answer '/xchat/group-store/1.0.0'.
 */
export class GroupRelay {
  readonly #node: PubsubNode
  readonly #db: MailboxDatabase | undefined
  readonly #now: () => number
  #store: RelayGroupStore
  #sweep: ReturnType<typeof setInterval> | undefined
  readonly #onSubscription = (evt: CustomEvent<{ subscriptions: { topic: string; subscribe: boolean }[] }>): void => {
    const pubsub = this.#node.services.pubsub
    const followed = new Set(pubsub.getTopics())
    for (const s of evt.detail.subscriptions)
      if (s.subscribe && isGroupTopic(s.topic) && !followed.has(s.topic)) {
        pubsub.subscribe(s.topic)
        followed.add(s.topic)
      }
  }
  readonly #onMessage = (evt: CustomEvent<{ topic: string; data: Uint8Array }>): void => {
    if (isGroupTopic(evt.detail.topic) && evt.detail.data.length <= MAX_GROUP_MESSAGE_BYTES)
      this.#store.add(evt.detail.topic, evt.detail.data)
  }

  /**
   * @param options.db - the relay's level database: held messages are kept in
   *   its sublevel `group-store` and survive a restart (without it, in memory only)
   */
  constructor(node: PubsubNode, options: { readonly db?: MailboxDatabase; readonly now?: () => number } = {}) {
    this.#node = node
    this.#db = options.db
    this.#now = options.now ?? Date.now
    this.#store = new RelayGroupStore(this.#now)
  }

  /** The messages held (for tests and metrics). */
  get store(): RelayGroupStore {
    return this.#store
  }

  async start(): Promise<void> {
    if (this.#db !== undefined) this.#store = await RelayGroupStore.open(this.#db, this.#now)
    // expired messages leave the disk even in topics nobody fetches
    this.#sweep = setInterval(() => this.#store.sweep(), RELAY_SWEEP_MS)
    const pubsub = this.#node.services.pubsub
    pubsub.addEventListener('subscription-change', this.#onSubscription)
    pubsub.addEventListener('message', this.#onMessage)
    await this.#node.handle(GROUP_STORE_PROTOCOL, async (stream) => this.#serve(stream), {
      ...APP_PROTOCOL_LIMITS,
      runOnLimitedConnection: true,
    })
  }

  async stop(): Promise<void> {
    const pubsub = this.#node.services.pubsub
    pubsub.removeEventListener('subscription-change', this.#onSubscription)
    pubsub.removeEventListener('message', this.#onMessage)
    clearInterval(this.#sweep)
    await this.#node.unhandle(GROUP_STORE_PROTOCOL)
    await this.#store.flush()
  }

  async #serve(stream: Stream): Promise<void> {
    try {
      const lp = lpStream(stream, { maxDataLength: 256 })
      const signal = AbortSignal.timeout(10_000)
      const pb = decodeBounded('group fetch request', (await lp.read({ signal })).subarray(), 256, (b) => GroupFetchRequestPb.decode(b))
      checkVersion('group fetch request', pb.version, { min: GROUP_MESSAGE_VERSION, max: GROUP_MESSAGE_VERSION })
      // the store hands out no copy past its keep_until (a disappearing message, gone everywhere else)
      const messages = isGroupTopic(pb.topic) ? this.#store.get(pb.topic) : []
      await lp.write(GroupFetchResponsePb.encode({ version: GROUP_MESSAGE_VERSION, messages: messages.map((m) => Uint8Array.from(m)) }), {
        signal,
      })
      await stream.close()
    } catch {
      stream.abort(new Error('bad group fetch request'))
    }
  }
}

function isGroupTopic(topic: string): boolean {
  return topic.length <= MAX_TOPIC_LENGTH && topic.startsWith(TOPIC_PREFIX) && /^[0-9a-f]{64}$/.test(topic.slice(TOPIC_PREFIX.length))
}
