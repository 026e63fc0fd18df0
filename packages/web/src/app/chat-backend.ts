/**
 * The one interface the chat UI talks to; `core-backend.ts` adapts
 * @xchat/core's client to it. The UI never imports core's client.
 */
import type { Transfer } from './transfers.js'

/** Where a message stands. Outgoing: queued → sent → delivered → read (or failed); incoming: received. */
export type DeliveryState = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'received'

/** A message as the UI shows it. */
export interface ChatMessage {
  /** Unique message ID (hex). */
  readonly id: string
  /** The other account's ID: the conversation. */
  readonly conversation: string
  readonly direction: 'in' | 'out'
  readonly text: string
  /** ms since the Unix epoch, the sender's clock */
  readonly sentAt: number
  /** ms since the Unix epoch, this device's clock */
  readonly receivedAt: number
  readonly state: DeliveryState
  /** A file message (then `text` is empty). */
  readonly file?: ChatFile
  /** Its disappearing timer (ms), if it has one. */
  readonly expireAfterMs?: number
  /** Deleted as soon as it is read (media). */
  readonly viewOnce?: boolean
  /** When it disappears from this device (ms since the epoch); unset until its clock starts (sent, or read). */
  readonly expiresAt?: number
  /** A system entry instead of a user message: the conversation timer changed (ms; null: off). */
  readonly system?: { readonly kind: 'timer'; readonly expireAfterMs: number | null }
  /** A call entry (missed, declined, finished…) instead of a text. */
  readonly call?: {
    readonly media: 'audio' | 'video'
    /** hangup | declined | busy | no-answer | cancelled | failed */
    readonly outcome: string
    readonly durationMs: number
  }
}

/** A message's own timer, overriding the conversation's. */
export interface SendOptions {
  readonly expireAfterMs?: number
  readonly viewOnce?: boolean
}

/** What a file message says about its file (from the verified manifest). */
export interface ChatFile {
  readonly name: string
  readonly size: number
  readonly mime: string
}

/** A contact: a name the user gave an account. */
export interface ChatContact {
  readonly accountId: string
  readonly name: string
  /** ms since the Unix epoch */
  readonly addedAt: number
}

/** One row of the conversation list. */
export interface ConversationSummary {
  readonly accountId: string
  readonly last?: ChatMessage
  readonly unread: number
  /** ms since the Unix epoch */
  readonly lastActivityAt: number
}

/** What the backend tells the UI. */
export type ChatEvent =
  /** A new message, or a new state of one already shown. */
  | { readonly type: 'message'; readonly message: ChatMessage }
  /** Contacts were added, renamed or removed. */
  | { readonly type: 'contacts' }
  /** Unread counts or last messages changed. */
  | { readonly type: 'conversations' }
  /** A disappearing message was deleted from this device (of a group: `conversation` is the hex group id). */
  | { readonly type: 'expired'; readonly id: string; readonly conversation: string }
  /** A conversation's (or a group's: `conversation` is then the hex group id) disappearing timer changed (ms; null: off). */
  | { readonly type: 'timer'; readonly conversation: string; readonly expireAfterMs: number | null }
  /** A file transfer started, progressed, finished or failed. */
  | { readonly type: 'transfer'; readonly transfer: Transfer }
  /** Something the user should know (never message text). */
  | { readonly type: 'warning'; readonly text: string }
  /** A group's membership, name or messages changed (`group`: which one). */
  | { readonly type: 'groups'; readonly group: string }

/** Contacts, conversations and messages of this device. */
export interface ChatBackend extends GroupBackend {
  contacts(): Promise<ChatContact[]>
  /** Add (or rename) a contact. */
  addContact(accountId: string, name: string): Promise<ChatContact>
  removeContact(accountId: string): Promise<void>
  /** Conversations, most recent first. */
  conversations(): Promise<ConversationSummary[]>
  /** A conversation's messages, oldest first (the last `limit`). */
  history(accountId: string, options?: { readonly limit?: number }): Promise<ChatMessage[]>
  /**
   * Store and send a text; it is returned at once as `queued` and later
   * `message` events carry its new states.
   */
  send(accountId: string, text: string, options?: SendOptions): Promise<ChatMessage>
  /** A conversation's disappearing timer (ms), or null when off. */
  timer(accountId: string): Promise<number | null>
  /**
   * Set (5 s … 4 weeks) or turn off (null) a conversation's disappearing
   * timer: both sides see a system entry; later messages take it.
   */
  setTimer(accountId: string, expireAfterMs: number | null): Promise<void>
  /**
   * Offer a file: it is read once (hashed, encrypted per chunk), sent as a
   * file message and served to the recipient's devices while this page is open.
   * Progress shows as `transfer` events.
   */
  sendFile(accountId: string, file: File, options?: SendOptions): Promise<ChatMessage>
  /** Fetch a received file (verified chunk by chunk); progress and the result show as `transfer` events. */
  download(message: ChatMessage): Promise<void>
  /** Stop a running transfer. */
  cancelTransfer(id: string): void
  /** The transfer of a file message, if one ran on this page. */
  transfer(id: string): Transfer | undefined
  /** Mark a conversation's incoming messages read (sends read receipts where supported). */
  markRead(accountId: string): Promise<void>
  /** This account's devices from its signed directory record. */
  devices(): Promise<AccountDevice[]>
  /** Revoke another device of this account: it leaves the list and contacts refuse it. */
  revokeDevice(deviceIndex: number): Promise<void>
  /** @returns unsubscribe */
  subscribe(listener: (event: ChatEvent) => void): () => void
  stop(): Promise<void>
}

