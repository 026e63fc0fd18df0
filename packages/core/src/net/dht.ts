import {
  kadDHT,
  passthroughMapper,
  removePrivateAddressesMapper,
  Record as DhtRecord,
  type KadDHT,
  type KadDHTComponents,
} from '@libp2p/kad-dht'
import { Key, type Datastore } from 'interface-datastore'
import { toString as toText } from 'uint8arrays/to-string'
import { directorySelector, directoryValidator, DIRECTORY_NAMESPACE } from '../directory/index.js'
import { DHT_PROTOCOL, type NodeRole } from './constants.js'

/** Where kad-dht keeps records in the node's datastore (its `datastorePrefix`). */
export const DHT_DATASTORE_PREFIX = '/dht'

/** Delay before a node's first DHT self-query; see {@link xchatDht}. */
export const INITIAL_QUERY_SELF_DELAY_MS = 10

/** Options of {@link xchatDht}. */
export interface XchatDhtOptions {
  readonly role: NodeRole
  /** The node's datastore, the one kad-dht stores records in. */
  readonly datastore: Datastore
  /** Keep loopback/private addresses in the routing table (tests, LANs). */
  readonly loopback: boolean
  /** The clock of the record validator, ms since the Unix epoch. */
  readonly now: () => number
}

/**
 * xchat's private Kademlia DHT: its own protocol ID, server mode only on
 * relays, and the directory's validator and selector for `/xchat-dir/` keys.
 */
export function xchatDht(options: XchatDhtOptions): (components: KadDHTComponents) => KadDHT {
  return kadDHT({
    protocol: DHT_PROTOCOL,
    datastorePrefix: DHT_DATASTORE_PREFIX,
    clientMode: options.role !== 'relay',
    peerInfoMapper: options.loopback ? passthroughMapper : removePrivateAddressesMapper,
    // every query waits for the first self-query, which kad-dht starts only after
    // this delay (default 1 s): that second was most of a resolve's and a
    // publish's time. The self-query itself still waits for a first DHT server.
    initialQuerySelfInterval: INITIAL_QUERY_SELF_DELAY_MS,
    // never allowQueryWithZeroPeers: with an empty routing table, libp2p's random
    // walk (relay discovery, AutoNAT) then spins in a microtask loop and blocks the
    // event loop. Queries wait for the first DHT server instead.
    validators: {
      [DIRECTORY_NAMESPACE]: directoryValidator({ now: options.now, storedRecord: storedDhtValue(options.datastore) }),
    },
    selectors: { [DIRECTORY_NAMESPACE]: directorySelector(options.now) },
  })
}

/**
 * Read the value kad-dht stores under `key`, so the validator can refuse a
 * record older than the stored one (kad-dht's PUT handler would overwrite it).
 * Mirrors kad-dht 16's layout `<prefix>/record/<base32 key>`, a serialised
 * libp2p record; directory.test.ts fails if that layout changes.
 */
function storedDhtValue(datastore: Datastore): (key: Uint8Array, options?: { signal?: AbortSignal }) => Promise<Uint8Array | undefined> {
  return async (key, options) => {
    const dsKey = new Key(`${DHT_DATASTORE_PREFIX}/record/${toText(key, 'base32')}`, false)
    try {
      return DhtRecord.deserialize(await datastore.get(dsKey, options)).value
    } catch {
      return undefined // not stored (NotFoundError) or unreadable: nothing to compare with
    }
  }
}
