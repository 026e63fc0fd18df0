import type { XchatSession } from '../app/session.js'
import { CallScreen } from './calls/call-screen.js'
import { ChatView } from './chat/chat-view.js'
import { ConversationList } from './chat/conversation-list.js'
import { shortId } from './chat/format.js'
import { useContacts } from './chat/use-chat.js'
import { StatusBadge } from './common/status-badge.js'
import { Warnings } from './common/warnings.js'
import { AddContact } from './contacts/add-contact.js'
import { MyId } from './contacts/my-id.js'
import { SafetyNumberView } from './contacts/safety-number.js'
import { useSnapshot } from './hooks.js'
import { useRoute, type Route } from './router.js'
import { Settings } from './settings/settings.js'
import { GroupView } from './groups/group-view.js'
import { NewGroup } from './groups/new-group.js'
import { useGroups } from './groups/use-groups.js'

/**
 * The app once unlocked: conversations on the left, the open screen on the
 * right. At phone width only one of the two shows (the list on the home route).
 */
export function Shell({ session, fresh, onForgotten }: { session: XchatSession; fresh: boolean; onForgotten: () => void }) {
  const snapshot = useSnapshot(session)
  const route = useRoute()
  const { contacts, conversations, loaded } = useContacts(snapshot.backend)
  const groups = useGroups(snapshot.backend)
  const current =
    route.name === 'chat' || route.name === 'verify' ? route.accountId : route.name === 'group' ? `group:${route.groupId}` : undefined

  return (
    <div class="shell" data-view={route.name === 'home' ? 'list' : 'pane'}>
      <a class="skip" href="#pane">
        Skip to content
      </a>
      <aside class="sidebar" aria-label="Chats">
        <header class="sidebar-header">
          <h1 class="brand">xchat</h1>
          <StatusBadge status={snapshot.status} />
        </header>
        <nav class="sidebar-nav" aria-label="Main">
          <a href="#/me" class="button secondary small" aria-current={route.name === 'me' ? 'page' : undefined}>
            My ID
          </a>
          <a href="#/add" class="button primary small" aria-current={route.name === 'add' ? 'page' : undefined} data-testid="add-contact">
            + Add contact
          </a>
          <a
            href="#/newgroup"
            class="button secondary small"
            aria-current={route.name === 'new-group' ? 'page' : undefined}
            data-testid="new-group"
          >
            New group
          </a>
          <a href="#/settings" class="button secondary small" aria-current={route.name === 'settings' ? 'page' : undefined}>
            Settings
          </a>
        </nav>
        <ConversationList
          contacts={contacts}
          conversations={conversations}
          groups={groups}
          verified={snapshot.verified}
          current={current}
          loaded={loaded}
        />
      </aside>
      <main class="pane" id="pane">
        <Warnings backend={snapshot.backend} />
        <Screen session={session} route={route} fresh={fresh} contacts={contacts} groups={groups} onForgotten={onForgotten} />
      </main>
      <CallScreen calls={snapshot.calls} contacts={contacts} />
    </div>
  )
}

function Screen(props: {
  session: XchatSession
  route: Route
  fresh: boolean
  contacts: ReturnType<typeof useContacts>['contacts']
  groups: ReturnType<typeof useGroups>
  onForgotten: () => void
}) {
  const { session, route, contacts } = props
  const snapshot = useSnapshot(session)
  const { backend } = snapshot
  switch (route.name) {
    case 'home':
    case 'me':
      return (
        <MyId
          accountId={snapshot.device.accountId}
          {...(props.fresh ? { intro: 'Your account is ready. Share your ID to start chatting.' } : {})}
        />
      )
    case 'add':
      return (
        <AddContact
          key={route.prefill ?? ''}
          backend={backend}
          myAccountId={snapshot.device.accountId}
          contacts={contacts}
          {...(route.prefill !== undefined ? { prefill: route.prefill } : {})}
        />
      )
    case 'settings':
      return <Settings session={session} onForgotten={props.onForgotten} />
    case 'verify': {
      const contact = contacts.find((c) => c.accountId === route.accountId)
      return <SafetyNumberView session={session} accountId={route.accountId} name={contact?.name || shortId(route.accountId)} />
    }
    case 'new-group':
      return <NewGroup backend={backend} contacts={contacts} />
    case 'group': {
      if (backend === undefined) return <p class="center muted">Starting…</p>
      const group = props.groups.find((g) => g.id === route.groupId)
      if (group === undefined) return <p class="center muted">This group has not arrived on this device yet…</p>
      return <GroupView key={group.id} backend={backend} group={group} contacts={contacts} myAccountId={snapshot.device.accountId} />
    }
    case 'chat': {
      if (backend === undefined) return <p class="center muted">Starting…</p>
      const contact = contacts.find((c) => c.accountId === route.accountId)
      return (
        <ChatView key={route.accountId} session={session} backend={backend} accountId={route.accountId} {...(contact ? { contact } : {})} />
      )
    }
  }
}
