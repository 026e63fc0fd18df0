import type { AccountId } from '../identity/index.js'
import type { StoredMessage } from '../store/index.js'
import type { ReceiptKind } from './content.js'

/** A call signal as the messenger received it. */
export interface CallSignalArrival {
  readonly signal: Uint8Array
  /** The peer account of the call (for a copy from this account's other device: the account it called or was called by). */
  readonly conversation: AccountId
  readonly fromAccount: AccountId
  /** The sending device key, hex. */
  readonly fromDevice: string
  readonly fromSelf: boolean
  /** ms since the Unix epoch, the sender's clock */
  readonly sentAt: number
}

/** A message as the UI sees it. */
export type MessageView = StoredMessage

/** How an envelope reached a device: its own ack over a direct stream, or ≥ 2 relay mailboxes. */
export type DeliveryPath = 'direct' | 'mailbox'

/** Detail of the `file:*` events: which file, from which account and device (PeerId). */
export interface FileControlDetail {
  readonly conversation: AccountId
  /** SHA-256 of the encoded manifest, hex. */
  readonly fileId: string
  readonly device: string
}

/** Events of the messenger; details never hold message text except in `message:received`. */
export interface MessengerEvents {
  /** A new text or file offer (`file` set): from a peer, or a copy of one this account sent from another device. Once per message id. */
  'message:received': CustomEvent<MessageView>
  /** A text is stored and its envelopes wait in the outbox. */
  'message:queued': CustomEvent<{
    readonly id: string
    readonly conversation: AccountId
    readonly devices: number
    /** The message as stored (a text, file or timer; absent for a resend). */
    readonly message?: MessageView
  }>
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
  /** A peer's device holds the whole verified file of ours (`fileId` hex), or cancelled receiving it. */
  'file:complete': CustomEvent<FileControlDetail>
  /** The other side cancelled a file transfer: the sender withdrew its offer, or the receiver stopped fetching. */
  'file:cancelled': CustomEvent<FileControlDetail>
  /**
   * Pieces of a file (`fileId` hex) came through this device's mailboxes and are stored
   * (file mail): a download waiting for its sender can go on from them now.
   */
  'file:mail': CustomEvent<{ readonly fileId: string }>
  /**
   * A disappearing message was deleted from this device (its time came, or it was viewed once).
   * `file`: the app should delete a copy of the file it saved. Never the text.
   */
  'message:expired': CustomEvent<{
    readonly id: string
    readonly conversation: AccountId
    readonly direction: 'in' | 'out'
    readonly file?: { readonly manifest: string }
    readonly expiredAt: number
  }>
  /** A conversation's disappearing timer changed (ms; null: off), by this account (`direction: 'out'`) or the peer. */
  'timer:changed': CustomEvent<{
    readonly conversation: AccountId
    readonly expireAfterMs: number | null
    readonly direction: 'in' | 'out'
  }>
  /**
   * A call signal from a verified device of a peer (or of this account: `fromSelf`), for calls/ to parse.
   * Carries the encoded signal (SDP inside): hand it to calls/ only.
   */
  'call:signal': CustomEvent<CallSignalArrival>
  /** A group control (groups/) arrived over a 1:1 session; `from` is the certified sender device. */
  'group:control': CustomEvent<{
    readonly control: Uint8Array
    readonly from: { readonly accountId: AccountId; readonly deviceIndex: number; readonly deviceKey: string }
  }>
  /** Input from the network was dropped (a warning; never plaintext). */
  'envelope:rejected': CustomEvent<{ readonly reason: string; readonly via: DeliveryPath }>
}
