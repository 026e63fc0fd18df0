import type { NetworkStatus } from '../../app/network-status.js'

const LABELS: Record<NetworkStatus['state'], string> = {
  starting: 'Starting…',
  connecting: 'Connecting…',
  online: 'Online',
  'no-relays': 'No relays',
  offline: 'Offline',
}

/** The connection state as a dot and a word; `data-state` is a stable test hook. */
export function StatusBadge({ status }: { status: NetworkStatus }) {
  return (
    <a
      class={`status status-${status.state}`}
      href="#/settings"
      data-testid="online-status"
      data-state={status.state}
      title="Connection details"
    >
      <span class="dot" aria-hidden="true" />
      {LABELS[status.state]}
    </a>
  )
}
