import type { Command } from 'commander'
import { BOOTSTRAP_ENV, bootstrapList, collect } from './options.js'
import { UsageError } from './exit-codes.js'

/** Flags shared by commands that go online. */
export interface NetworkFlags {
  bootstrap: string[]
  loopback?: boolean
}

/** Add `--bootstrap` and `--loopback` to a command that goes online. */
export function withNetworkOptions(cmd: Command): Command {
  return cmd
    .option(
      '--bootstrap <multiaddr>',
      `relay to connect to (…/p2p/<id>), repeatable; default $${BOOTSTRAP_ENV} (comma-separated)`,
      collect,
      [],
    )
    .option('--loopback', 'keep loopback/private addresses (local relays, LANs, tests)')
}

/**
 * The bootstrap relays to use.
 * @throws UsageError when none is given (exit 2: nothing to connect to)
 */
export function requireBootstrap(flags: NetworkFlags): string[] {
  const list = bootstrapList(flags.bootstrap)
  if (list.length === 0) {
    throw new UsageError(`no bootstrap relay: pass --bootstrap <multiaddr> or set ${BOOTSTRAP_ENV} (a relay prints its addresses at start)`)
  }
  return list
}
