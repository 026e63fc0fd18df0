import type { Command } from 'commander'
import { readAccountInfo, type AccountInfo } from '../account/index.js'
import { contextOf, withGlobalOptions } from './context.js'

/** The whoami JSON fields (a contract: scripts read them by name). */
export function whoamiJson(info: AccountInfo): Record<string, unknown> {
  return {
    accountId: info.accountId,
    accountPublicKey: info.accountPublicKey,
    derivationPath: info.derivationPath,
    deviceIndex: info.deviceIndex,
    devicePath: info.devicePath,
    devicePublicKey: info.devicePublicKey,
    peerId: info.peerId,
    createdAt: info.createdAt,
  }
}

/** `xchat whoami`: this account and device. Needs no password: reads only public data. */
export function whoamiCommand(program: Command): void {
  withGlobalOptions(program.command('whoami'))
    .description('show this account ID, device and PeerId')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd)
      const info = await readAccountInfo(ctx.dataDir)
      if (ctx.json) return ctx.out.json(whoamiJson(info))
      ctx.out.line(`Account ID   ${info.accountId}`)
      ctx.out.line(`Device       ${info.deviceIndex} (${info.devicePath})`)
      ctx.out.line(`PeerId       ${info.peerId}`)
      ctx.out.line(`Data folder  ${ctx.dataDir}`)
    })
}
