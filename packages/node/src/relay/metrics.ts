import { Registry, Gauge, Counter, collectDefaultMetrics } from 'prom-client'

/** What the relay reports; read when Prometheus scrapes, so figures are never stale. */
export interface RelayFigures {
  connections(): number
  reservations(): number
  routingTableSize(): number
  dhtRecords(): Promise<number>
}

/** The relay's Prometheus registry: every name prefixed `xchat_`, plus Node's process metrics. */
export interface RelayMetrics {
  readonly registry: Registry
  /** Count a refused connection or stream (per-peer limits), by reason. */
  readonly refused: Counter<'reason'>
}

/** Build the registry with gauges wired to `figures`. */
export function relayMetrics(figures: RelayFigures): RelayMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'xchat_' })
  new Gauge({
    name: 'xchat_connections',
    help: 'Open libp2p connections',
    registers: [registry],
    collect() {
      this.set(figures.connections())
    },
  })
  new Gauge({
    name: 'xchat_relay_reservations',
    help: 'Active circuit relay v2 reservations',
    registers: [registry],
    collect() {
      this.set(figures.reservations())
    },
  })
  new Gauge({
    name: 'xchat_dht_routing_table_size',
    help: 'Peers in the DHT routing table',
    registers: [registry],
    collect() {
      this.set(figures.routingTableSize())
    },
  })
  new Gauge({
    name: 'xchat_dht_records',
    help: 'DHT records stored on this relay',
    registers: [registry],
    async collect() {
      this.set(await figures.dhtRecords())
    },
  })
  const refused = new Counter({ name: 'xchat_refused_total', help: 'Connections or streams refused by limits', labelNames: ['reason'] as const, registers: [registry] })
  return { registry, refused }
}
