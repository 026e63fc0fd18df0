import { useState } from 'preact/hooks'
import type { ChatBackend, ChatContact } from '../../app/chat-backend.js'
import { describeError, type UserError } from '../../app/errors.js'
import { ErrorMessage } from '../common/error-message.js'
import { useFocusOnMount } from '../hooks.js'
import { navigate } from '../router.js'

/** Name a new group and pick its first members from the contacts; this account becomes its admin. */
export function NewGroup(props: { backend: ChatBackend | undefined; contacts: readonly ChatContact[] }) {
  const [name, setName] = useState('')
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<UserError>()
  const [busy, setBusy] = useState(false)
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const [link, setLink] = useState('')

  const join = async (e: Event): Promise<void> => {
    e.preventDefault()
    if (props.backend === undefined || link.trim() === '') return
    setBusy(true)
    setError(undefined)
    try {
      const groupId = await props.backend.joinGroup(link.trim())
      navigate({ name: 'group', groupId }, true)
    } catch (err) {
      setError(describeError(err))
      setBusy(false)
    }
  }

  const toggle = (accountId: string, on: boolean): void => {
    const next = new Set(picked)
    if (on) next.add(accountId)
    else next.delete(accountId)
    setPicked(next)
  }

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    const clean = name.trim()
    if (clean === '') {
      setError({ title: 'Give the group a name.' })
      return
    }
    if (props.backend === undefined) return
    setBusy(true)
    setError(undefined)
    try {
      const group = await props.backend.createGroup(clean, [...picked])
      navigate({ name: 'group', groupId: group.id }, true)
    } catch (err) {
      setError(describeError(err))
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="new-group-title" class="pad">
      <h2 id="new-group-title" tabIndex={-1} ref={heading}>
        New group
      </h2>
      <form onSubmit={(e) => void submit(e)}>
        <label for="group-name-input">Group name</label>
        <input
          id="group-name-input"
          data-testid="group-name-input"
          value={name}
          maxLength={64}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <fieldset>
          <legend>Members</legend>
          {props.contacts.length === 0 ? (
            <p class="muted">
              No contacts yet: <a href="#/add">add one</a> first, or create the group and share its invite link.
            </p>
          ) : null}
          {props.contacts.map((c) => (
            <label key={c.accountId} class="checkbox">
              <input
                type="checkbox"
                data-testid="group-member-option"
                data-account-id={c.accountId}
                checked={picked.has(c.accountId)}
                onChange={(e) => toggle(c.accountId, e.currentTarget.checked)}
              />{' '}
              {c.name}
            </label>
          ))}
        </fieldset>
        <ErrorMessage error={error} />
        <button type="submit" class="primary" data-testid="create-group" disabled={busy}>
          {busy ? 'Creating…' : 'Create group'}
        </button>
      </form>
      <h3>Join with an invite link</h3>
      <form onSubmit={(e) => void join(e)}>
        <label for="group-join-input">Invite link</label>
        <input id="group-join-input" data-testid="group-join-input" value={link} onInput={(e) => setLink(e.currentTarget.value)} />
        <button type="submit" class="secondary" disabled={busy || link.trim() === ''}>
          Join group
        </button>
      </form>
    </section>
  )
}
