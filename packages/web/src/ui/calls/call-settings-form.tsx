import { useEffect, useState } from 'preact/hooks'
import { formatIceServers, parseIceServers, RING_SECONDS, type CallSettings } from '../../app/calls/call-settings.js'

/** STUN/TURN servers, "relay only" and the ring time. */
export function CallSettingsForm({ settings, onSave }: { settings: CallSettings; onSave: (s: CallSettings) => Promise<void> }) {
  const [servers, setServers] = useState(formatIceServers(settings.iceServers ?? []))
  const [relayOnly, setRelayOnly] = useState(settings.relayOnly)
  const [ring, setRing] = useState(String(settings.ringSeconds))
  const [errors, setErrors] = useState<string[]>([])
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    setServers(formatIceServers(settings.iceServers ?? []))
    setRelayOnly(settings.relayOnly)
    setRing(String(settings.ringSeconds))
  }, [settings])

  const save = async (e: Event): Promise<void> => {
    e.preventDefault()
    setSaved(false)
    const parsed = parseIceServers(servers)
    const seconds = Number(ring)
    const problems = [...parsed.errors]
    if (!Number.isInteger(seconds) || seconds < RING_SECONDS.min || seconds > RING_SECONDS.max)
      problems.push(`Ring time: a whole number of seconds from ${RING_SECONDS.min} to ${RING_SECONDS.max}`)
    if (relayOnly && !parsed.servers.some((s) => s.urls.startsWith('turn')))
      problems.push('“Relay only” needs a TURN server in the list: without one no call can connect.')
    setErrors(problems)
    if (problems.length > 0) return
    await onSave({ iceServers: parsed.servers.length > 0 ? parsed.servers : null, relayOnly, ringSeconds: seconds })
    setSaved(true)
  }

  return (
    <form class="settings-section" aria-labelledby="calls-title" onSubmit={(e) => void save(e)} noValidate>
      <h3 id="calls-title">Calls</h3>
      <p class="muted small">
        Media goes straight between the two browsers when it can. STUN servers help find a path through routers; a TURN server relays the
        media when there is none (it sees encrypted media only). Empty: this site’s default.
      </p>
      <div class="field">
        <label for="ice-servers">STUN/TURN servers, one per line (TURN: address, username, credential)</label>
        <textarea
          id="ice-servers"
          data-testid="ice-servers"
          rows={3}
          spellcheck={false}
          autocomplete="off"
          placeholder="stun:stun.example.org:3478&#10;turn:turn.example.org:3478 user secret"
          value={servers}
          aria-invalid={errors.length > 0}
          aria-describedby="calls-errors"
          onInput={(e) => setServers(e.currentTarget.value)}
        />
      </div>
      <div class="field checkbox">
        <input
          id="relay-only"
          type="checkbox"
          data-testid="relay-only"
          checked={relayOnly}
          onChange={(e) => setRelayOnly(e.currentTarget.checked)}
        />
        <label for="relay-only">Relay only: send media only through TURN, so the other side never learns your IP address</label>
      </div>
      <div class="field">
        <label for="ring-seconds">Ring for (seconds) before giving up</label>
        <input
          id="ring-seconds"
          data-testid="ring-seconds"
          type="number"
          inputMode="numeric"
          min={RING_SECONDS.min}
          max={RING_SECONDS.max}
          value={ring}
          onInput={(e) => setRing(e.currentTarget.value)}
        />
      </div>
      <div id="calls-errors" role="alert">
        {errors.length > 0 ? (
          <ul class="error">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {saved ? (
        <p role="status" class="ok small">
          Saved. Used from the next call on.
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" data-testid="save-call-settings">
          Save call settings
        </button>
      </div>
    </form>
  )
}
