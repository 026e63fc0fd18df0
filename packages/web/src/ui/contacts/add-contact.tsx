import { useState } from 'preact/hooks'
import type { ChatBackend, ChatContact } from '../../app/chat-backend.js'
import { describeError, type UserError } from '../../app/errors.js'
import { parseContactInput } from '../../app/links.js'
import { ErrorMessage } from '../common/error-message.js'
import { useFocusOnMount } from '../hooks.js'
import { navigate } from '../router.js'

/** Add a contact from an ID, a share link or the text of a QR code, with a name. */
export function AddContact(props: {
  backend: ChatBackend | undefined
  myAccountId: string
  contacts: readonly ChatContact[]
  prefill?: string
}) {
  const [input, setInput] = useState(props.prefill ?? '')
  const [name, setName] = useState('')
  const [error, setError] = useState<UserError>()
  const [busy, setBusy] = useState(false)
  const heading = useFocusOnMount<HTMLHeadingElement>()

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    let accountId: string
    try {
      accountId = parseContactInput(input)
    } catch (err) {
      setError(describeError(err))
      document.getElementById('add-contact-input')?.focus()
      return
    }
    if (accountId === props.myAccountId) {
      setError({ title: 'That is your own ID.', hint: 'Paste the ID or link of the person you want to add.' })
      return
    }
    const existing = props.contacts.find((c) => c.accountId === accountId)
    if (existing && name.trim() === '') {
      navigate({ name: 'chat', accountId }, true)
      return
    }
    const clean = name.trim()
    const taken = props.contacts.find((c) => c.accountId !== accountId && c.name.toLowerCase() === clean.toLowerCase())
    if (taken) {
      setError({ title: `Another contact is already called “${taken.name}”.`, hint: 'Choose a different name.' })
      document.getElementById('add-contact-name')?.focus()
      return
    }
    if (props.backend === undefined) return
    setBusy(true)
    try {
      await props.backend.addContact(accountId, clean || `Contact ${accountId.slice(3, 9)}`)
      navigate({ name: 'chat', accountId }, true)
    } catch (err) {
      setError(describeError(err))
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="add-title">
      <header class="pane-header">
        <a class="back" href="#/">
          <span aria-hidden="true">←</span> <span class="visually-hidden">Back to </span>Chats
        </a>
        <h2 id="add-title" tabIndex={-1} ref={heading}>
          Add a contact
        </h2>
      </header>
      <form class="pad" onSubmit={(e) => void submit(e)} noValidate>
        <div class="field">
          <label for="add-contact-input">Their ID or share link</label>
          <textarea
            id="add-contact-input"
            data-testid="add-contact-input"
            rows={2}
            placeholder="xc1… or https://…#add=xc1…"
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            aria-invalid={error !== undefined}
            aria-describedby="add-help add-error"
            value={input}
            onInput={(e) => setInput(e.currentTarget.value)}
          />
          <p id="add-help" class="muted small">
            Paste an ID, a share link, or the text a QR code scanner shows.
          </p>
        </div>
        <div class="field">
          <label for="add-contact-name">Name</label>
          <input
            id="add-contact-name"
            data-testid="add-contact-name"
            maxLength={64}
            placeholder="How you call them"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <ErrorMessage id="add-error" error={error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy || props.backend === undefined}>
            {props.backend === undefined ? 'Starting…' : busy ? 'Adding…' : 'Add contact'}
          </button>
        </div>
      </form>
    </section>
  )
}
