import type { XchatClient } from '@xchat/core'
import type { IpcHandlers } from '../ipc/index.js'
import { str } from './params.js'

/** The `xchat group …` operations, for a device opened here or behind `xchat listen`. */
export function groupOperations(client: XchatClient): IpcHandlers {
  return {
    'group.create': async (p) => client.createGroup(str(p, 'name'), list(p, 'members')),
    'group.invite': async (p) => client.invite(str(p, 'group'), list(p, 'members')),
    'group.link': async (p) => ({ link: await client.inviteLink(str(p, 'group')) }),
    'group.join': async (p) => client.join(str(p, 'link')),
    'group.leave': async (p) => client.leave(str(p, 'group')),
    'group.remove': async (p) => client.remove(str(p, 'group'), list(p, 'members')),
    'group.promote': async (p) => client.promote(str(p, 'group'), list(p, 'members')),
    'group.demote': async (p) => client.demote(str(p, 'group'), list(p, 'members')),
    'group.rename': async (p) => client.rename(str(p, 'group'), str(p, 'name')),
    'group.send': async (p) => client.sendGroup(str(p, 'group'), str(p, 'text')),
    'group.history': async (p) => client.groupHistory(str(p, 'group'), typeof p['limit'] === 'number' ? { limit: p['limit'] } : {}),
    'group.list': async () => Promise.resolve(client.groups()),
    'group.members': async (p) => Promise.resolve(client.members(str(p, 'group'))),
    'group.read': async (p) => ({ marked: await client.markGroupRead(str(p, 'group')) }),
  }
}

function list(params: Readonly<Record<string, unknown>>, name: string): string[] {
  const v = params[name]
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new TypeError(`"${name}" expected a list of strings`)
  return v as string[]
}
