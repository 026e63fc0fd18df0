import type { Command } from 'commander'
import { parseManifest, type MessageView } from '@xchat/core'
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
      if (ctx.json) return ctx.out.json(messages)
      for (const m of messages) {
        const arrow = m.direction === 'in' ? '<' : '>'
        const body = m.file === undefined ? m.text : fileLabel(m.file.manifest)
        ctx.out.line(`${new Date(m.sentAt).toISOString()} ${arrow} ${body}${m.direction === 'out' ? `  [${m.status}]` : ''}`)
      }
    })
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