/** One device of this account as the settings page shows it. */
export interface AccountDevice {
  readonly deviceIndex: number
  readonly name: string
  readonly createdAt: number
  /** ms since the Unix epoch of its last directory publish; 0 unknown */
  readonly lastSeen: number
  /** This browser. */
  readonly current: boolean
}

/** A group member as the members panel shows it. */
export interface GroupMemberInfo {
  readonly accountId: string
  readonly admin: boolean
}

/** A group as the conversation list and group view show it. */
export interface GroupSummary {
  /** hex group id */
  readonly id: string
  readonly name: string
  readonly members: readonly GroupMemberInfo[]
  /** This account is still a member (false after leaving or being removed). */
  readonly member: boolean
  /** This account is an admin (may add, remove, promote, demote, rename). */
  readonly admin: boolean
  readonly last?: GroupChatMessage
  readonly unread: number
  /** ms since the Unix epoch (0: no messages) */
  readonly lastActivityAt: number
}

/** A group message as the UI shows it. */
export interface GroupChatMessage {
  readonly id: string
  readonly group: string
  readonly direction: 'in' | 'out'
  /** The sender's account ID. */
  readonly sender: string
  readonly text: string
  readonly sentAt: number
  readonly receivedAt: number
  /** out: how many members confirmed delivery / reading */
  readonly deliveredBy: number
  readonly readBy: number
  /** A file message (then `text` is empty). */
  readonly file?: ChatFile
  /** Its disappearing timer (ms), if it has one. */
  readonly expireAfterMs?: number
  readonly viewOnce?: boolean
  /** When it disappears from this device (ms since the epoch); unset until its clock starts (sent, or read). */
  readonly expiresAt?: number
  /** A system entry: a member changed the group's disappearing timer (ms; null: off). */
  readonly system?: { readonly kind: 'timer'; readonly expireAfterMs: number | null }
}

/** Group chats (docs/protocol/groups.md); groups are named by their hex id. */
export interface GroupBackend {
  /** Groups this account is or was in, most recent first. */
  groups(): Promise<GroupSummary[]>
  /** Create a group with members (account IDs); this account is its admin. */
  createGroup(name: string, members: readonly string[]): Promise<GroupSummary>
  groupHistory(group: string, options?: { readonly limit?: number }): Promise<GroupChatMessage[]>
  /** Encrypt once and publish to the group (a timer of its own overrides the group's). */
  sendGroup(group: string, text: string, options?: SendOptions): Promise<void>
  /**
   * Offer a file to the group: read once, its manifest published as a group
   * message, its chunks served to the current members' devices while this page
   * is open. Progress shows as `transfer` events (conversation: the group id).
   */
  sendGroupFile(group: string, file: File, options?: SendOptions): Promise<void>
  /** Fetch a group file from the member device that offers it; progress and the result show as `transfer` events. */
  downloadGroupFile(message: GroupChatMessage): Promise<void>
  /** A group's disappearing timer (ms), or null when off. */
  groupTimer(group: string): Promise<number | null>
  /** Set (5 s … 4 weeks) or turn off (null) a group's disappearing timer; any member may; all see a system entry. */
  setGroupTimer(group: string, expireAfterMs: number | null): Promise<void>
  groupMembers(group: string): Promise<GroupMemberInfo[]>
  /** Add members by account ID (admins). */
  inviteToGroup(group: string, members: readonly string[]): Promise<void>
  /** A link anyone may use to join (admins). */
  groupInviteLink(group: string): Promise<string>
  /** Join by an invite link; resolves with the group's id. */
  joinGroup(link: string): Promise<string>
  leaveGroup(group: string): Promise<void>
  removeFromGroup(group: string, members: readonly string[]): Promise<void>
  promoteInGroup(group: string, members: readonly string[]): Promise<void>
  demoteInGroup(group: string, members: readonly string[]): Promise<void>
  renameGroup(group: string, name: string): Promise<void>
  markGroupRead(group: string): Promise<void>
}

/** A tiny listener set for backends. */
export class ChatEvents {
  readonly #listeners = new Set<(event: ChatEvent) => void>()

  subscribe(listener: (event: ChatEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  emit(event: ChatEvent): void {
    for (const l of this.#listeners) l(event)
  }
}
