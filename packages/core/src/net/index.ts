export { libp2pPrivateKey, peerIdOfDevice } from './peer-id.js'
export { createXchatNode, type XchatNode, type XchatNodeOptions, type XchatServices } from './create-node.js'
export {
  DHT_PROTOCOL,
  DIRECTORY_KEY_PREFIX,
  CONNECTION_LIMITS,
  DEFAULT_RELAY_LIMITS,
  DEFAULT_RESERVATIONS,
  APP_PROTOCOL_LIMITS,
  MSG_PROTOCOL,
  type NodeRole,
  type ConnectionLimits,
  type RelayLimits,
  type AppProtocolLimits,
} from './constants.js'
export { Bootstrap, bootstrap, parseBootstrapList, BOOTSTRAP_TAG, type BootstrapPeer, type BootstrapComponents } from './bootstrap.js'
export { DHT_DATASTORE_PREFIX } from './dht.js'
export type { TransportFactory } from './transports.js'
export { DirectMessages, type DirectMessagesInit, type DirectMessagesNode, type DirectTarget } from './direct-messages.js'
export { GossipFanout, GroupRelay, xchatPubsub, type GossipFanoutInit, type PubsubNode } from './group-pubsub.js'
