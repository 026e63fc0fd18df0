/**
 * The sending side of file mail (docs/protocol/files.md, "Mailbox
 * delivery"): a file's encrypted chunks and its chunk list, cut into pieces,
 * each sealed to the recipient device and deposited in its mailboxes on at
 * least two relays, as for a message. A relay sees a mailbox id, a size and
 * an expiry, like any mail.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import { multiaddr } from '@multiformats/multiaddr'
import type { AbortOptions } from '@libp2p/interface'
import { XchatError, isXchatError } from './errors.js'
import { delay } from './delay.js'
import { sealEnvelope, mailboxIdFor, epochOf, type DepositBatch, type MailboxClient, type RelayTarget } from './mailbox/index.js'
import type { RelayAddress } from './messaging/index.js'
import { cutIntoPieces, encodeFileMail, fileMailSize } from './files/index.js'

/** Attempts of one piece on one relay that cannot be reached, before that relay is given up. */
const UNREACHABLE_ATTEMPTS = 3

/** The longest wait a relay's RATE_LIMITED answer may impose on one piece (its retryAfterMs is capped to this). */
const MAX_RATE_WAIT_MS = 60_000

/** A device the file goes to. */
export interface FileMailDevice {
  /** 33-byte compressed key: the envelopes are sealed to it, its mailbox id derives from it. */
  readonly devicePublicKey: Uint8Array
  readonly relays: readonly RelayAddress[]
}

/** What {@link depositFileMail} needs. */
export interface FileDepositInit {
  readonly client: MailboxClient
  readonly devices: readonly FileMailDevice[]
  readonly fileId: Uint8Array
  readonly chunkList: Uint8Array
  readonly chunks: number
  /** Encrypted chunk `index` (ciphertext and tag), as the manifest's chunk list hashes it. */
  readonly encryptedChunk: (index: number) => Promise<Uint8Array>
  /** The length of encrypted chunk `index` (known from the manifest: the relays are asked for room for the whole file first). */
  readonly encryptedLength: (index: number) => number
  readonly expiresAt: number
  readonly now: () => number
  /** Relays that must hold every piece for a device (fewer if it lists fewer). */
  readonly minRelays: number
}

/** Where the pieces went: per device (key hex), the relays that hold every piece. */
export interface FileDepositResult {
  readonly devices: readonly { readonly device: string; readonly relays: readonly string[] }[]
}

/**
 * Deposit every piece of a file for each device on its relays: the chunk
 * list first, then the chunks in order. A relay that refuses (full, too
 * large, refused) is dropped for that device; one that asks to slow down is
 * waited for. The first piece carries the size of the whole file mail, so a
 * mailbox without room for all of it refuses before anything is stored.
 * @throws XchatError QUOTA_EXCEEDED (a relay was full and too few are left) |
 *   DEPOSIT_FAILED (too few relays for a device; details: device, needed, failed) | TRANSFER_CANCELLED (aborted)
 */
