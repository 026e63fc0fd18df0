import type { Command } from 'commander'
import { parseMnemonic, MAX_DEVICE_INDEX } from '@xchat/core'
import { randomInt } from 'node:crypto'
import { createDevice } from '../account/index.js'
import { ask, canPrompt, readStdin } from '../io/prompt.js'
import { contextOf, withGlobalOptions } from './context.js'
import { UsageError } from './exit-codes.js'
import { whoamiJson } from './whoami.js'

/**
 * Device indexes picked for a recovered device when none is given: random in
 * 1..2^20-1, so two devices recovered from the same words almost never share
 * a key, while the number stays short enough to type.
 */
const RANDOM_INDEX_LIMIT = 2 ** 20

/** `xchat recover`: the same account on this device, from words on stdin (never argv). */
export function recoverCommand(program: Command): void {
  withGlobalOptions(program.command('recover'))
    .description('restore an account from its recovery words (read from stdin) as a new device')
    .option('--device <n>', 'device index to use (default: a new random index)')
    .option('--no-password', 'store the keys unencrypted (automation and tests only)')
    .addHelpText('after', '\nStdin: the words on the first line, an optional BIP-39 passphrase on the second.')
    .action(async (opts: { device?: string; password: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const deviceIndex = opts.device === undefined ? randomInt(1, RANDOM_INDEX_LIMIT) : parseIndex(opts.device)
      const { words, passphrase } = await readWords()
      const mnemonic = parseMnemonic(words)
      const { info } = await createDevice({ dir: ctx.dataDir, mnemonic, passphrase, deviceIndex, usePassword: opts.password, out: ctx.out })
      if (ctx.json) return ctx.out.json(whoamiJson(info))
      ctx.out.line(`Recovered account ${info.accountId} as device ${info.deviceIndex}.`)
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
