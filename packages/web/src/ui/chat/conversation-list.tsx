import type { ChatContact, ConversationSummary, GroupSummary } from '../../app/chat-backend.js'
import type { VerifiedMap } from '../../app/verified.js'
import { routeHref } from '../router.js'
import { shortId, shortWhen } from './format.js'

/** Contacts with their last message, time and unread count; the open one marked current. */
export function ConversationList(props: {
  contacts: readonly ChatContact[]
  conversations: readonly ConversationSummary[]
  /** Group rows come first, most recent first. */
  groups?: readonly GroupSummary[]
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
  const groups = props.groups ?? []
  if (rows.length === 0 && groups.length === 0) {
    return (
      <p class="muted pad">
        No contacts yet. <a href="#/add">Add one</a> with their ID or share link, or <a href="#/me">share yours</a>.
      </p>
    )
  }
  return (
    <ul class="conversations" aria-label="Conversations">
      {groups.map((g) => (
        <GroupRow
          key={`group:${g.id}`}
          group={g}
          current={props.current === `group:${g.id}`}
          nameOf={(id) => byId.get(id)?.name || shortId(id)}
        />
      ))}
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

/** A group's row: its name, the last message with its sender, unread count. */
function GroupRow({ group, current, nameOf }: { group: GroupSummary; current: boolean; nameOf: (accountId: string) => string }) {
  const last = group.last
  return (
    <li>
      <a
        href={routeHref({ name: 'group', groupId: group.id })}
        aria-current={current ? 'page' : undefined}
        data-testid="group"
        data-group-id={group.id}
        data-member={String(group.member)}
      >
        <span class="row-top">
          <span class="name">
            <span aria-label="group">👥 </span>
            {group.name}
          </span>
          {last ? <time class="when">{shortWhen(last.sentAt)}</time> : null}
        </span>
        <span class="row-bottom">
          <span class="snippet">
            {!group.member
              ? 'You are no longer a member'
              : last
                ? `${last.direction === 'out' ? 'You' : nameOf(last.sender)}: ${last.text}`
                : 'No messages yet'}
          </span>
          {group.unread > 0 ? (
            <span class="unread" aria-label={`${group.unread} unread`}>
              {group.unread}
            </span>
          ) : null}
        </span>
      </a>
    </li>
  )
}
