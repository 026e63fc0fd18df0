import type { Command } from 'commander'
import { Option } from 'commander'
import { generateMnemonic, type WordCount } from '@xchat/core'
import { createDevice } from '../account/index.js'
import { contextOf, withGlobalOptions } from './context.js'
import { whoamiJson } from './whoami.js'

/** Environment variable for an optional BIP-39 passphrase (the "25th word"). */
export const PASSPHRASE_ENV = 'XCHAT_PASSPHRASE'

/** `xchat init`: a new account, device 0. Prints the words once. */
export function initCommand(program: Command): void {
  withGlobalOptions(program.command('init'))
    .description('create a new account (12 or 24 words) on this device')
    .addOption(new Option('--words <n>', 'number of recovery words').choices(['12', '24']).default('12'))
    .option('--no-password', 'store the keys unencrypted (automation and tests only)')
    .addHelpText(
      'after',
      `\nThe keys are encrypted with a password from $XCHAT_PASSWORD or asked on the terminal.\nAn optional BIP-39 passphrase is read from $${PASSPHRASE_ENV}.`,
    )
    .action(async (opts: { words: string; password: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const mnemonic = generateMnemonic(Number(opts.words) as WordCount)
      const { info } = await createDevice({
        dir: ctx.dataDir,
        mnemonic,
        passphrase: process.env[PASSPHRASE_ENV] ?? '',
        deviceIndex: 0,
        usePassword: opts.password,
        out: ctx.out,
      })
      if (ctx.json) return ctx.out.json({ mnemonic: mnemonic.phrase, ...whoamiJson(info) })
      ctx.out.line('Your account is ready. These are its recovery words:')
      ctx.out.line()
      mnemonic.words.forEach((w, i) => ctx.out.line(`  ${String(i + 1).padStart(2)}. ${w}`))
      ctx.out.line()
      ctx.out.line('Write them down on paper, in order, and keep them safe. They are shown only now.')
      ctx.out.line('Anyone with these words owns your account; without them a lost device means a lost account.')
      ctx.out.line()
      ctx.out.line(`Account ID  ${info.accountId}`)
    })
}
