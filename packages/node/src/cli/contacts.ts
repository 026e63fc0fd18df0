import type { Command } from 'commander'
import type { Contact } from '@xchat/core'
import { contextOf, withGlobalOptions } from './context.js'
import { deviceCall } from './device-call.js'
import { UsageError } from './exit-codes.js'

/** `xchat contacts add|list|remove`: names for account IDs. */
export function contactsCommand(program: Command): void {
  const contacts = program.command('contacts').description('names for account IDs')
  withGlobalOptions(contacts.command('add'))
    .description('name an account')
    .argument('<accountId>', 'account ID (xc1…)')
    .argument('<name>', 'a name to use instead of the ID')
    .action(async (accountId: string, name: string, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd)
      const c = await deviceCall<Contact>(ctx, 'contacts.add', { accountId, name })
      if (ctx.json) return ctx.out.json(c)
      ctx.out.line(`Added ${c.name} (${c.accountId}).`)
    })
  withGlobalOptions(contacts.command('list'))
    .description('list contacts')
    .action(async (_f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd)
      const list = await deviceCall<Contact[]>(ctx, 'contacts.list', {})
      if (ctx.json) return ctx.out.json(list)
      for (const c of list) ctx.out.line(`${c.name}\t${c.accountId}`)
    })
  withGlobalOptions(contacts.command('remove'))
    .description('remove a contact (the conversation stays)')
    .argument('<who>', 'name or account ID')
    .action(async (who: string, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd)
      const removed = await deviceCall<boolean>(ctx, 'contacts.remove', { who })
      if (!removed) throw new UsageError(`no contact "${who}"`)
      if (ctx.json) return ctx.out.json({ removed })
      ctx.out.line(`Removed ${who}.`)
    })
}
