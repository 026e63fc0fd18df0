/**
 * The narrow interfaces through which groups reach the network: the 1:1
 * sessions (messaging, Content field 18) for control, and a fan-out for the
 * one ciphertext per group message (gossip topics on relays, or in-process).
 */
import type { AccountId } from '../identity/index.js'

/** Group control over the existing 1:1 encrypted sessions. */
export interface GroupControlPort {
  /**
   * Queue `control` (an encoded GroupControl) to every device of each account
   * and to this account's other devices; resolves once it is queued (stored in the outbox).
   */
  send(accounts: readonly AccountId[], control: Uint8Array): Promise<void>
}

/** One ciphertext to every subscriber of a topic. */
export interface GroupFanout {
  /** Receive what is published on `topic` (not what this device publishes itself). */
  subscribe(topic: string, onMessage: (bytes: Uint8Array) => void): void
  unsubscribe(topic: string): void
  /**
   * Publish once; the fan-out (relays) takes it to every subscriber.
   * @returns the bytes this device uploaded for it, where the transport can tell
   */
  publish(topic: string, bytes: Uint8Array): Promise<{ readonly uploadedBytes?: number }>
  /** What relays still hold for a topic (a member that was offline catches up); optional. */
  fetch?(topic: string): Promise<readonly Uint8Array[]>
}

/** Who a control came from: the certified sender device of the 1:1 envelope. */
export interface ControlSender {
  readonly accountId: AccountId
  /** hex of the 33-byte device key */
  readonly deviceKey: string
}
