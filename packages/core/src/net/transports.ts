import type { Libp2pOptions } from 'libp2p'

/** A libp2p transport factory, as `createLibp2p({ transports })` takes it. */
export type TransportFactory = NonNullable<Libp2pOptions['transports']>[number]
