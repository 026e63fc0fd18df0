import { useEffect, useState } from 'preact/hooks'
import { parseRelayList, type RelayLineError, type RelaySettings } from '../../app/relays.js'

/** Edit the relay list (one multiaddr per line) or go back to the site's defaults. */
export function RelaysForm({ settings, onSave }: { settings: RelaySettings; onSave: (relays: readonly string[] | null) => Promise<void> }) {
  const [text, setText] = useState(settings.relays.join('\n'))
  const [errors, setErrors] = useState<readonly RelayLineError[]>([])
  const [saved, setSaved] = useState<string>()
  useEffect(() => setText(settings.relays.join('\n')), [settings])

  const save = async (e: Event): Promise<void> => {
    e.preventDefault()
    const parsed = parseRelayList(text)
    setErrors(parsed.errors)
    setSaved(undefined)
    if (parsed.errors.length > 0) return
    await onSave(parsed.relays)
    setSaved('Saved. Reconnecting with the new list…')
  }
  const reset = async (): Promise<void> => {
    setErrors([])
    await onSave(null)
    setSaved('Back to this site’s relays. Reconnecting…')
  }

  return (
    <form class="settings-section" aria-labelledby="relays-title" onSubmit={(e) => void save(e)} noValidate>
      <h3 id="relays-title">Relays</h3>
      <p class="muted small">
        Relays introduce this browser to others and hold sealed mail while you are away; they cannot read it.{' '}
        {settings.source === 'site' ? 'Using this site’s relays.' : 'Using your own list.'}
      </p>
      <div class="field">
        <label for="relays-input">One relay address per line</label>
        <textarea
          id="relays-input"
          data-testid="relays-input"
          rows={4}
          spellcheck={false}
          autocomplete="off"
          aria-invalid={errors.length > 0}
          aria-describedby="relays-errors"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      <div id="relays-errors" role="alert">
        {errors.length > 0 ? (
          <ul class="error">
            {errors.map((err) => (
              <li key={`${err.line}-${err.text}`}>{err.line > 0 ? `Line ${err.line}: ${err.reason}` : err.reason}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {saved ? (
        <p role="status" class="ok small">
          {saved}
        </p>
      ) : null}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => void reset()}>
          Use this site’s relays
        </button>
        <button type="submit" class="primary">
          Save and reconnect
        </button>
      </div>
    </form>
  )
}
