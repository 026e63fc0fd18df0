import { basename, resolve } from 'node:path'
import type { IpcHandlers } from '../ipc/index.js'
import { isXchatError, type XchatClient } from '@xchat/core'
import { fileSource } from './source.js'
import type { FileWatch } from './watch.js'
import { str, timerParams } from '../peer/params.js'

/** What `file.send` answers: the offer message went out (or waits in the outbox). */
export interface FileSendResult {
  readonly fileId: string
  /** The file message id. */
  readonly id: string
  readonly name: string
  readonly size: number
  /** 'direct' | 'mailbox' for the offer message; 'queued' when no device took it yet. */
  readonly delivered: string
  /**
   * The file's own copy in the mailboxes when the offer went to one (the recipient is offline):
   * 'depositing' (then `file.status` tells how it ends) or 'too-large' (it waits for the recipient).
   */
  readonly mailbox?: string
}

/**
 * The file operations of the control socket (and of a command that opened
 * the device itself): offer a file by path, ask how it stands, cancel it.
 */
export function fileOperations(client: XchatClient, watch: FileWatch): IpcHandlers {
  return {
    'file.send': async (p): Promise<FileSendResult> => {
      const path = resolve(str(p, 'path'))
      const source = await fileSource(path)
      const name = basename(path)
      try {
        const max = p['mailboxMaxBytes']
        if (max !== undefined && (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 0)) {
          throw new TypeError('"mailboxMaxBytes" expected a non-negative integer')
        }
        const sent = await client.sendFile(
          str(p, 'to'),
          source,
          { name },
          { locator: path, ...timerParams(p), ...(max === undefined ? {} : { mailboxMaxBytes: max }) },
        )
        const mailbox = client.fileOffers().find((o) => o.fileId === sent.fileId)?.mailbox
        return {
          fileId: sent.fileId,
          id: sent.id,
          name,
          size: source.size,
          delivered: sent.delivered,
          ...(mailbox === undefined ? {} : { mailbox }),
        }
      } catch (err) {
        // no device took the offer yet: it waits in the outbox, and the file stays offered (stored)
        if (isXchatError(err, 'UNDELIVERED') && typeof err.details['fileId'] === 'string' && typeof err.details['id'] === 'string') {
          return { fileId: err.details['fileId'], id: err.details['id'], name, size: source.size, delivered: 'queued' }
        }
        throw err
      }
    },
    'file.status': (p) => Promise.resolve(watch.status(str(p, 'fileId'))),
    'file.cancel': async (p) => {
      const fileId = str(p, 'fileId')
      const found = await client.cancelFile(fileId)
      if (found) watch.cancelled(fileId)
      return found
    },
  }
}
