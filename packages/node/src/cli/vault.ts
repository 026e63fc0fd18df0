import type { Command } from 'commander'
import { contextOf, withGlobalOptions } from './context.js'
import { requireBootstrap, withNetworkOptions, type NetworkFlags } from './network-options.js'
import { restoreVault } from './vault-restore.js'

/** `xchat vault sync`: push this device's recorded entries and pull the other devices' (or a whole recovery with --all). */
export function vaultCommand(program: Command): void {
  const vault = program.command('vault').description("the account's encrypted history vault on relays")
  withNetworkOptions(withGlobalOptions(vault.command('sync')))
    .description("push this device's changes to the vault and pull the other devices' (a running `xchat listen` does this on its own)")
    .option('--all', 'pull the whole vault again (e.g. after a recovery that could not reach relays)')
    .action(async (opts: NetworkFlags & { all?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const summary = await restoreVault(ctx, {
        bootstrap: requireBootstrap(opts),
        loopback: opts.loopback === true,
        since: opts.all === true ? 'all' : 'newest',
      })
      if (ctx.json) return ctx.out.json(summary)
      ctx.out.line(`Applied ${summary.entries} vault entries (${summary.messages} messages) from ${summary.relays} relays.`)
    })
}
