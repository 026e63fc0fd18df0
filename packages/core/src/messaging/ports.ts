/**
 * The narrow interfaces through which messaging reaches the network. `net/`
 * (direct streams), `mailbox/` (relay mailboxes) and `directory/` implement
 * them with libp2p; tests may pass fakes.
 */
import type { AbortOptions } from '@libp2p/interface'
import type { OneTimePrekey } from '../session/index.js'

/** A device as far as the network is concerned. */
export interface DeviceAddress {
  /** The device's PeerId (its certified device key). */
  readonly peerId: string
  /** Multiaddrs from the directory (direct addresses and relay circuits); may be empty. */
  readonly addrs: readonly string[]
}

/** A relay that keeps mailboxes: its PeerId and how to dial it. */
export interface RelayAddress {
  readonly peerId: string
  readonly addrs: readonly string[]
}

/** Direct request/answer frames between two devices ('/xchat/msg/1.0.0' in `net/`). */
export interface DirectPort {
  /**
   * Send one frame to a device (dialling it if needed, also over a relayed
   * connection) and resolve with its one answer frame.
   * @throws when the device cannot be reached or does not answer in time
   */
  request(target: DeviceAddress, frame: Uint8Array, options?: AbortOptions): Promise<Uint8Array>
  /**
   * Answer frames from other devices. The answer is written only once
   * `answer` resolves — i.e. after the frame is stored.
   */
  handle(answer: (frame: Uint8Array, fromPeerId: string) => Promise<Uint8Array>): Promise<void>
  /** Stop answering. */
  unhandle(): Promise<void>
}

/** One piece of mail fetched from a relay, already unsealed. */
export interface MailItem {
  /** The relay's id of this mail, for {@link MailboxPort.ack}. */
  readonly id: Uint8Array
  /** The inner bytes: an encoded Envelope. */
  readonly envelope: Uint8Array
}

/** Store-and-forward on relays for a device that is offline. */
export interface MailboxPort {
  /**
   * Seal `envelope` to the device and store it in its current mailbox on at
   * least `minAcks` of `relays`.
   * @returns the PeerIds of the relays that stored it
   * @throws XchatError DEPOSIT_FAILED (fewer than `minAcks` stored it)
   */
  deposit(
    device: { readonly devicePublicKey: Uint8Array; readonly relays: readonly RelayAddress[] },
    envelope: Uint8Array,
    expiresAt: number,
    options: AbortOptions & { readonly minAcks: number },
  ): Promise<readonly string[]>
  /** This device's mail on one relay (all its current mailbox ids). */
  fetch(relay: RelayAddress, options?: AbortOptions): Promise<readonly MailItem[]>
  /** Delete fetched mail from a relay once it is stored here. */
  ack(relay: RelayAddress, ids: readonly Uint8Array[], options?: AbortOptions): Promise<void>
  /** Take one of a device's one-time prekeys from a relay; undefined when none is left. */
  takePrekey(relay: RelayAddress, devicePublicKey: Uint8Array, options?: AbortOptions): Promise<OneTimePrekey | undefined>
  /**
   * Give a relay one-time prekeys of this device to hand out (an empty list
   * only asks). Optional: without it sessions start on the signed prekey only.
   * @returns how many of this device's one-time prekeys the relay now holds
   */
  uploadPrekeys?(relay: RelayAddress, prekeys: readonly OneTimePrekey[], options?: AbortOptions): Promise<number>
}

/** A device of an account as the directory lists it (certificate verified). */
export interface DirectoryDeviceInfo extends DeviceAddress {
  readonly deviceIndex: number
  /** hex */
  readonly devicePublicKey: string
  /** An encoded PrekeyBundle (signed prekey), when the device published one. */
  readonly prekeys?: Uint8Array
}

/** Where an account's devices are found. */
export interface DirectoryPort {
  /**
   * @throws XchatError NOT_FOUND (no record) | UNREACHABLE (no server answered) | RECORD_* | ACCOUNT_ID_*
   */
  resolve(
    accountId: string,
    options?: AbortOptions,
  ): Promise<{
    readonly devices: readonly DirectoryDeviceInfo[]
    readonly revoked?: readonly string[]
    /** When the record stops being valid (ms since the epoch); without it, a miss later has no fallback. */
    readonly expiresAt?: number
  }>
}
