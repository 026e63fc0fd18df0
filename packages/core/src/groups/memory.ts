/**
 * In-process transports for groups: a control hub standing in for the 1:1
 * sessions and a fan-out hub standing in for gossip topics and relay stores.
 * For tests and for the members of the benchmark beyond the real libp2p nodes.
 */
import type { AccountId } from '../identity/index.js'
import type { ControlSender, GroupControlPort, GroupFanout } from './ports.js'

type ControlHandler = (control: Uint8Array, from: ControlSender) => Promise<void>

/** Routes controls between devices by account; offline devices get theirs when back (like mailboxes). */
export class MemoryControlHub {
  readonly #devices = new Map<AccountId, Map<string, { online: boolean; handler: ControlHandler; queue: [Uint8Array, ControlSender][] }>>()
  /** Controls sent, for byte counts. */
  sent = 0
  sentBytes = 0

  /** A device's port; `handler` receives its controls. */
  attach(accountId: AccountId, deviceKey: string, handler: ControlHandler): GroupControlPort {
    type Device = { online: boolean; handler: ControlHandler; queue: [Uint8Array, ControlSender][] }
    const devices = this.#devices.get(accountId) ?? new Map<string, Device>()
    devices.set(deviceKey, { online: true, handler, queue: [] })
    this.#devices.set(accountId, devices)
    return {
      send: async (accounts, control) => {
        const from: ControlSender = { accountId, deviceKey }
        const targets = [...new Set([...accounts, accountId])]
        for (const to of targets)
          for (const [key, d] of this.#devices.get(to) ?? []) {
            if (key === deviceKey) continue
            this.sent++
            this.sentBytes += control.length
            if (d.online) setTimeout(() => void d.handler(control, from), 0)
            else d.queue.push([control, from])
          }
        return Promise.resolve()
      },
    }
  }

  /** Take a device off line (its controls queue) or back (they are delivered, in order). */
  async setOnline(accountId: AccountId, deviceKey: string, online: boolean): Promise<void> {
    const d = this.#devices.get(accountId)?.get(deviceKey)
    if (d === undefined) return
    d.online = online
    if (!online) return
    for (const [control, from] of d.queue.splice(0)) await d.handler(control, from)
  }
}

/** One topic space with a relay-like store per topic (bounded), so members that were offline can fetch. */
export class MemoryFanoutHub {
  readonly #subs = new Map<string, Map<number, (bytes: Uint8Array) => void>>()
  readonly #held = new Map<string, Uint8Array[]>()
  readonly #keep: number
  #next = 0
  published = 0
  publishedBytes = 0

  constructor(keep = 1000) {
    this.#keep = keep
  }

  /** A device's fan-out port. */
  port(): GroupFanout & { online: boolean } {
    const me = this.#next++
    const subs = this.#subs
    const held = this.#held
    const keep = this.#keep
    const count = (bytes: number): void => {
      this.published++
      this.publishedBytes += bytes
    }
    const port: GroupFanout & { online: boolean } = {
      online: true,
      subscribe(topic, onMessage) {
        const list = subs.get(topic) ?? new Map<number, (bytes: Uint8Array) => void>()
        list.set(me, (bytes) => {
          if (port.online) onMessage(bytes)
        })
        subs.set(topic, list)
      },
      unsubscribe(topic) {
        subs.get(topic)?.delete(me)
      },
      async publish(topic, bytes) {
        count(bytes.length)
        const kept = held.get(topic) ?? []
        kept.push(bytes)
        if (kept.length > keep) kept.shift()
        held.set(topic, kept)
        for (const [id, deliver] of subs.get(topic) ?? []) if (id !== me) queueMicrotask(() => deliver(bytes))
        return Promise.resolve({ uploadedBytes: bytes.length })
      },
      async fetch(topic) {
        return Promise.resolve([...(held.get(topic) ?? [])])
      },
    }
    return port
  }

  /** Deliver bytes to the subscribers of a topic as if published by someone outside (a bridge from real nodes). */
  inject(topic: string, bytes: Uint8Array, except?: number): void {
    for (const [id, deliver] of this.#subs.get(topic) ?? []) if (id !== except) deliver(bytes)
  }
}
