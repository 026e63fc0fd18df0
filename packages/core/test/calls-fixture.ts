/**
 * Call signaling without a network: a fake clock, and devices whose
 * CallServices pass encoded signals to each other the way messaging would
 * (per device, own-account copies, the sender's time). Real signaling over
 * libp2p is in calls-messaging.test.ts.
 */
import { CallService, type AccountId, type CallClock, type CallInfo, type InboundSignal, type SignalRoute } from '../src/index.js'
import type { StoredCall } from '../src/store/index.js'

/** A clock whose timers fire only when the test advances it. */
export class FakeClock implements CallClock {
  #now = 1_800_000_000_000
  #timers = new Map<number, { at: number; fn: () => void }>()
  #next = 1

  now(): number {
    return this.#now
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#next++
    this.#timers.set(id, { at: this.#now + ms, fn })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number)
  }

  /** Move time on, firing due timers in order. */
  advance(ms: number): void {
    const end = this.#now + ms
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
      if (due === undefined) break
      this.#timers.delete(due[0])
      this.#now = Math.max(this.#now, due[1].at)
      due[1].fn()
    }
    this.#now = end
  }
}

/** One device in the fake network. */
export interface FakeDevice {
  readonly account: AccountId
  readonly device: string
  readonly calls: CallService
  readonly contacts: Set<string>
  /** History entries recorded. */
  readonly history: { conversation: string; direction: 'in' | 'out'; call: StoredCall }[]
  /** Every signal this device got, as delivered. */
  readonly inbox: InboundSignal[]
  /** Every call:rejected reason. */
  readonly rejected: string[]
  /** Every state each call went through, by call id. */
  readonly states: Map<string, string[]>
  /** Whether this device is reachable (an offline device takes no signals). */
  online: boolean
}

/** Devices wired together; signals are delivered on the next turn, in order. */
export class FakeNet {
  readonly clock = new FakeClock()
  readonly devices: FakeDevice[] = []
  #queue = Promise.resolve()

  add(account: AccountId, device: string, options: { ringTimeoutMs?: number } = {}): FakeDevice {
    const d: FakeDevice = {
      account,
      device,
      contacts: new Set(),
      history: [],
      inbox: [],
      rejected: [],
      states: new Map(),
      online: true,
      calls: new CallService({
        clock: this.clock,
        ...(options.ringTimeoutMs === undefined ? {} : { ringTimeoutMs: options.ringTimeoutMs }),
        ports: {
          send: async (to, signal, route) => Promise.resolve(this.#send(d, to, signal, route)),
          isContact: async (a) => Promise.resolve(d.contacts.has(a)),
          record: async (conversation, entry) => {
            d.history.push({ conversation, direction: entry.direction, call: entry.call })
            return Promise.resolve()
          },
        },
      }),
    }
    d.calls.addEventListener('call:state', (e) => d.states.set(e.detail.id, [...(d.states.get(e.detail.id) ?? []), e.detail.state]))
    d.calls.addEventListener('call:rejected', (e) => d.rejected.push(e.detail.reason))
    this.devices.push(d)
    return d
  }

  /** Deliver a signal to a device now (a replay, a forgery). */
  async deliver(to: FakeDevice, signal: InboundSignal): Promise<void> {
    to.inbox.push(signal)
    await to.calls.receive(signal)
  }

  /** Wait until every queued delivery ran. */
  async settle(): Promise<void> {
    for (let i = 0; i < 20; i++) await this.#queue
  }

  #send(from: FakeDevice, to: AccountId, signal: Uint8Array, route: SignalRoute): number {
    const targets = this.devices.filter(
      (d) =>
        d.online &&
        ((d.account === to && (route.peer === 'all' || route.peer === d.device)) ||
          (route.ownCopies && d.account === from.account && d.device !== from.device)),
    )
    for (const d of targets) {
      const fromSelf = d.account === from.account
      const arrival: InboundSignal = {
        signal,
        conversation: fromSelf ? to : from.account,
        fromAccount: from.account,
        fromDevice: from.device,
        fromSelf,
        sentAt: this.clock.now(),
      }
      this.#queue = this.#queue.then(async () => this.deliver(d, arrival))
    }
    return targets.length
  }
}

/** An SDP with one DTLS fingerprint. */
export function sdp(fingerprint = 'AA:BB:CC', type: 'offer' | 'answer' = 'offer'): string {
  return `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=${type}\r\nt=0 0\r\na=fingerprint:sha-256 ${fingerprint}\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n`
}

/** The state of a call on a device. */
export function stateOf(d: FakeDevice, id: string): CallInfo | undefined {
  return d.calls.get(id)
}
