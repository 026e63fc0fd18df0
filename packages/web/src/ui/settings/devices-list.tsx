import { useEffect, useState } from 'preact/hooks'
import type { AccountDevice, ChatBackend } from '../../app/chat-backend.js'
import { describeError } from '../../app/errors.js'

/** Settings → devices: the account's signed device list, and revoking a lost device. */
export function DevicesList({ backend }: { backend: ChatBackend | undefined }) {
  const [devices, setDevices] = useState<AccountDevice[]>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState<number>()
  const load = async (): Promise<void> => {
    if (backend === undefined) return
    try {
      setDevices(await backend.devices())
      setError(undefined)
    } catch (err) {
      setError(describeError(err).title)
    }
  }
  useEffect(() => void load(), [backend])
  const revoke = async (index: number): Promise<void> => {
    if (backend === undefined) return
    setBusy(index)
    try {
      await backend.revokeDevice(index)
      await load()
    } catch (err) {
      setError(describeError(err).title)
    } finally {
      setBusy(undefined)
    }
  }
  return (
    <section class="settings-section" aria-labelledby="devices-title">
      <h3 id="devices-title">Devices of this account</h3>
      {error !== undefined && <p role="alert">{error}</p>}
      {devices === undefined ? (
        <p>{backend === undefined ? 'Available once online.' : 'Looking up…'}</p>
      ) : (
        <ul class="devices" data-testid="devices">
          {devices.map((d) => (
            <li key={d.deviceIndex} data-testid="device" data-device-index={d.deviceIndex}>
              <strong>{d.name || `Device ${d.deviceIndex}`}</strong> (device {d.deviceIndex}){d.current ? ' — this browser' : ''}
              <br />
              Set up {new Date(d.createdAt).toLocaleString()}, last seen{' '}
              {d.lastSeen > 0 ? new Date(d.lastSeen).toLocaleString() : 'unknown'}
              {!d.current && (
                <button type="button" class="secondary" disabled={busy !== undefined} onClick={() => void revoke(d.deviceIndex)}>
                  {busy === d.deviceIndex ? 'Revoking…' : 'Revoke'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