export async function depositFileMail(init: FileDepositInit, options: AbortOptions = {}): Promise<FileDepositResult> {
  const devices = init.devices.map((d) => ({
    device: d,
    needed: Math.min(init.minRelays, d.relays.length),
    alive: new Map(d.relays.map((r) => [r.peerId, r])),
    failed: [] as { relay: string; error: unknown }[],
  }))
  if (devices.length === 0) throw new XchatError('DEPOSIT_FAILED', 'no device to deposit the file for')
  for (const d of devices) if (d.needed === 0) throw tooFew(d.device, 0, init.minRelays, [])
  const whole = fileMailSize([init.chunkList.length, ...Array.from({ length: init.chunks }, (_, i) => init.encryptedLength(i))])
  const deposit = async (kind: 'chunk' | 'chunk-list', index: number, bytes: Uint8Array): Promise<void> => {
    const pieces = cutIntoPieces(init.fileId, kind, index, bytes)
    const opening = kind === 'chunk-list'
    await Promise.all(
      devices.map(async (d) => {
        const key = d.device.devicePublicKey
        const mailboxId = mailboxIdFor(key, epochOf(init.now()))
        const sealed = pieces.map((p) => sealEnvelope(key, encodeFileMail(p)))
        await Promise.all(
          [...d.alive.values()].map(async (relay) => {
            // the first piece of the file alone, asking for room for all of it: refused, nothing of the file stays behind
            const [first, ...rest] = sealed
            const results: PromiseSettledResult<void>[] =
              opening && first !== undefined
                ? await Promise.allSettled([depositOne(init.client, relay, mailboxId, first, init.expiresAt, { ...options, batch: whole })])
                : []
            if (results[0]?.status !== 'rejected') {
              // the pieces of a chunk at once: the client keeps to its few streams per relay
              const next = opening ? rest : sealed
              results.push(
                ...(await Promise.allSettled(
                  next.map(async (envelope) => depositOne(init.client, relay, mailboxId, envelope, init.expiresAt, options)),
                )),
              )
            }
            if (options.signal?.aborted === true) throw cancelled()
            const refused = results.find((r) => r.status === 'rejected')
            if (refused !== undefined) {
              d.alive.delete(relay.peerId)
              d.failed.push({ relay: relay.peerId, error: refused.reason })
            }
          }),
        )
        if (d.alive.size < d.needed) throw tooFew(d.device, d.alive.size, d.needed, d.failed)
      }),
    )
  }
  await deposit('chunk-list', 0, init.chunkList)
  for (let i = 0; i < init.chunks; i++) {
    if (options.signal?.aborted === true) throw cancelled()
    await deposit('chunk', i, await init.encryptedChunk(i))
  }
  return { devices: devices.map((d) => ({ device: bytesToHex(d.device.devicePublicKey), relays: [...d.alive.keys()] })) }
}

/** One envelope on one relay: waits out RATE_LIMITED, retries UNREACHABLE a few times, throws anything else. */
async function depositOne(
  client: MailboxClient,
  relay: RelayAddress,
  mailboxId: Uint8Array,
  envelope: Uint8Array,
  expiresAt: number,
  options: AbortOptions & { readonly batch?: DepositBatch },
): Promise<void> {
  let unreachable = 0
  // a call, not a property test: the signal changes across the awaits below
  const stopped = (): boolean => options.signal?.aborted === true
  for (;;) {
    // also after a wait below that the abort cut short
    if (stopped()) throw cancelled()
    try {
      await client.deposit(dialable(relay), mailboxId, envelope, expiresAt, options)
      return
    } catch (err) {
      if (stopped()) throw cancelled()
      if (isXchatError(err, 'RATE_LIMITED')) {
        const after = Number(err.details['retryAfterMs'])
        await delay(Math.min(MAX_RATE_WAIT_MS, Number.isFinite(after) && after > 0 ? after : 1000), options.signal)
        continue
      }
      if (isXchatError(err, 'UNREACHABLE') && ++unreachable < UNREACHABLE_ATTEMPTS) {
        await delay(500 * unreachable, options.signal)
        continue
      }
      throw err
    }
  }
}

function tooFew(device: FileMailDevice, stored: number, needed: number, failed: readonly { relay: string; error: unknown }[]): XchatError {
  const full = failed.some((f) => isXchatError(f.error, 'QUOTA_EXCEEDED'))
  const codes = failed.map((f) => ({ relay: f.relay, code: isXchatError(f.error) ? f.error.code : 'UNREACHABLE' }))
  return new XchatError(
    full ? 'QUOTA_EXCEEDED' : 'DEPOSIT_FAILED',
    full
      ? `relay mailboxes are full: only ${stored} of the ${needed} relays needed hold the file`
      : `only ${stored} of the ${needed} relays needed hold the file`,
    {
      cause: new AggregateError(failed.map((f) => f.error)),
      details: { device: bytesToHex(device.devicePublicKey), stored, needed, failed: codes },
    },
  )
}

function dialable(relay: RelayAddress): RelayTarget {
  return relay.addrs.length > 0 ? relay.addrs.map((a) => multiaddr(a)) : relay.peerId
}

function cancelled(): XchatError {
  return new XchatError('TRANSFER_CANCELLED', 'the file mail deposit was stopped')
}
