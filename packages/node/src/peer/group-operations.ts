import { basename, resolve } from 'node:path'
import type { XchatClient } from '@xchat/core'
import type { IpcHandlers } from '../ipc/index.js'
import { fileSource } from '../files/source.js'
import { str, timerParams } from './params.js'

/**
 * What `group.file.send` answers: the offer went out on the group's topic; the
 * offer is stored, so the file is served while this process runs and by a later `xchat listen`.
 */
export interface GroupFileSendResult {
  readonly fileId: string
  /** The file message id. */
  readonly id: string
  readonly group: string
  readonly name: string
  readonly size: number
}

/** Where a group file this device offers stands (`group.file.status`). */
export interface GroupFileState {
  readonly fileId: string
  /**
   * serving: on offer; complete: every member it went to (still a member) has it, no longer served;
   * unknown: not offered here (withdrawn, expired, or this process is not the one serving it).
   */
  readonly state: 'serving' | 'complete' | 'unknown'
  readonly size?: number
  /** Plaintext bytes the members' devices asked for so far (the furthest). */
  readonly served?: number
  /** The other current members, and how many of them hold the whole file. */
  readonly members?: number
  readonly complete?: number
}

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
    'group.send': async (p) => client.sendGroup(str(p, 'group'), str(p, 'text'), timerParams(p)),
    'group.timer.set': async (p) => client.setGroupTimer(str(p, 'group'), timerOrOff(p)),
    'group.timer.get': async (p) => Promise.resolve(client.groupTimer(str(p, 'group'))),
    'group.file.send': async (p): Promise<GroupFileSendResult> => {
      const path = resolve(str(p, 'path'))
      const source = await fileSource(path)
      const name = basename(path)
      // stored with its path: a later `xchat listen` serves it to members that were offline
      const sent = await client.sendGroupFile(str(p, 'group'), source, { name }, { ...timerParams(p), locator: path })
      // the group's id (the argument may be a name or an id prefix)
      const group = client.groupFileStatus(sent.fileId)?.group ?? str(p, 'group')
      return { fileId: sent.fileId, id: sent.id, group, name, size: source.size }
    },
    'group.file.status': (p): Promise<GroupFileState> => {
      const fileId = str(p, 'fileId')
      const status = client.groupFileStatus(fileId)
      if (status === undefined) return Promise.resolve({ fileId, state: 'unknown' })
      const { state, size, served, members, complete } = status
      return Promise.resolve({ fileId, state, size, served, members, complete })
    },
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

/** `expireAfterMs`: ms, or null for off (core checks the range). */
function timerOrOff(params: Readonly<Record<string, unknown>>): number | null {
  const v = params['expireAfterMs']
  if (v !== null && typeof v !== 'number') throw new TypeError('"expireAfterMs" expected a number or null')
  return v
}
