import { useEffect, useRef, useState } from 'preact/hooks'
import { describeTimer } from '@xchat/core/ephemeral'
import type { ChatBackend, ChatContact, GroupChatMessage, GroupSummary } from '../../app/chat-backend.js'
import { describeError } from '../../app/errors.js'
import { Composer } from '../chat/composer.js'
import { FileCard } from '../chat/file-card.js'
import { Countdown } from '../chat/message-list.js'
import { TimerSelect } from '../chat/timer-control.js'
import { useNow } from '../chat/use-chat.js'
import { shortId, timeOf } from '../chat/format.js'
import { ErrorMessage } from '../common/error-message.js'
import { useFocusOnMount } from '../hooks.js'
import { GroupMembers } from './group-members.js'
import { useGroupMessages, useGroupTimer } from './use-groups.js'

/**
 * One group chat: header (name, disappearing timer, members toggle), messages
 * with their senders' names, file cards and countdowns, and the composer
 * (attach or drop files to send them to the group).
 */
export function GroupView(props: { backend: ChatBackend; group: GroupSummary; contacts: readonly ChatContact[]; myAccountId: string }) {
  const { backend, group } = props
  const { messages, loaded } = useGroupMessages(backend, group.id)
  const [error, setError] = useState<string>()
  const [showMembers, setShowMembers] = useState(false)
  const [dragging, setDragging] = useState(false)
  const timer = useGroupTimer(backend, group.id)
  const heading = useFocusOnMount<HTMLHeadingElement>([group.id])
  const nameOf = (accountId: string): string =>
    accountId === props.myAccountId ? 'You' : props.contacts.find((c) => c.accountId === accountId)?.name || shortId(accountId)
  const unread = messages.filter((m) => m.direction === 'in').length

  useEffect(() => {
    if (unread > 0 && document.visibilityState === 'visible') void backend.markGroupRead(group.id).catch(() => undefined)
  }, [backend, group.id, unread])

  const sendFiles = (files: readonly File[]): void => {
    setError(undefined)
    for (const file of files)
      backend.sendGroupFile(group.id, file).catch((err: unknown) => setError(`${file.name}: ${describeError(err).title}`))
  }

  const send = async (text: string): Promise<void> => {
    setError(undefined)
    try {
      await backend.sendGroup(group.id, text)
    } catch (err) {
      setError(describeError(err).title)
      throw err
    }
  }

  return (
    <section
      class={`chat group-chat ${dragging ? 'dragging' : ''}`}
      aria-labelledby="group-title"
      data-testid="group-view"
      data-group-id={group.id}
      onDragOver={(e) => {
        if (!group.member || !e.dataTransfer?.types.includes('Files')) return
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
        if (files.length > 0 && group.member) sendFiles(files)
      }}
    >
      <header class="pane-header">
        <a class="back" href="#/">
          <span aria-hidden="true">←</span> <span class="visually-hidden">Back to </span>Chats
        </a>
        <div class="title">
          <h2 id="group-title" tabIndex={-1} ref={heading}>
            {group.name}
          </h2>
          <p class="subtitle">
            {group.members.length} member{group.members.length === 1 ? '' : 's'}
          </p>
        </div>
        {group.member ? <TimerSelect timer={timer} onSet={async (ms) => backend.setGroupTimer(group.id, ms)} /> : null}
        <button type="button" class="secondary small" aria-expanded={showMembers} onClick={() => setShowMembers(!showMembers)}>
          Members
        </button>
      </header>
      {showMembers ? <GroupMembers backend={backend} group={group} contacts={props.contacts} nameOf={nameOf} /> : null}
      {!group.member ? (
        <div class="notice" role="status" data-testid="group-removed">
          You are no longer a member of this group: you get no new messages and cannot send.
        </div>
      ) : null}
      <GroupMessages
        backend={backend}
        messages={messages}
        nameOf={nameOf}
        emptyText={loaded ? `No messages in ${group.name} yet.` : 'Loading…'}
      />
      {dragging ? (
        <p class="drop-hint" aria-hidden="true">
          Drop to send to {group.name}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      {group.member ? <Composer to={group.name} onSend={send} onFiles={sendFiles} /> : null}
    </section>
  )
}

function GroupMessages(props: {
  backend: ChatBackend
  messages: readonly GroupChatMessage[]
  nameOf: (accountId: string) => string
  emptyText: string
}) {
  const now = useNow(props.messages.some((m) => m.expiresAt !== undefined))
  const end = useRef<HTMLLIElement>(null)
  const last = props.messages[props.messages.length - 1]
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' })
  }, [props.messages.length, last?.id])
  if (props.messages.length === 0) return <p class="muted pad empty-chat">{props.emptyText}</p>
  return (
    <div class="messages" role="log" aria-live="polite" aria-label="Messages">
      <ol>
        {props.messages.map((m) =>
          m.system !== undefined ? (
            <li key={m.id} class="system" data-testid="system-message" data-id={m.id}>
              <span>
                <span aria-hidden="true">⏱ </span>
                {props.nameOf(m.sender)} {describeTimer(m.system.expireAfterMs)}
              </span>
            </li>
          ) : (
            <li
              key={m.id}
              class={`message ${m.direction}`}
              data-testid="group-message"
              data-direction={m.direction}
              data-sender={m.sender}
              data-id={m.id}
            >
              <div class="bubble">
                {m.direction === 'in' ? <span class="sender">{props.nameOf(m.sender)}</span> : null}
                {m.file !== undefined ? (
                  <FileCard backend={props.backend} message={m} file={m.file} onDownload={() => void props.backend.downloadGroupFile(m)} />
                ) : (
                  <p class="text">{m.text}</p>
                )}
                <span class="meta">
                  {m.expireAfterMs !== undefined || m.viewOnce === true ? <Countdown message={m} now={now} /> : null}
                  <time>{timeOf(m.sentAt)}</time>
                  {m.direction === 'out' && m.readBy > 0 ? ` · read by ${m.readBy}` : ''}
                  {m.direction === 'out' && m.readBy === 0 && m.deliveredBy > 0 ? ` · delivered to ${m.deliveredBy}` : ''}
                </span>
              </div>
            </li>
          ),
        )}
        <li ref={end} aria-hidden="true" />
      </ol>
    </div>
  )
}
