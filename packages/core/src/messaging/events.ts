import type { AccountId } from '../identity/index.js'
import type { StoredMessage } from '../store/index.js'
import type { ReceiptKind } from './content.js'

/** A message as the UI sees it. */
export type MessageView = StoredMessage

/** How an envelope reached a device: its own ack over a direct stream, or ≥ 2 relay mailboxes. */
export type DeliveryPath = 'direct' | 'mailbox'

/** Events of the messenger; details never hold message text except in `message:received`. */
export interface MessengerEvents {
  /** A new text or file offer (`file` set): from a peer, or a copy of one this account sent from another device. Once per message id. */
  'message:received': CustomEvent<MessageView>
  /** A text is stored and its envelopes wait in the outbox. */
  'message:queued': CustomEvent<{ readonly id: string; readonly conversation: AccountId; readonly devices: number }>
  /** One device took an envelope (its ack) or ≥ 2 of its mailboxes did. */
  'message:sent': CustomEvent<{
    readonly id: string
    readonly conversation: AccountId
    readonly device: string
    readonly via: DeliveryPath
  }>
  /** An envelope was given up (expired, or refused by the device for good). */
  'message:failed': CustomEvent<{ readonly id: string; readonly conversation: AccountId; readonly device: string; readonly reason: string }>
  /** Seqs of a device's stream are missing; a resend request went out. */
  'message:gap': CustomEvent<{ readonly conversation: AccountId; readonly device: string; readonly missing: readonly number[] }>
  /** A delivered/read receipt for messages of ours. */
  'receipt:received': CustomEvent<{
    readonly conversation: AccountId
    readonly kind: ReceiptKind
    readonly ids: readonly string[]
    readonly device: string
  }>
  /** A known device of an account showed another key: the account is blocked until `acceptIdentity`. */
  'identity:changed': CustomEvent<{ readonly accountId: AccountId; readonly deviceIndex: number }>
  /** A group control (groups/) arrived over a 1:1 session; `from` is the certified sender device. */
  'group:control': CustomEvent<{
    readonly control: Uint8Array
    readonly from: { readonly accountId: AccountId; readonly deviceIndex: number; readonly deviceKey: string }
  }>
  /** Input from the network was dropped (a warning; never plaintext). */
  'envelope:rejected': CustomEvent<{ readonly reason: string; readonly via: DeliveryPath }>
}
