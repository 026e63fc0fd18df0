import type { NetworkStatus } from '../../app/network-status.js'
import { ErrorMessage } from '../common/error-message.js'
import { StatusBadge } from '../common/status-badge.js'

/** Relays, their connections and reservations, and the last directory publish. */
export function ConnectionStatus({ status, startError }: { status: NetworkStatus; startError: string | undefined }) {
  return (
    <section class="settings-section" aria-labelledby="connection-title">
      <h3 id="connection-title">Connection</h3>
      <p>
        <StatusBadge status={status} />{' '}
        {status.state === 'online'
          ? 'Others can reach this device through a relay.'
          : status.state === 'no-relays'
            ? 'Add a relay below to go online.'
            : status.state === 'starting'
              ? ''
              : 'Not reachable yet.'}
      </p>
      <ErrorMessage error={startError ?? status.error} />
      {status.relays.length > 0 ? (
        <table class="relays-table">
          <caption class="visually-hidden">Relays</caption>
          <thead>
            <tr>
              <th scope="col">Relay</th>
              <th scope="col">Connected</th>
              <th scope="col">Reservation</th>
            </tr>
          </thead>
          <tbody>
            {status.relays.map((r) => (
              <tr key={r.addr} data-testid="relay-row" data-connected={r.connected} data-reserved={r.reserved}>
                <td>
                  <code title={r.addr}>{r.addr}</code>
                </td>
                <td>{r.connected ? 'yes' : 'no'}</td>
                <td>{r.reserved ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p class="muted small">
        {status.published
          ? `Directory: this device was last published at ${new Date(status.published.at).toLocaleTimeString()}, stored by ${status.published.stored} server${status.published.stored === 1 ? '' : 's'}.`
          : 'Directory: not published yet.'}
      </p>
    </section>
  )
}
