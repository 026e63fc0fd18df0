import { useEffect, useRef, useState } from 'preact/hooks'
import type { ChatBackend, ChatContact, GroupChatMessage, GroupSummary } from '../../app/chat-backend.js'
import { describeError } from '../../app/errors.js'
import { Composer } from '../chat/composer.js'
import { shortId, timeOf } from '../chat/format.js'
import { ErrorMessage } from '../common/error-message.js'
import { useFocusOnMount } from '../hooks.js'
import { GroupMembers } from './group-members.js'
import { useGroupMessages } from './use-groups.js'

/** One group chat: header (name, members toggle), messages with their senders' names and the composer. */
export function GroupView(props: { backend: ChatBackend; group: GroupSummary; contacts: readonly ChatContact[]; myAccountId: string }) {
  const { backend, group } = props
  const { messages, loaded } = useGroupMessages(backend, group.id)
  const [error, setError] = useState<string>()
  const [showMembers, setShowMembers] = useState(false)
  const heading = useFocusOnMount<HTMLHeadingElement>([group.id])
  const nameOf = (accountId: string): string =>
    accountId === props.myAccountId ? 'You' : props.contacts.find((c) => c.accountId === accountId)?.name || shortId(accountId)
  const unread = messages.filter((m) => m.direction === 'in').length

  useEffect(() => {
    if (unread > 0 && document.visibilityState === 'visible') void backend.markGroupRead(group.id).catch(() => undefined)
  }, [backend, group.id, unread])

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
    <section class="chat group-chat" aria-labelledby="group-title" data-testid="group-view" data-group-id={group.id}>
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
      <GroupMessages messages={messages} nameOf={nameOf} emptyText={loaded ? `No messages in ${group.name} yet.` : 'Loading…'} />
      <ErrorMessage error={error} />
      {group.member ? (
        <Composer to={group.name} onSend={send} onFiles={() => setError('Files cannot be sent to groups from the browser yet.')} />
      ) : null}
    </section>
  )
}

function GroupMessages(props: { messages: readonly GroupChatMessage[]; nameOf: (accountId: string) => string; emptyText: string }) {
  const end = useRef<HTMLLIElement>(null)
  const last = props.messages[props.messages.length - 1]
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' })
  }, [props.messages.length, last?.id])
  if (props.messages.length === 0) return <p class="muted pad empty-chat">{props.emptyText}</p>
  return (
    <div class="messages" role="log" aria-live="polite" aria-label="Messages">
      <ol>
        {props.messages.map((m) => (
          <li key={m.id} class={`message ${m.direction}`} data-testid="group-message" data-direction={m.direction} data-sender={m.sender}>
            <div class="bubble">
              {m.direction === 'in' ? <span class="sender">{props.nameOf(m.sender)}</span> : null}
              <p class="text">{m.text}</p>
              <span class="meta">
                <time>{timeOf(m.sentAt)}</time>
                {m.direction === 'out' && m.readBy > 0 ? ` · read by ${m.readBy}` : ''}
                {m.direction === 'out' && m.readBy === 0 && m.deliveredBy > 0 ? ` · delivered to ${m.deliveredBy}` : ''}
              </span>
            </div>
          </li>
        ))}
        <li ref={end} aria-hidden="true" />
      </ol>
    </div>
  )
}
