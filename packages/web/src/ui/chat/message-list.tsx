import { useEffect, useRef } from 'preact/hooks'
import type { ChatMessage, DeliveryState } from '../../app/chat-backend.js'
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
export function MessageList({ messages, emptyText }: { messages: readonly ChatMessage[]; emptyText: string }) {
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
              <p class="text">{m.call ? <CallEntryText call={m.call} direction={m.direction} /> : m.text}</p>
              <span class="meta">
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
