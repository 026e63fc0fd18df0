import type { Command } from 'commander'
import { XchatError } from '@xchat/core'
import { contextOf, withGlobalOptions } from './context.js'
import { deviceCall } from './device-call.js'
import { withNetworkOptions, type NetworkFlags } from './network-options.js'

/** `xchat cancel-file <fileId>`: stop offering or receiving a file; the other side is told. */
export function cancelFileCommand(program: Command): void {
  withNetworkOptions(withGlobalOptions(program.command('cancel-file')))
    .description('cancel a file transfer (one this device offers or receives) by its file id')
    .argument('<fileId>', 'the file id (hex) from send-file or listen')
    .action(async (fileId: string, flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      const found = await deviceCall<boolean>(ctx, 'file.cancel', { fileId }, flags)
      if (!found) throw new XchatError('NOT_FOUND', `no transfer of ${fileId} on this device`)
      if (ctx.json) return ctx.out.json({ fileId, cancelled: true })
      ctx.out.line(`Cancelled ${fileId}.`)
    })
}
