import { useEffect, useState } from 'preact/hooks'
import type { ChatBackend } from '../../app/chat-backend.js'

/** The backend's latest warning (e.g. "not delivered yet: queued"), until dismissed. */
export function Warnings({ backend }: { backend: ChatBackend | undefined }) {
  const [text, setText] = useState<string>()
  useEffect(() => backend?.subscribe((e) => e.type === 'warning' && setText(e.text)), [backend])
  return (
    <div class="warnings" role="status" aria-live="polite">
      {text ? (
        <div class="warning toast">
          <span>{text}</span>
          <button type="button" class="secondary small" onClick={() => setText(undefined)}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  )
}
