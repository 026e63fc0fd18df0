import type { Command } from 'commander'
import { parseMnemonic, MAX_DEVICE_INDEX } from '@xchat/core'
import { randomInt } from 'node:crypto'
import { createDevice } from '../account/index.js'
import { ask, canPrompt, readStdin } from '../io/prompt.js'
import { contextOf, withGlobalOptions } from './context.js'
import { UsageError } from './exit-codes.js'
import { whoamiJson } from './whoami.js'
import { bootstrapList } from './options.js'
import { withNetworkOptions, type NetworkFlags } from './network-options.js'
import { restoreVault } from './vault-restore.js'

/**
 * Device indexes picked for a recovered device when none is given: random in
 * 1..2^20-1, so two devices recovered from the same words almost never share
 * a key, while the number stays short enough to type.
 */
const RANDOM_INDEX_LIMIT = 2 ** 20

/** `xchat recover`: the same account on this device, from words on stdin (never argv). */
export function recoverCommand(program: Command): void {
  withNetworkOptions(withGlobalOptions(program.command('recover')))
    .description('restore an account from its recovery words (read from stdin) as a new device, with its contacts and history')
    .option('--device <n>', 'device index to use (default: a new random index)')
    .option('--no-password', 'store the keys unencrypted (automation and tests only)')
    .option('--no-vault', 'only derive the keys: do not go online to restore contacts and history')
    .addHelpText(
      'after',
      '\nStdin: the words on the first line, an optional BIP-39 passphrase on the second.\n' +
        'With a bootstrap relay (--bootstrap or $XCHAT_BOOTSTRAP) the account vault is pulled from relays and replayed.',
    )
    .action(async (opts: { device?: string; password: boolean; vault: boolean } & NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      const deviceIndex = opts.device === undefined ? randomInt(1, RANDOM_INDEX_LIMIT) : parseIndex(opts.device)
      const { words, passphrase } = await readWords()
      const mnemonic = parseMnemonic(words)
      const { info, keys } = await createDevice({
        dir: ctx.dataDir,
        mnemonic,
        passphrase,
        deviceIndex,
        usePassword: opts.password,
        out: ctx.out,
      })
      const bootstrap = bootstrapList(opts.bootstrap)
      if (!opts.vault || bootstrap.length === 0) {
        if (ctx.json) return ctx.out.json(whoamiJson(info))
        ctx.out.line(`Recovered account ${info.accountId} as device ${info.deviceIndex}.`)
        if (opts.vault)
          ctx.out.warn('No bootstrap relay given: contacts and history were not restored (run `xchat vault sync --bootstrap …`).')
        return
      }
      // the device exists from here on: a failed pull is retried with `xchat vault sync`
      const vault = await restoreVault(ctx, { keys, bootstrap, loopback: opts.loopback === true, since: 'all' })
      if (ctx.json) return ctx.out.json({ ...whoamiJson(info), vault })
      ctx.out.line(`Recovered account ${info.accountId} as device ${info.deviceIndex}.`)
      ctx.out.line(
        `Restored ${vault.contacts} contact changes and ${vault.messages} messages from ${vault.blobs} vault blobs on ${vault.relays} relays` +
          (vault.rejected > 0 ? ` (${vault.rejected} damaged blobs skipped)` : '') +
          '.',
      )
    })
}

function parseIndex(text: string): number {
  const n = Number(text)
  if (!/^\d+$/u.test(text) || !Number.isSafeInteger(n) || n > MAX_DEVICE_INDEX) {
    throw new UsageError(`--device expects an integer from 0 to ${MAX_DEVICE_INDEX}, got "${text}"`)
  }
  return n
}

async function readWords(): Promise<{ words: string; passphrase: string }> {
  if (canPrompt()) {
    const words = await ask('Type your recovery words, separated by spaces: ', true)
    const passphrase = await ask('Passphrase (press Enter if you have none): ', true)
    return { words, passphrase }
  }
  const lines = (await readStdin()).split(/\r?\n/u)
  const words = lines[0] ?? ''
  if (words.trim() === '') throw new UsageError('no recovery words on stdin: pipe them in, e.g. xchat recover < words.txt')
  return { words, passphrase: lines[1] ?? '' }
}
