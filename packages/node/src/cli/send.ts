import type { Command } from 'commander'
import type { SendResult } from '@xchat/core'
import { contextOf, withGlobalOptions } from './context.js'
import { deviceCall } from './device-call.js'
import { withNetworkOptions, type NetworkFlags } from './network-options.js'
import { durationOption } from './duration-option.js'

type SendFlags = NetworkFlags & { acceptIdentity?: boolean; expire?: string; viewOnce?: boolean }

/** `xchat send <to> <text>`: exit 0 once delivered or stored on ≥ 2 mailboxes (on every one when a device names fewer), else 1 with the reason. */
export function sendCommand(program: Command): void {
  withNetworkOptions(withGlobalOptions(program.command('send')))
    .description('send a text message to an account ID or a contact name')
    .argument('<to>', 'account ID (xc1…) or contact name')
    .argument('<text>', 'the message')
    .option('--accept-identity', "accept this contact's changed device key (after comparing safety numbers with xchat verify), then send")
    .option('--expire <duration>', 'the message disappears this long after it is sent (here) or read (there): 30s, 5m, 1h, 1d, 1w … 4w')
    .option('--view-once', 'the recipient sees it once: it is deleted as soon as it is read')
    .action(async (to: string, text: string, flags: SendFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      // checked before anything goes online
      const timer = {
        ...(flags.expire === undefined ? {} : { expireAfterMs: durationOption('--expire', flags.expire) }),
        ...(flags.viewOnce === true ? { viewOnce: true } : {}),
      }
      if (flags.acceptIdentity === true) await deviceCall(ctx, 'identity.accept', { accountId: to }, flags)
      const result = await deviceCall<SendResult>(ctx, 'send', { to, text, ...timer }, flags)
      if (ctx.json) return ctx.out.json(result)
      const where = result.delivered === 'direct' ? 'delivered' : 'stored in the recipient’s mailboxes (delivered when they come online)'
      ctx.out.line(`Message ${result.id} ${where}.`)
      for (const d of result.devices) if (d.error) ctx.out.warn(`device ${d.deviceIndex}: not yet (${d.error}); will retry`)
    })
}
