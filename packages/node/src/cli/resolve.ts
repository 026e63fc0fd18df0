import type { Command } from 'commander'
import { Directory, parseAccountId } from '@xchat/core'
import { goOnline } from '../peer/index.js'
import { contextOf, withGlobalOptions } from './context.js'
import { requireBootstrap, withNetworkOptions, type NetworkFlags } from './network-options.js'

/** `xchat resolve <accountId>`: the verified devices of an account and how to reach them. */
export function resolveCommand(program: Command): void {
  withNetworkOptions(withGlobalOptions(program.command('resolve')))
    .description("look up an account's verified devices in the directory")
    .argument('<accountId>', 'the account ID (xc1…)')
    .action(async (accountId: string, flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      const id = parseAccountId(accountId)
      // looking up needs no account: an anonymous short-lived client
      const peer = await goOnline({
        bootstrap: requireBootstrap(flags),
        reservations: 0,
        loopback: flags.loopback === true,
        onStatus: (s) => ctx.out.status(s),
      })
      try {
        ctx.out.status('Looking up the account…')
        const resolved = await new Directory({ node: peer.node }).resolve(id)
        ctx.out.clearStatus()
        if (ctx.json) return ctx.out.json({ ...resolved, seq: resolved.seq.toString() })
        ctx.out.line(`${resolved.accountId}: ${resolved.devices.length} device(s)`)
        for (const d of resolved.devices) {
          ctx.out.line(`  device ${d.deviceIndex}  ${d.peerId}  since ${new Date(d.createdAt).toISOString()}`)
          for (const a of d.addrs) ctx.out.line(`    ${a}`)
        }
      } finally {
        await peer.stop()
      }
    })
}
