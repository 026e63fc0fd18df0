import type { Command } from 'commander'
import { formatRemaining, formatTimer, parseManifest, type MessageView } from '@xchat/core'
import { hexToBytes } from '@noble/hashes/utils.js'
import { contextOf, withGlobalOptions } from './context.js'
import { deviceCall } from './device-call.js'
import { intOption } from './options.js'

/** `xchat history <with>`: a conversation, oldest first. */
export function historyCommand(program: Command): void {
  withGlobalOptions(program.command('history'))
    .description('show the messages of a conversation')
    .argument('<with>', 'account ID (xc1…) or contact name')
    .option('--limit <n>', 'only the newest n messages')
    .action(async (who: string, flags: { limit?: string }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const params: Record<string, unknown> = { with: who }
      if (flags.limit !== undefined) params['limit'] = intOption('--limit', flags.limit, 1)
      const messages = await deviceCall<MessageView[]>(ctx, 'history', params)
      const now = Date.now()
      // remainingMs: how long until this device deletes the message
      if (ctx.json)
        return ctx.out.json(messages.map((m) => (m.expiresAt === undefined ? m : { ...m, remainingMs: Math.max(0, m.expiresAt - now) })))
      for (const m of messages) {
        const time = new Date(m.sentAt).toISOString()
        if (m.system !== undefined) {
          ctx.out.line(`${time} * ${m.direction === 'out' ? 'You' : 'They'} ${m.text}`)
          continue
        }
        const arrow = m.direction === 'in' ? '<' : '>'
        const body = m.file === undefined ? m.text : fileLabel(m.file.manifest)
        ctx.out.line(`${time} ${arrow} ${body}${m.direction === 'out' ? `  [${m.status}]` : ''}${expiryNote(m, now)}`)
      }
    })
}

/** `  (disappears in 4m 10s)`, or for an unread timed message the timer that starts when it is read. */
function expiryNote(m: MessageView, now: number): string {
  if (m.expiresAt === undefined) return ''
  if (m.direction === 'in' && m.status !== 'read') {
    return m.viewOnce === true ? '  (view once)' : `  (disappears ${formatTimer(m.expireAfterMs ?? 0)} after it is read)`
  }
  return `  (disappears in ${formatRemaining(m.expiresAt - now)})`
}

/** A file message as one line: its name and size from the manifest (the bytes may have to be fetched again). */
function fileLabel(manifestHex: string): string {
  try {
    const { manifest } = parseManifest(hexToBytes(manifestHex))
    return `[file ${manifest.name}, ${manifest.size} bytes]`
  } catch {
    return '[file: damaged manifest]'
  }
}
