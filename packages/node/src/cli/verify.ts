import type { Command } from 'commander'
import { decodeAccountId, safetyNumber } from '@xchat/core'
import { hexToBytes } from '@noble/hashes/utils.js'
import qrcode from 'qrcode-terminal'
import { readAccountInfo } from '../account/index.js'
import { contextOf, withGlobalOptions } from './context.js'

/** `xchat verify <accountId>`: the safety number to compare with a contact, in person or on a call. */
export function verifyCommand(program: Command): void {
  withGlobalOptions(program.command('verify'))
    .description('show the safety number for you and another account')
    .argument('<accountId>', 'the other account ID (xc1…)')
    .option('--no-qr', 'do not draw the QR code')
    .action(async (accountId: string, opts: { qr: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const theirs = decodeAccountId(accountId)
      const info = await readAccountInfo(ctx.dataDir)
      const sn = safetyNumber(hexToBytes(info.accountPublicKey), theirs)
      if (ctx.json) {
        return ctx.out.json({
          accountId: info.accountId,
          contact: accountId.trim().toLowerCase(),
          safetyNumber: sn.digits,
          groups: sn.groups,
          qr: sn.qr,
        })
      }
      ctx.out.line(`Safety number with ${accountId.trim().toLowerCase()}:`)
      ctx.out.line()
      for (let i = 0; i < sn.groups.length; i += 4) ctx.out.line(`  ${sn.groups.slice(i, i + 4).join('  ')}`)
      ctx.out.line()
      ctx.out.line("Compare it with the number on your contact's screen. If every digit matches, nobody is in between.")
      if (opts.qr) qrcode.generate(sn.qr, { small: true }, (code: string) => ctx.out.line(code))
    })
}
