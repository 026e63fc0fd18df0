import { useEffect, useState } from 'preact/hooks'
import type { ChatBackend, ChatContact, GroupSummary } from '../../app/chat-backend.js'
import { describeError } from '../../app/errors.js'
import { CopyButton } from '../common/copy-button.js'
import { ErrorMessage } from '../common/error-message.js'
import { navigate } from '../router.js'

/**
 * The members of a group; admins (who are still members) also get add,
 * remove, promote/demote, rename and an invite link. Everyone may leave.
 */
export function GroupMembers(props: {
  backend: ChatBackend
  group: GroupSummary
  contacts: readonly ChatContact[]
  nameOf: (accountId: string) => string
}) {
  const { backend, group } = props
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [link, setLink] = useState<string>()
  const [adding, setAdding] = useState('')
  const [name, setName] = useState(group.name)
  // another admin may rename it while the panel is open
  useEffect(() => setName(group.name), [group.name])
  const canAdmin = group.member && group.admin
  const outside = props.contacts.filter((c) => !group.members.some((m) => m.accountId === c.accountId))

  const run = async (action: () => Promise<void>): Promise<void> => {
    setError(undefined)
    setBusy(true)
    try {
      await action()
    } catch (err) {
      setError(describeError(err).title)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="group-members pad" data-testid="group-members">
      <h3>Members</h3>
      <ul>
        {group.members.map((m) => (
          <li key={m.accountId} data-testid="group-member" data-account-id={m.accountId} data-admin={String(m.admin)}>
            <span class="name">{props.nameOf(m.accountId)}</span>
            {m.admin ? <span class="badge"> admin</span> : null}
            {canAdmin && props.nameOf(m.accountId) !== 'You' ? (
              <span class="actions">
                {' '}
                <button
                  type="button"
                  class="secondary small"
                  disabled={busy}
                  onClick={() =>
                    void run(() =>
                      m.admin ? backend.demoteInGroup(group.id, [m.accountId]) : backend.promoteInGroup(group.id, [m.accountId]),
                    )
                  }
                >
                  {m.admin ? 'Demote' : 'Make admin'}
                </button>{' '}
                <button
                  type="button"
                  class="secondary small"
                  data-testid="group-remove"
                  disabled={busy}
                  onClick={() => void run(() => backend.removeFromGroup(group.id, [m.accountId]))}
                >
                  Remove
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {canAdmin ? (
        <>
          {outside.length > 0 ? (
            <form
              class="inline"
              onSubmit={(e) => {
                e.preventDefault()
                if (adding !== '') void run(() => backend.inviteToGroup(group.id, [adding])).then(() => setAdding(''))
              }}
            >
              <label for="group-add-member">Add a contact</label>{' '}
              <select id="group-add-member" value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
                <option value="">Choose…</option>
                {outside.map((c) => (
                  <option key={c.accountId} value={c.accountId}>
                    {c.name}
                  </option>
                ))}
              </select>{' '}
              <button type="submit" class="primary small" disabled={busy || adding === ''}>
                Add
              </button>
            </form>
          ) : null}
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault()
              const next = name.trim()
              if (next !== '' && next !== group.name) void run(() => backend.renameGroup(group.id, next))
            }}
          >
            <label for="group-rename">Group name</label>{' '}
            <input id="group-rename" value={name} maxLength={64} onInput={(e) => setName(e.currentTarget.value)} />{' '}
            <button type="submit" class="secondary small" disabled={busy}>
              Rename
            </button>
          </form>
          <p>
            <button
              type="button"
              class="secondary small"
              disabled={busy}
              onClick={() => void run(async () => setLink(await backend.groupInviteLink(group.id)))}
            >
              Create invite link
            </button>
          </p>
          {link !== undefined ? (
            <p>
              <input readOnly value={link} data-testid="group-invite-link" aria-label="Invite link" />{' '}
              <CopyButton text={link} label="Copy link" />
            </p>
          ) : null}
        </>
      ) : null}
      {group.member ? (
        <button
          type="button"
          class="secondary small"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await backend.leaveGroup(group.id)
              navigate({ name: 'home' })
            })
          }
        >
          Leave group
        </button>
      ) : null}
      <ErrorMessage error={error} />
    </div>
  )
}
