/**
 * The {@link ChatBackend} over @xchat/core's client: contacts, conversations
 * and messages live in core's sealed store in this browser's level database;
 * core sends over direct streams (WebRTC between browsers) or relay mailboxes.
 */
import {
  createClient,
  type DeviceKeys,
  type LevelDatabase,
  type MessageView,
  type MessengerEvents,
  type PublishResult,
  type XchatClient,
  type XchatNode,
} from '@xchat/core'
import {
  ChatEvents,
  type AccountDevice,
  type ChatBackend,
  type ChatContact,
  type ChatEvent,
  type ChatMessage,
  type ConversationSummary,
} from './chat-backend.js'
import { describeError } from './errors.js'

type Detail<K extends keyof MessengerEvents> = MessengerEvents[K] extends CustomEvent<infer D> ? D : never

/** Messages re-read to find the new state of a few of them. */
const REFRESH_WINDOW = 200
/** Vault pulls a new device tries right after start, and the pause between them. */
const RESTORE_ATTEMPTS = 10
const RESTORE_RETRY_MS = 2000
/** How long send() waits for core to store a message before it reports it queued. */
const QUEUE_TIMEOUT_MS = 30_000

export class CoreBackend implements ChatBackend {
  readonly #client: XchatClient
  readonly #events = new ChatEvents()
  readonly #beforeSend: (accountId: string) => Promise<void>
  readonly #off: (() => void)[] = []

  private constructor(client: XchatClient, beforeSend: (accountId: string) => Promise<void>) {
    this.#client = client
    this.#beforeSend = beforeSend
    this.#listen()
  }

  /**
   * Open core's store in `db` and start the client (answering messages, the
   * outbox, mailboxes, directory publishing).
   * @param beforeSend - e.g. open a direct WebRTC connection to the contact first
   */
  static async start(init: {
    node: XchatNode
    db: LevelDatabase
    keys: DeviceKeys
    beforeSend?: (accountId: string) => Promise<void>
  }): Promise<CoreBackend> {
    const client = await createClient({ node: init.node, db: init.db, keys: init.keys })
    await client.start()
    const backend = new CoreBackend(client, init.beforeSend ?? (() => Promise.resolve()))
    // contacts and conversations another device of the account changed (live sync)
    const onApplied = (): void => {
      backend.#events.emit({ type: 'contacts' })
      backend.#events.emit({ type: 'conversations' })
      void backend.#showRecent().catch(() => undefined)
    }
    client.vault?.addEventListener('vault:applied', onApplied)
    backend.#off.push(() => client.vault?.removeEventListener('vault:applied', onApplied))
    backend.#restoreIfEmpty()
    return backend
  }

  /** The newest messages of every conversation as `message` events, so an open conversation shows what another device added. */
  async #showRecent(): Promise<void> {
    for (const c of await this.#client.conversations()) {
      for (const m of await this.#client.history(c.accountId, { limit: REFRESH_WINDOW }))
        this.#events.emit({ type: 'message', message: toChat(m) })
    }
  }

