/**
 * An xchat relay speaks plain libp2p: a node built only from libp2p packages
 * (no project code on its side) can use it.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { createLibp2p } from 'libp2p'
import { webSockets } from '@libp2p/websockets'
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify } from '@libp2p/identify'
import { multiaddr } from '@multiformats/multiaddr'
import type { IdentifyResult } from '@libp2p/interface'
import { DHT_PROTOCOL } from '../src/index.js'
import { addrsOf, startRelay, stopAll, waitUntil } from './net-fixture.js'

const HOP = '/libp2p/circuit/relay/0.2.0/hop'

describe('a stock js-libp2p node and an xchat relay', () => {
  afterAll(stopAll)

  it('dials the relay over WebSockets, sees its protocols via identify and gets a reservation', async () => {
    const relay = await startRelay()
    const stock = await createLibp2p({
      addresses: { listen: ['/p2p-circuit'] },
      transports: [webSockets(), circuitRelayTransport()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      services: { identify: identify() },
    })
    try {
      const identified = new Promise<IdentifyResult>((resolve) => {
        stock.addEventListener('peer:identify', (evt) => {
          if (evt.detail.peerId.equals(relay.peerId)) resolve(evt.detail)
        })
      })
      const wsAddr = addrsOf(relay).find((a) => a.includes('/ws/'))
      expect(wsAddr).toBeDefined()
      await stock.dial(multiaddr(wsAddr))

      const result = await identified
      expect(result.protocols).toContain(HOP)
      expect(result.protocols).toContain(DHT_PROTOCOL)

      const circuit = (): boolean => stock.getMultiaddrs().some((a) => a.toString().includes(`${relay.peerId.toString()}/p2p-circuit`))
      await waitUntil(stock, 'self:peer:update', circuit, 10_000, 'a reservation on the relay')
      expect(relay.services.relay?.reservations.has(stock.peerId)).toBe(true)
    } finally {
      await stock.stop()
    }
  })
})
