import { Registry, Gauge, Counter, collectDefaultMetrics } from 'prom-client'
import type { MailboxStats, RelayGroupStats, VaultStats } from '@xchat/core'

/** What the relay reports; read when Prometheus scrapes, so figures are never stale. */
export interface RelayFigures {
  connections(): number
  reservations(): number
  routingTableSize(): number
  dhtRecords(): Promise<number>
  /** The mailbox service's counters, once it runs. */
  mailbox(): MailboxStats | undefined
  /** The vault service's counters, once it runs. */
  vault?(): VaultStats | undefined
  /** The group store's counters, once it runs. */
  groups?(): RelayGroupStats | undefined
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
  const mailboxGauge = (name: string, help: string, pick: (s: MailboxStats) => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = figures.mailbox()
        if (stats) this.set(pick(stats))
      },
    })
  }
  mailboxGauge('xchat_mailbox_mailboxes', 'Mailboxes holding mail', (s) => s.mailboxes)
  mailboxGauge('xchat_mailbox_envelopes', 'Sealed envelopes stored', (s) => s.envelopes)
  mailboxGauge('xchat_mailbox_bytes', 'Bytes of sealed mail stored', (s) => s.bytes)
  mailboxGauge('xchat_mailbox_prekeys', 'One-time prekeys held for devices', (s) => s.prekeys)
  mailboxGauge('xchat_mailbox_refused', 'Mailbox requests refused (quota, rate, proof) since start', (s) => s.refused)
  const vaultGauge = (name: string, help: string, pick: (s: VaultStats) => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = figures.vault?.()
        if (stats) this.set(pick(stats))
      },
    })
  }
  vaultGauge('xchat_vault_vaults', 'Account vaults holding blobs', (s) => s.vaults)
  vaultGauge('xchat_vault_blobs', 'Sealed vault blobs stored', (s) => s.blobs)
  vaultGauge('xchat_vault_bytes', 'Bytes of sealed vault blobs stored', (s) => s.bytes)
  vaultGauge('xchat_vault_appended', 'Vault blobs appended since start', (s) => s.appended)
  vaultGauge('xchat_vault_refused', 'Vault requests refused (quota, rate, proof) since start', (s) => s.refused)
  const groupGauge = (name: string, help: string, pick: (s: RelayGroupStats) => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = figures.groups?.()
        if (stats) this.set(pick(stats))
      },
    })
  }
  groupGauge('xchat_group_topics', 'Group topics with held messages', (s) => s.topics)
  groupGauge('xchat_group_messages', 'Group messages held for offline members', (s) => s.messages)
  groupGauge('xchat_group_bytes', 'Bytes of group messages held', (s) => s.bytes)
  groupGauge('xchat_group_stored', 'Group messages written since start', (s) => s.stored)
  groupGauge('xchat_group_dropped', 'Group messages dropped (bounds, expiry) since start', (s) => s.dropped)
  groupGauge('xchat_group_write_errors', 'Group store writes that failed since start', (s) => s.writeErrors)
  const refused = new Counter({
    name: 'xchat_refused_total',
    help: 'Connections or streams refused by limits',
    labelNames: ['reason'] as const,
    registers: [registry],
  })
  return { registry, refused }
}
