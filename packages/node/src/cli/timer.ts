import type { Command } from 'commander'
import { formatTimer, type SendResult } from '@xchat/core'
import { contextOf, withGlobalOptions } from './context.js'
import { deviceCall } from './device-call.js'
import { timerArgument } from './duration-option.js'
import { withNetworkOptions, type NetworkFlags } from './network-options.js'

/**
 * `xchat timer <with> [duration|off]`: set a conversation's disappearing
 * timer (a message both sides see), or show it.
 */
export function timerCommand(program: Command): void {
  withNetworkOptions(withGlobalOptions(program.command('timer')))
    .description('set (or show) how long messages of a conversation last: 30s, 5m, 1h, 1d, 1w … 4w, or off')
    .argument('<with>', 'account ID (xc1…) or contact name')
    .argument('[duration]', 'from 5s to 4w, or off; without it, show the timer')
    .action(async (who: string, duration: string | undefined, flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      if (duration === undefined) {
        const current = await deviceCall<number | null>(ctx, 'timer.get', { with: who })
        if (ctx.json) return ctx.out.json({ expireAfterMs: current })
        return ctx.out.line(current === null ? 'Disappearing messages are off.' : `Messages disappear after ${formatTimer(current)}.`)
      }
      const expireAfterMs = timerArgument(duration)
      const result = await deviceCall<SendResult>(ctx, 'timer.set', { with: who, expireAfterMs }, flags)
      if (ctx.json) return ctx.out.json({ ...result, expireAfterMs })
      ctx.out.line(
        expireAfterMs === null ? 'Disappearing messages turned off.' : `Messages now disappear after ${formatTimer(expireAfterMs)}.`,
      )
      for (const d of result.devices) if (d.error) ctx.out.warn(`device ${d.deviceIndex}: not yet (${d.error}); will retry`)
    })
}
