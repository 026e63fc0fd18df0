import { useEffect, useRef } from 'preact/hooks'
import type { ChatBackend, ChatMessage, DeliveryState } from '../../app/chat-backend.js'
import { describeTimer, formatRemaining, formatTimer } from '@xchat/core/ephemeral'
import { FileCard } from './file-card.js'
import { useNow } from './use-chat.js'
import { dayOf, startOfDay, timeOf } from './format.js'
import { CallEntryText } from '../calls/call-entry.js'

const STATE_LABEL: Record<DeliveryState, string> = {
  queued: 'Queued for delivery',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
  received: '',
}

const STATE_HELP: Partial<Record<DeliveryState, string>> = {
  queued: 'Waiting to reach the recipient: it goes out when they (or their relay mailboxes) can be reached.',
  sent: 'Stored by a device of the recipient or by their relay mailboxes.',
  failed: 'It could not be delivered in time. Send it again.',
}

const STATE_ICON: Record<DeliveryState, string> = { queued: '◷', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!', received: '' }

/** The messages of a conversation with day separators; keeps the newest in view. */
export function MessageList({
  backend,
  messages,
  emptyText,
  peerName,
}: {
  backend: ChatBackend
  messages: readonly ChatMessage[]
  emptyText: string
  /** How system entries name the other side. */
  peerName: string
}) {
  const now = useNow(messages.some((m) => m.expiresAt !== undefined))
  const end = useRef<HTMLDivElement>(null)
  const last = messages[messages.length - 1]
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' })
  }, [messages.length, last?.id])

  if (messages.length === 0) return <p class="muted pad empty-chat">{emptyText}</p>
  let day = -1
  return (
    <div class="messages" role="log" aria-live="polite" aria-label="Messages">
      <ol>
        {messages.flatMap((m) => {
          const items = []
          const d = startOfDay(m.sentAt)
          if (d !== day) {
            day = d
            items.push(
              <li key={`day-${d}`} class="day" role="separator">
                <span>{dayOf(m.sentAt)}</span>
              </li>,
            )
          }
          if (m.system !== undefined) {
            items.push(
              <li key={m.id} class="system" data-testid="system-message" data-id={m.id}>
                <span>
                  <span aria-hidden="true">⏱ </span>
                  {m.direction === 'out' ? 'You' : peerName} {describeTimer(m.system.expireAfterMs)}
                </span>
              </li>,
            )
            return items
          }
          items.push(
            <li
              key={m.id}
              class={`message ${m.direction}${m.call ? ' call-entry' : ''}`}
              data-testid={m.call ? 'call-entry' : 'message'}
              data-outcome={m.call?.outcome}
              data-direction={m.direction}
              data-state={m.state}
              data-id={m.id}
            >
              {m.file !== undefined ? (
                <FileCard backend={backend} message={m} file={m.file} onDownload={() => void backend.download(m)} />
              ) : (
                <p class="text">{m.call ? <CallEntryText call={m.call} direction={m.direction} /> : m.text}</p>
              )}
              <span class="meta">
                {m.expireAfterMs !== undefined || m.viewOnce === true ? <Countdown message={m} now={now} /> : null}
                <time dateTime={new Date(m.sentAt).toISOString()}>{timeOf(m.sentAt)}</time>
                {m.direction === 'out' && !m.call ? (
                  <span class={`state state-${m.state}`} title={STATE_HELP[m.state]} data-testid="message-state">
                    <span aria-hidden="true">{STATE_ICON[m.state]} </span>
                    {STATE_LABEL[m.state]}
                  </span>
                ) : null}
              </span>
            </li>,
          )
          return items
        })}
      </ol>
      <div ref={end} />
    </div>
  )
}

/** How long a disappearing message has left (once its clock started), or its timer (before it is read). */
export function Countdown({ message, now }: { message: Pick<ChatMessage, 'expiresAt' | 'expireAfterMs' | 'viewOnce'>; now: number }) {
  const { expiresAt, expireAfterMs, viewOnce } = message
  const text =
    expiresAt !== undefined
      ? formatRemaining(expiresAt - now)
      : viewOnce === true
        ? 'view once'
        : `${formatTimer(expireAfterMs ?? 0)} after reading`
  const label =
    expiresAt !== undefined
      ? `Disappears in ${formatRemaining(expiresAt - now)}`
      : viewOnce === true
        ? 'Deleted once read'
        : `Disappears ${text}`
  return (
    <span class="countdown" data-testid="message-countdown" title={label}>
      <span aria-hidden="true">⏱ {text}</span>
      <span class="visually-hidden">{label}</span>
    </span>
  )
}
