import { useState } from 'preact/hooks'
import type { KeystoreSecrets } from '@xchat/core/identity'
import { confirmPositions, newAccountSecrets, newAccountWords } from '../../app/account.js'
import { ErrorMessage } from '../common/error-message.js'
import { useFocusOnMount } from '../hooks.js'

/** Create an account: show the words with a warning, then ask for a few of them back. */
export function CreateAccount({ onDone, onBack }: { onDone: (secrets: KeystoreSecrets) => Promise<void>; onBack: () => void }) {
  const [words] = useState(newAccountWords)
  const [step, setStep] = useState<'show' | 'confirm'>('show')
  return step === 'show' ? (
    <ShowWords words={words} onNext={() => setStep('confirm')} onBack={onBack} />
  ) : (
    <ConfirmWords words={words} onBack={() => setStep('show')} onConfirmed={() => onDone(newAccountSecrets(words))} />
  )
}

function ShowWords({ words, onNext, onBack }: { words: readonly string[]; onNext: () => void; onBack: () => void }) {
  const [written, setWritten] = useState(false)
  const heading = useFocusOnMount<HTMLHeadingElement>()
  return (
    <section class="card onboarding" aria-labelledby="words-title">
      <h1 id="words-title" tabIndex={-1} ref={heading}>
        Your recovery words
      </h1>
      <div class="warning" role="note">
        <strong>Write these {words.length} words on paper, in order, and keep them safe.</strong> They are your account: with them you get
        it back on a new device, and anyone who has them can read your messages and write as you. Nobody can reset them for you — not even
        xchat. Do not take a screenshot or paste them anywhere.
      </div>
      <ol class="words" data-testid="mnemonic" aria-label="Recovery words, in order">
        {words.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ol>
      <label class="check">
        <input type="checkbox" checked={written} onChange={(e) => setWritten(e.currentTarget.checked)} data-testid="words-written" />I have
        written down all {words.length} words, in order
      </label>
      <div class="actions">
        <button type="button" class="secondary" onClick={onBack}>
          Back
        </button>
        <button type="button" class="primary" disabled={!written} onClick={onNext}>
          Continue
        </button>
      </div>
    </section>
  )
}

function ConfirmWords({ words, onBack, onConfirmed }: { words: readonly string[]; onBack: () => void; onConfirmed: () => Promise<void> }) {
  const [positions] = useState(() => confirmPositions(words.length, 3))
  const [typed, setTyped] = useState<Record<number, string>>({})
  const [wrong, setWrong] = useState<readonly number[]>([])
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const heading = useFocusOnMount<HTMLHeadingElement>()

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    const bad = positions.filter((p) => (typed[p] ?? '').trim().toLowerCase() !== words[p - 1])
    setWrong(bad)
    if (bad.length > 0) {
      document.getElementById(`confirm-word-${bad[0]}`)?.focus()
      return
    }
    setBusy(true)
    try {
      await onConfirmed()
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err))
      setBusy(false)
    }
  }

  return (
    <form class="card onboarding" aria-labelledby="confirm-title" onSubmit={(e) => void submit(e)} noValidate>
      <h1 id="confirm-title" tabIndex={-1} ref={heading}>
        Check your words
      </h1>
      <p>To be sure your paper copy is right, type these words from it.</p>
      <div class="confirm-grid">
        {positions.map((p) => (
          <div class="field" key={p}>
            <label for={`confirm-word-${p}`}>Word {p}</label>
            <input
              id={`confirm-word-${p}`}
              data-testid="confirm-word"
              data-position={p}
              autocomplete="off"
              autocapitalize="none"
              spellcheck={false}
              aria-invalid={wrong.includes(p)}
              aria-describedby={wrong.includes(p) ? 'confirm-error' : undefined}
              value={typed[p] ?? ''}
              onInput={(e) => setTyped({ ...typed, [p]: e.currentTarget.value })}
            />
          </div>
        ))}
      </div>
      <ErrorMessage
        id="confirm-error"
        error={
          wrong.length > 0
            ? {
                title: `${wrong.map((p) => `Word ${p}`).join(' and ')} ${wrong.length === 1 ? 'does' : 'do'} not match.`,
                hint: 'Go back and check your paper against the words shown.',
              }
            : failure
        }
      />
      <div class="actions">
        <button type="button" class="secondary" onClick={onBack}>
          Show the words again
        </button>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create my account'}
        </button>
      </div>
    </form>
  )
}
