import { useState } from 'preact/hooks'

const MAX_ROWS = 6

/**
 * The message box: Enter sends, Shift+Enter makes a new line (and Enter while
 * an input method is composing does neither). Grows up to six lines.
 */
export function Composer(props: { to: string; onSend: (text: string) => Promise<void>; onFiles: (files: readonly File[]) => void }) {
  const [text, setText] = useState('')
  const [sending, setSending] = useState(false)
  const rows = Math.min(MAX_ROWS, Math.max(1, text.split('\n').length))

  const send = async (): Promise<void> => {
    const body = text.trim()
    if (body === '' || sending) return
    setSending(true)
    // clear at once, as messengers do: the message shows in the list as queued;
    // if it could not even be queued, the text comes back for another try
    setText('')
    try {
      await props.onSend(body)
    } catch {
      // onSend shows why; nothing is lost: the text is back in the box
      setText((current) => (current === '' ? body : current))
    } finally {
      setSending(false)
    }
  }

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault()
      void send()
    }
  }

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault()
        void send()
      }}
    >
      <label class="attach" title="Send a file">
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="22"
          height="22"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
        >
          <path d="M21 11.5 12.5 20a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6L15 7" />
        </svg>
        <span class="visually-hidden">Send a file to {props.to}</span>
        <input
          type="file"
          multiple
          data-testid="file-input"
          class="visually-hidden"
          onChange={(e) => {
            const input = e.currentTarget
            const files = [...(input.files ?? [])]
            // cleared so that picking the same file again sends it again
            input.value = ''
            if (files.length > 0) props.onFiles(files)
          }}
        />
      </label>
      <label for="composer" class="visually-hidden">
        Message to {props.to}
      </label>
      <textarea
        id="composer"
        data-testid="composer"
        rows={rows}
        placeholder={`Message ${props.to}`}
        aria-describedby="composer-help"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <span id="composer-help" class="visually-hidden">
        Enter sends, Shift+Enter starts a new line.
      </span>
      <button type="submit" class="primary" disabled={sending || text.trim() === ''}>
        Send
      </button>
    </form>
  )
}
