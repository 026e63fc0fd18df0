/**
 * What a relay keeps of each group topic it follows: the newest messages,
 * bounded per topic, in total and in age. Relays cannot read or check them
 * (they hold no keys): members drop what does not verify.
 */
import { MAX_GROUP_FETCH_BYTES, RELAY_MAX_BYTES, RELAY_MAX_TOPICS, RELAY_MESSAGES_PER_TOPIC, RELAY_MESSAGE_TTL_MS } from './constants.js'

interface Held {
  readonly bytes: Uint8Array
  readonly at: number
}

/** In memory: a restart loses it (offline members then miss messages; see docs/protocol/groups.md). */
export class RelayGroupStore {
  readonly #topics = new Map<string, Held[]>()
  readonly #now: () => number
  #bytes = 0

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  get bytes(): number {
    return this.#bytes
  }

  get topics(): number {
    return this.#topics.size
  }

  add(topic: string, bytes: Uint8Array): void {
    let list = this.#topics.get(topic)
    if (list === undefined) {
      list = []
      this.#topics.set(topic, list)
    } else {
      // most recently used topics last: the oldest topic is dropped first
      this.#topics.delete(topic)
      this.#topics.set(topic, list)
    }
    list.push({ bytes, at: this.#now() })
    this.#bytes += bytes.length
    while (list.length > RELAY_MESSAGES_PER_TOPIC) this.#bytes -= list.shift()?.bytes.length ?? 0
    while (this.#topics.size > RELAY_MAX_TOPICS || this.#bytes > RELAY_MAX_BYTES) {
      const oldest = this.#topics.keys().next()
      if (oldest.done === true) break
      for (const h of this.#topics.get(oldest.value) ?? []) this.#bytes -= h.bytes.length
      this.#topics.delete(oldest.value)
    }
  }

  /** The newest unexpired messages of a topic, oldest first, at most MAX_GROUP_FETCH_BYTES. */
  get(topic: string): Uint8Array[] {
    const list = this.#topics.get(topic) ?? []
    const cutoff = this.#now() - RELAY_MESSAGE_TTL_MS
    while (list.length > 0 && (list[0] as Held).at < cutoff) this.#bytes -= list.shift()?.bytes.length ?? 0
    const out: Uint8Array[] = []
    let size = 0
    for (let i = list.length - 1; i >= 0; i--) {
      const h = list[i] as Held
      if (size + h.bytes.length + 8 > MAX_GROUP_FETCH_BYTES) break
      size += h.bytes.length + 8
      out.push(h.bytes)
    }
    return out.reverse()
  }
}
