import { useState } from 'preact/hooks'
import type { XchatSession } from '../../app/session.js'
import { useFocusOnMount, useSnapshot } from '../hooks.js'
import { ConnectionStatus } from './connection-status.js'
import { DeviceDetails } from './device-details.js'
import { DevicesList } from './devices-list.js'
import { RelaysForm } from './relays-form.js'
import { CallSettingsForm } from '../calls/call-settings-form.js'

/** Settings: this device, the connection, the relay list, and removing the account from this browser. */
export function Settings({ session, onForgotten }: { session: XchatSession; onForgotten: () => void }) {
  const snapshot = useSnapshot(session)
  const heading = useFocusOnMount<HTMLHeadingElement>()
  return (
    <section aria-labelledby="settings-title" class="settings">
      <header class="pane-header">
        <a class="back" href="#/">
          <span aria-hidden="true">←</span> <span class="visually-hidden">Back to </span>Chats
        </a>
        <h2 id="settings-title" tabIndex={-1} ref={heading}>
          Settings
        </h2>
      </header>
      <div class="pad">
        <DeviceDetails device={snapshot.device} peerId={snapshot.status.peerId} />
        <DevicesList backend={snapshot.backend} />
        <ConnectionStatus status={snapshot.status} startError={snapshot.startError} />
        <RelaysForm settings={snapshot.relays} onSave={(relays) => session.setRelays(relays)} />
        <CallSettingsForm settings={snapshot.callSettings} onSave={(s) => session.setCallSettings(s)} />
        <ForgetDevice session={session} onForgotten={onForgotten} />
      </div>
    </section>
  )
}

function ForgetDevice({ session, onForgotten }: { session: XchatSession; onForgotten: () => void }) {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const forget = async (): Promise<void> => {
    setBusy(true)
    await session.forget()
    onForgotten()
  }
  return (
    <section class="settings-section danger" aria-labelledby="forget-title">
      <h3 id="forget-title">Remove this account from this browser</h3>
      <p>Deletes the keys, contacts and messages stored here. You can come back only with your recovery words.</p>
      {asking ? (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => setAsking(false)}>
            Keep it
          </button>
          <button type="button" class="danger" disabled={busy} onClick={() => void forget()}>
            {busy ? 'Removing…' : 'Yes, remove everything'}
          </button>
        </div>
      ) : (
        <button type="button" class="secondary" onClick={() => setAsking(true)}>
          Remove…
        </button>
      )}
    </section>
  )
}
