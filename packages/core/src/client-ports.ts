/**
 * Adapters between messaging's ports and the modules that implement them:
 * relay mailboxes (mailbox/) for the MailboxPort.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { DeviceKeys } from './identity/index.js'
import type { XchatNode } from './net/index.js'
import { MailboxClient, sealEnvelope, openEnvelope, mailboxIdFor, epochOf } from './mailbox/index.js'
import type { MailboxPort, RelayAddress } from './messaging/index.js'

/**
 * The messaging mailbox port on relays' '/xchat/mailbox/1.0.0' (mailbox/).
 * @param client - shared with file mail, so both keep to one client's streams per relay
 */
export function mailboxPort(
  node: XchatNode,
  keys: DeviceKeys,
  now: () => number,
  client = new MailboxClient({ node, owner: keys.device, now }),
): MailboxPort {
  const dialable = (relay: RelayAddress): ReturnType<typeof multiaddr>[] | string =>
    relay.addrs.length > 0 ? relay.addrs.map((a) => multiaddr(a)) : relay.peerId
  return {
    async deposit(device, envelope, expiresAt, options) {
      const sealed = sealEnvelope(device.devicePublicKey, envelope)
      const mailboxId = mailboxIdFor(device.devicePublicKey, epochOf(now()))
      const result = await client.depositMany(device.relays.map(dialable), mailboxId, sealed, expiresAt, options)
      return result.acked.map((r) => r.relay)
    },
    async fetch(relay, options) {
      const mail = await client.fetch(dialable(relay), undefined, options)
      return mail.map((m) => ({ id: m.id, envelope: unseal(keys.device.privateKey(), m.envelope) }))
    },
    async ack(relay, ids, options) {
      await client.ack(dialable(relay), ids, undefined, options)
    },
    takePrekey: async (relay, devicePublicKey, options) => client.takePrekey(dialable(relay), devicePublicKey, options),
    uploadPrekeys: async (relay, prekeys, options) => client.uploadPrekeys(dialable(relay), prekeys, undefined, options),
  }
}

/** Remember a function of a key (PeerIds: deriving one checks the key is a curve point). */
export function memo(fn: (key: Uint8Array) => string): (key: Uint8Array) => string {
  const known = new Map<string, string>()
  return (key) => {
    const hex = bytesToHex(key)
    let value = known.get(hex)
    if (value === undefined) {
      value = fn(key)
      if (known.size >= 1024) known.clear()
      known.set(hex, value)
    }
    return value
  }
}

/** Open sealed mail; anyone can deposit, so mail that does not open becomes an empty envelope the receiver refuses (and it is acked away). */
function unseal(devicePrivateKey: Uint8Array, sealed: Uint8Array): Uint8Array {
  try {
    return openEnvelope(devicePrivateKey, sealed)
  } catch {
    return new Uint8Array(0)
  }
}
