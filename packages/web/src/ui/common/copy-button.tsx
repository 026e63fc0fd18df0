import { useState } from 'preact/hooks'

/** Copies text to the clipboard and says so (falls back to selecting nothing when the clipboard is refused). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = (): void => {
    navigator.clipboard.writeText(text).then(
      () => setDone('copied'),
      () => setDone('failed'),
    )
    setTimeout(() => setDone('idle'), 2000)
  }
  return (
    <button type="button" class="secondary" onClick={copy} aria-live="polite">
      {done === 'copied' ? 'Copied ✓' : done === 'failed' ? 'Copy failed: select the text' : label}
    </button>
  )
}
