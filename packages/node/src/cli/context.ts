import type { Command } from 'commander'
import { resolveDataDir } from '../account/index.js'
import { processOutput, type Output } from '../io/output.js'

/** What every command gets: where the data is, how to print. */
export interface CommandContext {
  readonly dataDir: string
  readonly json: boolean
  readonly out: Output
}

/**
 * Add the global options to a command, so they work before or after its name
 * (`xchat --json whoami` and `xchat whoami --json`).
 */
export function withGlobalOptions(cmd: Command): Command {
  return cmd.option('--data <dir>', 'data folder (default: $XCHAT_DATA or ~/.xchat)').option('--json', 'print machine-readable JSON')
}

/** The context of a command, merging the options given before and after its name. */
export function contextOf(cmd: Command): CommandContext {
  const opts = cmd.optsWithGlobals<{ data?: string; json?: boolean }>()
  const json = opts.json === true
  return { dataDir: resolveDataDir(opts.data), json, out: processOutput(json) }
}
