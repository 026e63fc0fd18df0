import { useEffect, useState } from 'preact/hooks'
import type { ChatBackend, ChatContact } from '../../app/chat-backend.js'
import { describeError, xchatCode } from '../../app/errors.js'
import type { XchatSession } from '../../app/session.js'
import type { Transfer } from '../../app/transfers.js'
import { ErrorMessage } from '../common/error-message.js'
import { useFocusOnMount, useSnapshot } from '../hooks.js'
import { routeHref } from '../router.js'
import { CallButtons } from '../calls/call-buttons.js'
import { Composer } from './composer.js'
import { TimerControl } from './timer-control.js'
import { shortId } from './format.js'
import { MessageList } from './message-list.js'
import { useMessages } from './use-chat.js'

type Presence = { state: 'checking' } | { state: 'found'; devices: number } | { state: 'not-found' } | { state: 'error'; text: string }

/** One conversation: header (name, verification, reachability), messages and the composer. */
export function ChatView({
  session,
  backend,
  contact,
  accountId,
}: {
  session: XchatSession
  backend: ChatBackend
  contact?: ChatContact
  accountId: string
}) {
  const snapshot = useSnapshot(session)
  const { messages, loaded } = useMessages(backend, accountId)
  const [sendError, setSendError] = useState<string>()
  const [renaming, setRenaming] = useState(false)
  const name = contact?.name || shortId(accountId)
  const verified = snapshot.verified[accountId] !== undefined
  const presence = usePresence(session, accountId, snapshot.status.state === 'online')
  const heading = useFocusOnMount<HTMLHeadingElement>([accountId])
  const incoming = messages.filter((m) => m.direction === 'in').length

  useEffect(() => {
    if (incoming > 0 && document.visibilityState === 'visible') void backend.markRead(accountId).catch(() => undefined)
  }, [backend, accountId, incoming])

  const [dragging, setDragging] = useState(false)
  const preparing = usePreparing(backend, accountId)

  const sendFiles = (files: readonly File[]): void => {
    setSendError(undefined)
    for (const file of files) {
      backend.sendFile(accountId, file).catch((err: unknown) => setSendError(`${file.name}: ${describeError(err).title}`))
    }
  }

  const send = async (text: string): Promise<void> => {
    setSendError(undefined)
    try {
      await backend.send(accountId, text)
    } catch (err) {
      setSendError(describeError(err).title)
      throw err
    }
  }

  return (
    <section
      class={`chat ${dragging ? 'dragging' : ''}`}
      aria-labelledby="chat-title"
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes('Files')) return
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false)
      }}
      onDrop={(e) => {
        e.preventDefault()
        setDragging(false)
        const files = [...(e.dataTransfer?.files ?? [])]
        if (files.length > 0) sendFiles(files)
      }}
    >
      <header class="pane-header">
        <a class="back" href="#/">
          <span aria-hidden="true">←</span> <span class="visually-hidden">Back to </span>Chats
        </a>
        <div class="title">
          <h2 id="chat-title" tabIndex={-1} ref={heading}>
            {name}
          </h2>
          <p class="subtitle" data-testid="contact-presence" data-state={presence.state}>
            {presenceText(presence)}
          </p>
        </div>
        <TimerControl backend={backend} accountId={accountId} />
        <CallButtons calls={snapshot.calls} accountId={accountId} name={name} />
        <a class={`secondary button small ${verified ? 'ok' : ''}`} href={routeHref({ name: 'verify', accountId })}>
          {verified ? '✓ Verified' : 'Verify'}
        </a>
        {contact ? (
          <button type="button" class="secondary small" aria-expanded={renaming} onClick={() => setRenaming(!renaming)}>
            Rename
          </button>
        ) : null}
      </header>
      {renaming && contact ? <RenameForm backend={backend} contact={contact} onDone={() => setRenaming(false)} /> : null}
      {!contact ? (
        <div class="notice">
          This account is not in your contacts. <a href={shareHash(accountId)}>Add it</a>
        </div>
      ) : null}
      <MessageList
        backend={backend}
        peerName={name}
        messages={messages}
        emptyText={!loaded ? 'Loading…' : `No messages with ${name} yet. Say hello!`}
      />
      {preparing.map((t) => (
        <p key={t.id} class="muted pad preparing" role="status" data-testid="file-preparing">
          Preparing {t.name}: {t.size === 0 ? 100 : Math.floor((t.bytes / t.size) * 100)} %
        </p>
      ))}
      {dragging ? (
        <p class="drop-hint" aria-hidden="true">
          Drop to send to {name}
        </p>
      ) : null}
      <ErrorMessage error={sendError} />
      <Composer to={name} onSend={send} onFiles={sendFiles} />
    </section>
  )
}

/** Files of this conversation still being read and hashed before their message exists. */
function usePreparing(backend: ChatBackend, accountId: string): Transfer[] {
  const [list, setList] = useState<Transfer[]>([])
  useEffect(() => {
    setList([])
    return backend.subscribe((e) => {
      if (e.type !== 'transfer' || e.transfer.conversation !== accountId || e.transfer.direction !== 'out') return
      const t = e.transfer
      setList((old) => {
        const rest = old.filter((o) => o.id !== t.id && o.name !== t.name)
        return t.id.startsWith('pending:') && t.state === 'preparing' ? [...rest, t] : rest
      })
    })
  }, [backend, accountId])
  return list
}

function RenameForm({ backend, contact, onDone }: { backend: ChatBackend; contact: ChatContact; onDone: () => void }) {
  const [name, setName] = useState(contact.name)
  const input = useFocusOnMount<HTMLInputElement>()
  const save = async (e: Event): Promise<void> => {
    e.preventDefault()
    const next = name.trim()
    if (next !== '' && next !== contact.name) await backend.addContact(contact.accountId, next)
    onDone()
  }
  return (
    <form class="rename" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <label for="rename-input">Name for this contact</label>
      <input id="rename-input" ref={input} value={name} maxLength={64} onInput={(e) => setName(e.currentTarget.value)} />
      <button type="submit" class="primary small">
        Save
      </button>
      <button type="button" class="secondary small" onClick={onDone}>
        Cancel
      </button>
    </form>
  )
}

function shareHash(accountId: string): string {
  return `#add=${accountId}`
}

function presenceText(p: Presence): string {
  switch (p.state) {
    case 'checking':
      return 'Looking up…'
    case 'found':
      return `In the directory · ${p.devices} device${p.devices === 1 ? '' : 's'}`
    case 'not-found':
      return 'Not in the directory yet: messages wait until they come online'
    case 'error':
      return p.text
  }
}

/** Whether the contact has a directory entry (checked when online, again every minute). */
function usePresence(session: XchatSession, accountId: string, online: boolean): Presence {
  const [presence, setPresence] = useState<Presence>({ state: 'checking' })
  useEffect(() => {
    if (!online) {
      setPresence({ state: 'error', text: 'Offline: cannot look up this contact' })
      return
    }
    const controller = new AbortController()
    const check = (): void => {
      session.reach(accountId, { signal: controller.signal }).then(
        (account) => setPresence({ state: 'found', devices: account.devices.length }),
        (err: unknown) => {
          if (controller.signal.aborted) return
          setPresence(xchatCode(err) === 'NOT_FOUND' ? { state: 'not-found' } : { state: 'error', text: describeError(err).title })
        },
      )
    }
    setPresence({ state: 'checking' })
    check()
    const timer = setInterval(check, 60_000)
    return () => {
      controller.abort()
      clearInterval(timer)
    }
  }, [session, accountId, online])
  return presence
}
