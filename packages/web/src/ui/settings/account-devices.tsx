import { useEffect, useState } from 'preact/hooks'
import type { ResolvedDevice } from '@xchat/core'
import { describeError } from '../../app/errors.js'
import type { XchatSession } from '../../app/session.js'

type Devices = { state: 'loading' } | { state: 'ok'; devices: readonly ResolvedDevice[] } | { state: 'error'; text: string }

/** Every device of this account that the directory lists (this one included), newest first. */
export function AccountDevices({ session, online, self }: { session: XchatSession; online: boolean; self: string | undefined }) {
  const [devices, setDevices] = useState<Devices>({ state: 'loading' })
  const [tick, setTick] = useState(0)
  const accountId = session.snapshot.device.accountId
  useEffect(() => {
    if (!online) {
      setDevices({ state: 'error', text: 'Offline: the device list comes from the directory.' })
      return
    }
    const controller = new AbortController()
    setDevices({ state: 'loading' })
    session.reach(accountId, { signal: controller.signal }).then(
      (account) => setDevices({ state: 'ok', devices: [...account.devices].sort((a, b) => b.createdAt - a.createdAt) }),
      (err: unknown) => {
        if (!controller.signal.aborted) setDevices({ state: 'error', text: describeError(err).title })
      },
    )
    return () => controller.abort()
  }, [session, accountId, online, tick])
  return (
    <section class="settings-section" aria-labelledby="devices-title">
      <h3 id="devices-title">Devices of this account</h3>
      <p class="muted">Every device that has your words and published itself in the directory. Messages go to all of them.</p>
      {devices.state === 'loading' ? <p aria-live="polite">Looking up…</p> : null}
      {devices.state === 'error' ? <p class="error-text">{devices.text}</p> : null}
      {devices.state === 'ok' ? (
        <table class="relays-table">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Set up</th>
              <th scope="col">PeerId</th>
            </tr>
          </thead>
          <tbody>
            {devices.devices.map((d) => (
              <tr key={d.peerId} data-testid="account-device" data-device-index={d.deviceIndex} data-self={d.peerId === self}>
                <td>
                  #{d.deviceIndex}
                  {d.peerId === self ? <strong> (this device)</strong> : null}
                </td>
                <td>{new Date(d.createdAt).toLocaleString()}</td>
                <td>
                  <code>{`${d.peerId.slice(0, 10)}…${d.peerId.slice(-6)}`}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <button type="button" class="secondary small" onClick={() => setTick(tick + 1)}>
        Refresh
      </button>
    </section>
  )
}
