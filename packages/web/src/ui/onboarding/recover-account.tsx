import { useState } from 'preact/hooks'
import type { KeystoreSecrets } from '@xchat/core/identity'
import { recoveredSecrets } from '../../app/account.js'
import { describeError, type UserError } from '../../app/errors.js'
import { ErrorMessage } from '../common/error-message.js'
import { useFocusOnMount } from '../hooks.js'

/** Bring an existing account to this browser as a new device of it. */
export function RecoverAccount({ onDone, onBack }: { onDone: (secrets: KeystoreSecrets) => Promise<void>; onBack: () => void }) {
  const [text, setText] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [error, setError] = useState<UserError>()
  const [busy, setBusy] = useState(false)
  const heading = useFocusOnMount<HTMLHeadingElement>()

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    let secrets: KeystoreSecrets
    try {
      secrets = recoveredSecrets(text, passphrase)
    } catch (err) {
      setError(describeError(err))
      document.getElementById('mnemonic-input')?.focus()
      return
    }
    setError(undefined)
    setBusy(true)
    try {
      await onDone(secrets)
    } catch (err) {
      setError(describeError(err))
      setBusy(false)
    }
  }

  /** Put a suggested word in place of the wrong one. */
  const replaceWord = (position: number, word: string): void => {
    const words = text.trim().split(/\s+/u)
    words[position - 1] = word
    setText(words.join(' '))
    setError(undefined)
    document.getElementById('mnemonic-input')?.focus()
  }

  return (
    <form class="card onboarding" aria-labelledby="recover-title" onSubmit={(e) => void submit(e)} noValidate>
      <h1 id="recover-title" tabIndex={-1} ref={heading}>
        Recover your account
      </h1>
      <p>Type your 12 (or 24) recovery words, in order. This browser becomes a new device of your account.</p>
      <div class="field">
        <label for="mnemonic-input">Recovery words</label>
        <textarea
          id="mnemonic-input"
          data-testid="mnemonic-input"
          rows={4}
          autocomplete="off"
          autocapitalize="none"
          spellcheck={false}
          aria-invalid={error !== undefined}
          aria-describedby={error ? 'recover-error' : undefined}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      <details>
        <summary>Advanced: passphrase</summary>
        <div class="field">
          <label for="recover-passphrase">BIP-39 passphrase (only if you set one when the account was made)</label>
          <input
            id="recover-passphrase"
            type="password"
            autocomplete="off"
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        </div>
      </details>
      <ErrorMessage id="recover-error" error={error} />
      {error?.word && error.word.suggestions.length > 0 ? (
        <div class="suggestions" aria-label="Suggested words">
          {error.word.suggestions.map((s) => (
            <button type="button" class="secondary" key={s} onClick={() => replaceWord(error.word?.position ?? 0, s)}>
              Use “{s}”
            </button>
          ))}
        </div>
      ) : null}
      <div class="actions">
        <button type="button" class="secondary" onClick={onBack}>
          Back
        </button>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Recovering…' : 'Recover account'}
        </button>
      </div>
    </form>
  )
}
