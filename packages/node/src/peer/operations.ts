import type { ResolvedAccount, XchatClient } from '@xchat/core'
import type { IpcHandlers } from '../ipc/index.js'
import { FileWatch, fileOperations } from '../files/index.js'
import { groupOperations } from './group-operations.js'
import { str, timerParams } from './params.js'

/**
 * What the CLI can ask of a device, by method name. The same functions serve
 * a command that opened the device itself and `xchat listen`'s control
 * socket, so both paths behave the same.
 */
export function deviceOperations(client: XchatClient): IpcHandlers {
  return {
    ...groupOperations(client),
    ...fileOperations(client, new FileWatch(client)),
    send: async (p) => client.send(str(p, 'to'), str(p, 'text'), timerParams(p)),
    history: async (p) => {
      // an offline device deletes what expired before it answers (history hides it either way)
      await client.sweep()
      return client.history(str(p, 'with'), typeof p['limit'] === 'number' ? { limit: p['limit'] } : {})
    },
    'timer.set': async (p) => {
      const ms = p['expireAfterMs']
      if (ms !== null && typeof ms !== 'number') throw new TypeError('"expireAfterMs" expected a number or null')
      return client.setTimer(str(p, 'with'), ms)
    },
    'timer.get': async (p) => client.timer(str(p, 'with')),
    conversations: async () => client.conversations(),
    'contacts.add': async (p) => client.contacts.add(str(p, 'accountId'), str(p, 'name')),
    'contacts.list': async () => client.contacts.list(),
    'contacts.remove': async (p) => client.contacts.remove(str(p, 'who')),
    devices: async () => devicesJson(await client.devices(), client.peerId),
    'devices.revoke': async (p) => {
      const index = p['index']
      if (typeof index !== 'number') throw new TypeError('"index" expected a number')
      const r = await client.revokeDevice(index)
      return { deviceIndex: index, devicePublicKey: r.devicePublicKey, stored: r.stored }
    },
    'identity.accept': async (p) => {
      const who = str(p, 'accountId')
      await client.acceptIdentity((await client.contacts.get(who))?.accountId ?? who)
      return true
    },
  }
}

/** One device as `xchat devices --json` prints it. */
export interface DeviceJson {
  readonly deviceIndex: number
  readonly name: string
  readonly peerId: string
  readonly createdAt: number
  readonly lastSeen: number
  /** This very device. */
  readonly current: boolean
}

/** The account's device list as JSON (no bigints, no prekey bytes). */
export function devicesJson(account: ResolvedAccount, ownPeerId: string): { devices: DeviceJson[]; revoked: string[] } {
  return {
    devices: account.devices.map((d) => ({
      deviceIndex: d.deviceIndex,
      name: d.name,
      peerId: d.peerId,
      createdAt: d.createdAt,
      lastSeen: d.lastSeen,
      current: d.peerId === ownPeerId,
    })),
    revoked: [...account.revoked],
  }
}
