import { join } from 'node:path'
import { hostname } from 'node:os'
import { ClassicLevel } from 'classic-level'
import { createClient, createXchatNode, libp2pPrivateKey, type DeviceKeys, type XchatClient } from '@xchat/core'
import { readAccountInfo, unlockDevice } from '../account/index.js'
import type { Output } from '../io/output.js'
import { UsageError } from '../cli/exit-codes.js'
import { goOnline, type OnlinePeer } from './online.js'
import { fileSource, nativeFileCrypto } from '../files/index.js'

/** The device database folder inside the data folder. */
export const DEVICE_DB = 'db'

/** How to open this device. */
export interface OpenDeviceOptions {
  readonly dataDir: string
  readonly out: Output
  /** Go online (send, listen) or stay offline (history, contacts). */
  readonly online: boolean
  readonly bootstrap?: readonly string[]
  readonly loopback?: boolean
  /** Called once the client exists and before it starts, so no event (mail fetched at start) is missed. */
  readonly beforeStart?: (client: XchatClient, keys: DeviceKeys) => void
  /** Keys already unlocked (e.g. by `recover`, which just derived them): no second password prompt. */
  readonly keys?: DeviceKeys
}

/** This device, opened: its keys, its client and, online, its peer. */
export interface OpenDevice {
  readonly keys: DeviceKeys
  readonly client: XchatClient
  readonly peer?: OnlinePeer
  /** DHT servers that stored this device's record when it went online (0 offline). */
  readonly published: number
  /** Stop the client and node, close the database. */
  close(): Promise<void>
}

/**
 * Unlock the keys, open the device database (the data folder's lock: one
 * process at a time) and build the client, online or offline.
 * @throws UsageError when another process (a running `xchat listen`) holds the folder
 */
export async function openDevice(options: OpenDeviceOptions): Promise<OpenDevice> {
  await readAccountInfo(options.dataDir)
  const keys = options.keys ?? (await unlockDevice(options.dataDir, options.out))
  const db = new ClassicLevel<string, Uint8Array>(join(options.dataDir, DEVICE_DB), { keyEncoding: 'utf8', valueEncoding: 'view' })
  try {
    await db.open()
  } catch (err) {
    if (isLocked(err)) throw new UsageError(`another xchat process is using ${options.dataDir}; stop it or let this command go through it`)
    throw err
  }
  let peer: OnlinePeer | undefined
  try {
    const node = options.online
      ? (peer = await goOnline({
          keys,
          bootstrap: options.bootstrap ?? [],
          reservations: 2,
          loopback: options.loopback === true,
          onStatus: (s) => options.out.status(s),
        })).node
      : await createXchatNode({ role: 'peer', privateKey: libp2pPrivateKey(keys.device.privateKey()), listen: [], reservations: 0 })
    // the name other devices of the account see in `xchat devices`
    const deviceName = (process.env['XCHAT_DEVICE_NAME'] ?? hostname()).slice(0, 64)
    // stored file offers are served again from their paths; chunk crypto runs on OpenSSL
    const client = await createClient({ node, db, keys, deviceName, openSource: fileSource, fileCrypto: nativeFileCrypto() })
    let published = 0
    options.beforeStart?.(client, keys)
    if (options.online) {
      options.out.status('Publishing this device and fetching mail…')
      await client.start()
      try {
        published = (await client.publish()).stored
      } catch (err) {
        await client.stop() // e.g. DEVICE_REVOKED: nothing may keep running
        throw err
      }
    }
    options.out.clearStatus()
    return {
      keys,
      client,
      published,
      ...(peer ? { peer } : {}),
      async close() {
        if (options.online) await client.stop()
        await (peer ? peer.stop() : node.stop())
        await db.close()
      },
    }
  } catch (err) {
    await peer?.stop()
    await db.close()
    throw err
  }
}

function isLocked(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } }
  return (
    e.code === 'LEVEL_LOCKED' || e.cause?.code === 'LEVEL_LOCKED' || /lock/i.test(String((e.cause as Error | undefined)?.message ?? ''))
  )
}