  /**
   * A device with no contacts and no conversations yet (a recovery: "I have an
   * account") pulls the account's vault from relays in the background and
   * shows what comes back; running clients keep syncing on their own.
   */
  #restoreIfEmpty(): void {
    void (async () => {
      const vault = this.#client.vault
      if (vault === undefined) return
      if ((await this.#client.contacts.list()).length > 0 || (await this.#client.conversations()).length > 0) return
      // right after start the relays may not be connected yet: try a few times, then live sync (every 30 s) takes over
      for (let attempt = 0; attempt < RESTORE_ATTEMPTS; attempt++) {
        try {
          await vault.pull() // 'vault:applied' refreshes the views
          return
        } catch {
          await new Promise((resolve) => setTimeout(resolve, RESTORE_RETRY_MS))
        }
      }
    })().catch(() => undefined)
  }

  /** Publish this device's directory entry now. */
  publish(): Promise<PublishResult> {
    return this.#client.publish()
  }

  async contacts(): Promise<ChatContact[]> {
    return (await this.#client.contacts.list()).map((c) => ({ accountId: c.accountId, name: c.name, addedAt: c.addedAt }))
  }

  async addContact(accountId: string, name: string): Promise<ChatContact> {
    const c = await this.#client.contacts.add(accountId, name)
    this.#events.emit({ type: 'contacts' })
    return { accountId: c.accountId, name: c.name, addedAt: c.addedAt }
  }

  async removeContact(accountId: string): Promise<void> {
    await this.#client.contacts.remove(accountId)
    this.#events.emit({ type: 'contacts' })
  }

  async conversations(): Promise<ConversationSummary[]> {
    const all = await this.#client.conversations()
    return Promise.all(
      all.map(async (c) => {
        const [last] = await this.#client.history(c.accountId, { limit: 1 })
        return { accountId: c.accountId, unread: c.unread, lastActivityAt: c.lastActivityAt, ...(last ? { last: toChat(last) } : {}) }
      }),
    )
  }

  async history(accountId: string, options: { readonly limit?: number } = {}): Promise<ChatMessage[]> {
    return (await this.#client.history(accountId, options.limit === undefined ? {} : { limit: options.limit })).map(toChat)
  }

  /**
   * Hand the text to core and return it as soon as it is stored (queued);
   * delivery goes on in the background and shows as `message` events.
   * @throws XchatError NOT_FOUND (the account has no directory entry) | IDENTITY_CHANGED | TOO_LARGE | …
   */
  async send(accountId: string, text: string): Promise<ChatMessage> {
    await this.#beforeSend(accountId).catch(() => undefined)
    const queued = this.#nextQueued(accountId)
    const sending = this.#client.send(accountId, text)
    const first = await Promise.race([queued.promise, sending.then((r) => r.id)]).finally(queued.cancel)
    sending.then(
      (r) => void this.#refresh(accountId, [r.id]),
      (err: unknown) => {
        // stored and still retried from the outbox: the message shows as queued; say why once
        this.#events.emit({ type: 'warning', text: describeError(err).title })
      },
    )
    const message = (await this.#client.history(accountId, { limit: REFRESH_WINDOW })).find((m) => m.id === first)
    if (message === undefined) throw new Error('the message was not stored')
    return toChat(message)
  }

  async devices(): Promise<AccountDevice[]> {
    const account = await this.#client.devices()
    return account.devices.map((d) => ({
      deviceIndex: d.deviceIndex,
      name: d.name,
      createdAt: d.createdAt,
      lastSeen: d.lastSeen,
      current: d.peerId === this.#client.peerId,
    }))
  }

  async revokeDevice(deviceIndex: number): Promise<void> {
    await this.#client.revokeDevice(deviceIndex)
  }

  async markRead(accountId: string): Promise<void> {
    const marked = await this.#client.markRead(accountId)
    if (marked > 0) this.#events.emit({ type: 'conversations' })
  }

  subscribe(listener: (event: ChatEvent) => void): () => void {
    return this.#events.subscribe(listener)
  }

  async stop(): Promise<void> {
    for (const off of this.#off.splice(0)) off()
    await this.#client.stop()
  }

  /** The id of the next message core queues for `accountId`; rejects with send()'s error if that comes first. */
  #nextQueued(accountId: string): { promise: Promise<string>; cancel: () => void } {
    let cancel = (): void => undefined
    const promise = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Sending is taking too long: check your connection.')), QUEUE_TIMEOUT_MS)
      const onQueued = (e: CustomEvent<{ readonly id: string; readonly conversation: string }>): void => {
        if (e.detail.conversation !== accountId) return
        cancel()
        resolve(e.detail.id)
      }
      this.#client.events.addEventListener('message:queued', onQueued)
      cancel = () => {
        clearTimeout(timer)
        this.#client.events.removeEventListener('message:queued', onQueued)
      }
    })
    return { promise, cancel }
  }

  #listen(): void {
    const { events } = this.#client
    const on = <K extends keyof MessengerEvents>(name: K, fn: (detail: Detail<K>) => void): void => {
      const handler = (e: Event): void => fn((e as MessengerEvents[K]).detail as Detail<K>)
      events.addEventListener(name, handler)
      this.#off.push(() => events.removeEventListener(name, handler))
    }
    on('message:received', (m) => {
      this.#events.emit({ type: 'message', message: toChat(m) })
      this.#events.emit({ type: 'conversations' })
    })
    on('message:queued', (d) => void this.#refresh(d.conversation, [d.id]))
    on('message:sent', (d) => void this.#refresh(d.conversation, [d.id]))
    on('message:failed', (d) => void this.#refresh(d.conversation, [d.id]))
    on('receipt:received', (d) => void this.#refresh(d.conversation, d.ids))
    on('identity:changed', (d) =>
      this.#events.emit({
        type: 'warning',
        text: `A device of ${d.accountId.slice(0, 12)}… shows a new key. Its messages are held until you compare safety numbers again.`,
      }),
    )
  }

  /** Re-read a conversation's recent messages and announce the new state of `ids`. */
  async #refresh(conversation: string, ids: readonly string[]): Promise<void> {
    const wanted = new Set(ids)
    try {
      for (const m of await this.#client.history(conversation, { limit: REFRESH_WINDOW })) {
        if (wanted.has(m.id)) this.#events.emit({ type: 'message', message: toChat(m) })
      }
      this.#events.emit({ type: 'conversations' })
    } catch {
      // stopped meanwhile
    }
  }
}

function toChat(m: MessageView): ChatMessage {
  return {
    id: m.id,
    conversation: m.conversation,
    direction: m.direction,
    text: m.text,
    sentAt: m.sentAt,
    receivedAt: m.receivedAt,
    state: m.status === 'pending' ? 'queued' : m.status,
  }
}
