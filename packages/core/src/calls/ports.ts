import type { AccountId } from '../identity/index.js'
import type { StoredCall } from '../store/index.js'

/** Which devices a signal goes to: the peer's (`'all'`, `'none'`, or one: its device key, hex), and copies to this account's other devices. */
export interface SignalRoute {
  readonly peer: string
  readonly ownCopies: boolean
}

/** How calls reach the rest of the client (messaging implements it; tests pass fakes). */
export interface CallPorts {
  /**
   * Send an encoded signal end-to-end encrypted, unordered and short-lived.
   * @returns how many devices took it (0: none could be reached)
   */
  send(to: AccountId, signal: Uint8Array, route: SignalRoute): Promise<number>
  /** Whether the account is a contact: only contacts ring. */
  isContact(accountId: AccountId): Promise<boolean>
  /** Add a call entry to the conversation's history. */
  record(
    conversation: AccountId,
    entry: { readonly direction: 'in' | 'out'; readonly at: number; readonly call: StoredCall },
  ): Promise<void>
}

/** Time, injected so that tests drive ring and connect timeouts. */
export interface CallClock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** The real clock. */
export const systemClock: CallClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

/** A call signal as messaging delivered it (from a verified device of `fromAccount`). */
export interface InboundSignal {
  readonly signal: Uint8Array
  /** The peer account of the call (for a copy from this account's other device: the account that device talked to). */
  readonly conversation: AccountId
  readonly fromAccount: AccountId
  /** The sending device key, hex. */
  readonly fromDevice: string
  readonly fromSelf: boolean
  /** ms since the Unix epoch, the sender's clock */
  readonly sentAt: number
}
