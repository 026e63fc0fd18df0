import type { ChatContact, ConversationSummary } from '../../app/chat-backend.js'
import type { VerifiedMap } from '../../app/verified.js'
import { routeHref } from '../router.js'
import { shortId, shortWhen } from './format.js'

/** Contacts with their last message, time and unread count; the open one marked current. */
export function ConversationList(props: {
  contacts: readonly ChatContact[]
  conversations: readonly ConversationSummary[]
  verified: VerifiedMap
  current?: string
  loaded: boolean
}) {
  const byId = new Map(props.contacts.map((c) => [c.accountId, c]))
  // every contact has a row, conversations first (most recent first)
  const rows: { accountId: string; summary?: ConversationSummary }[] = props.conversations.map((s) => ({
    accountId: s.accountId,
    summary: s,
  }))
  for (const c of props.contacts) if (!rows.some((r) => r.accountId === c.accountId)) rows.push({ accountId: c.accountId })
  if (!props.loaded) return <p class="muted pad">Loading…</p>
  if (rows.length === 0) {
    return (
      <p class="muted pad">
        No contacts yet. <a href="#/add">Add one</a> with their ID or share link, or <a href="#/me">share yours</a>.
      </p>
    )
  }
  return (
    <ul class="conversations" aria-label="Conversations">
      {rows.map(({ accountId, summary }) => {
        const name = byId.get(accountId)?.name || shortId(accountId)
        const last = summary?.last
        const unread = summary?.unread ?? 0
        return (
          <li key={accountId}>
            <a
              href={routeHref({ name: 'chat', accountId })}
              aria-current={props.current === accountId ? 'page' : undefined}
              data-testid="conversation"
              data-account-id={accountId}
            >
              <span class="row-top">
                <span class="name">
                  {name}
                  {props.verified[accountId] !== undefined ? (
                    <span class="verified" title="Verified safety number" aria-label="verified">
                      {' '}
                      ✓
                    </span>
                  ) : null}
                </span>
                {last ? <time class="when">{shortWhen(last.sentAt)}</time> : null}
              </span>
              <span class="row-bottom">
                <span class="snippet">
                  {last ? `${last.direction === 'out' ? 'You: ' : ''}${last.file ? `📄 ${last.file.name}` : last.text}` : 'No messages yet'}
                </span>
                {unread > 0 ? (
                  <span class="unread" aria-label={`${unread} unread`}>
                    {unread}
                  </span>
                ) : null}
              </span>
            </a>
          </li>
        )
      })}
    </ul>
  )
}
