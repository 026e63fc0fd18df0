import { isXchatError } from '../errors.js'
import type { Receiver } from './receiver.js'
import type { MailboxPort, RelayAddress } from './ports.js'
import type { OwnPrekeys } from './own-prekeys.js'
import { MAILBOX_TIMEOUT_MS } from './constants.js'

/** Fetch rounds per relay per sync: a relay answers in batches; the rest waits for the next sync. */
const MAX_FETCH_ROUNDS = 20

/** One-time prekeys a relay should hold for this device; topped up when it holds fewer than half. */
export const ONE_TIME_PREKEYS_PER_RELAY = 50

/**
 * Takes this device's mail from its relays: every envelope goes through the
 * receiver (stored before anything else happens), and only then is the mail
 * acked (deleted) on the relay. Mail that could not be stored stays there.
 */
export class MailboxSync {
  readonly #mailbox: MailboxPort
  readonly #receiver: Receiver
  readonly #relays: () => readonly RelayAddress[]
  readonly #flush: () => Promise<void>
  #running: Promise<void> | undefined
  #again = false

  /** @param flush - makes what the receiver stored durable; called before mail is acked away */
  constructor(mailbox: MailboxPort, receiver: Receiver, relays: () => readonly RelayAddress[], flush: () => Promise<void>) {
    this.#mailbox = mailbox
    this.#receiver = receiver
    this.#relays = relays
    this.#flush = flush
  }

  /** Fetch from every relay now; a call during a sync runs one more sync after it. */
  async sync(signal?: AbortSignal): Promise<void> {
    if (this.#running !== undefined) {
      this.#again = true
      return this.#running
    }
    this.#running = (async () => {
      do {
        this.#again = false
        await Promise.all(this.#relays().map(async (relay) => this.#syncRelay(relay, signal)))
      } while (this.#again && signal?.aborted !== true)
    })().finally(() => {
      this.#running = undefined
    })
    return this.#running
  }

  async #syncRelay(relay: RelayAddress, signal?: AbortSignal): Promise<void> {
    for (let round = 0; round < MAX_FETCH_ROUNDS && signal?.aborted !== true; round++) {
      const options = { signal: AbortSignal.any([AbortSignal.timeout(MAILBOX_TIMEOUT_MS), ...(signal ? [signal] : [])]) }
      let items
      try {
        items = await this.#mailbox.fetch(relay, options)
      } catch {
        return // the relay is away; the other relay holds the same mail
      }
      if (items.length === 0) return
      const done: Uint8Array[] = []
      for (const item of items) {
        try {
          await this.#receiver.receive(item.envelope, { path: 'mailbox' })
          done.push(item.id)
        } catch (err) {
          if (isXchatError(err)) done.push(item.id)
          // anything else (the store failed): leave the mail on the relay for the next sync
        }
      }
      if (done.length === 0) return
      try {
        await this.#flush()
        await this.#mailbox.ack(relay, done, options)
      } catch {
        return // acked next time; the copies are duplicates by then
      }
    }
  }

  /** Give each relay one-time prekeys to hand out, when it holds fewer than half of {@link ONE_TIME_PREKEYS_PER_RELAY}. */
  async topUpPrekeys(prekeys: OwnPrekeys, now: () => number, signal?: AbortSignal): Promise<void> {
    const upload = this.#mailbox.uploadPrekeys?.bind(this.#mailbox)
    if (upload === undefined) return
    await Promise.all(
      this.#relays().map(async (relay) => {
        const options = { signal: AbortSignal.any([AbortSignal.timeout(MAILBOX_TIMEOUT_MS), ...(signal ? [signal] : [])]) }
        try {
          const held = await upload(relay, [], options)
          if (held >= ONE_TIME_PREKEYS_PER_RELAY / 2) return
          const created = await prekeys.createOneTime(ONE_TIME_PREKEYS_PER_RELAY - held, now())
          await upload(
            relay,
            created.map((k) => k.toPublic()),
            options,
          )
        } catch {
          // sessions then start on the signed prekey alone
        }
      }),
    )
  }
}
