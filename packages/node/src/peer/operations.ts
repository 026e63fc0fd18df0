import type { XchatClient } from '@xchat/core'
import type { IpcHandlers } from '../ipc/index.js'
import { groupOperations } from './group-operations.js'

/**
 * What the CLI can ask of a device, by method name. The same functions serve
 * a command that opened the device itself and `xchat listen`'s control
 * socket, so both paths behave the same.
 */
export function deviceOperations(client: XchatClient): IpcHandlers {
  return {
    ...groupOperations(client),
    send: async (p) => client.send(str(p, 'to'), str(p, 'text')),
    history: async (p) => client.history(str(p, 'with'), typeof p['limit'] === 'number' ? { limit: p['limit'] } : {}),
    conversations: async () => client.conversations(),
    'contacts.add': async (p) => client.contacts.add(str(p, 'accountId'), str(p, 'name')),
    'contacts.list': async () => client.contacts.list(),
    'contacts.remove': async (p) => client.contacts.remove(str(p, 'who')),
    'identity.accept': async (p) => {
      const who = str(p, 'accountId')
      await client.acceptIdentity((await client.contacts.get(who))?.accountId ?? who)
      return true
    },
  }
}

function str(params: Readonly<Record<string, unknown>>, name: string): string {
  const v = params[name]
  if (typeof v !== 'string') throw new TypeError(`"${name}" expected a string`)
  return v
}
