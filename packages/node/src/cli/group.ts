import type { Command } from 'commander'
import type { GroupMessageRecord, GroupSendResult, GroupView } from '@xchat/core'
import { contextOf, withGlobalOptions, type CommandContext } from './context.js'
import { deviceCall } from './device-call.js'
import { withNetworkOptions, type NetworkFlags } from './network-options.js'
import { intOption } from './options.js'

/** `xchat group create|invite|join|leave|remove|promote|demote|rename|members|send|history|list`. */
export function groupCommand(program: Command): void {
  const group = program.command('group').description('group chats (up to 1,024 members)')
  const online = (name: string): Command => withNetworkOptions(withGlobalOptions(group.command(name)))
  const offline = (name: string): Command => withGlobalOptions(group.command(name))

  online('create')
    .description('create a group with you as admin')
    .argument('<name>', 'the group name')
    .argument('[members...]', 'account IDs (xc1…) or contact names')
    .action(async (name: string, members: string[], flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      showGroup(ctx, await deviceCall<GroupView>(ctx, 'group.create', { name, members }, flags))
    })

  online('invite')
    .description('add members (admins), or print an invite link with --link')
    .argument('<group>', 'group id, id prefix or name')
    .argument('[members...]', 'account IDs (xc1…) or contact names')
    .option('--link', 'print a one-time invite link instead')
    .action(async (g: string, members: string[], flags: NetworkFlags & { link?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd)
      if (flags.link === true) {
        const { link } = await deviceCall<{ link: string }>(ctx, 'group.link', { group: g }, flags)
        return ctx.json ? ctx.out.json({ link }) : ctx.out.line(link)
      }
      showGroup(ctx, await deviceCall<GroupView>(ctx, 'group.invite', { group: g, members }, flags))
    })

  online('join')
    .description('join a group with an invite link')
    .argument('<link>', 'xchat-group:…')
    .action(async (link: string, flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      const joined = await deviceCall<{ group: string; name: string }>(ctx, 'group.join', { link }, flags)
      if (ctx.json) return ctx.out.json(joined)
      ctx.out.line(`Asked to join "${joined.name}" (${joined.group}); you are in once the inviter's device answers.`)
    })

  online('leave')
    .description('leave a group')
    .argument('<group>', 'group id, id prefix or name')
    .action(async (g: string, flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      showGroup(ctx, await deviceCall<GroupView>(ctx, 'group.leave', { group: g }, flags))
    })

  for (const [name, what] of [
    ['remove', 'remove members (admins); they read nothing sent after'],
    ['promote', 'make members admins (admins)'],
    ['demote', 'make admins plain members (admins)'],
  ] as const) {
    online(name)
      .description(what)
      .argument('<group>', 'group id, id prefix or name')
      .argument('<members...>', 'account IDs (xc1…) or contact names')
      .action(async (g: string, members: string[], flags: NetworkFlags, cmd: Command) => {
        const ctx = contextOf(cmd)
        showGroup(ctx, await deviceCall<GroupView>(ctx, `group.${name}`, { group: g, members }, flags))
      })
  }

  online('rename')
    .description('rename a group (admins)')
    .argument('<group>', 'group id, id prefix or name')
    .argument('<name>', 'the new name')
    .action(async (g: string, name: string, flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      showGroup(ctx, await deviceCall<GroupView>(ctx, 'group.rename', { group: g, name }, flags))
    })

  online('send')
    .description('send a text to a group (encrypted once, fanned out by relays)')
    .argument('<group>', 'group id, id prefix or name')
    .argument('<text>', 'the message')
    .action(async (g: string, text: string, flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      const result = await deviceCall<GroupSendResult>(ctx, 'group.send', { group: g, text }, flags)
      if (ctx.json) return ctx.out.json(result)
      ctx.out.line(`Message ${result.id} sent to the group.`)
    })

  offline('members')
    .description('list the members of a group')
    .argument('<group>', 'group id, id prefix or name')
    .action(async (g: string, _flags: unknown, cmd: Command) => {
      const ctx = contextOf(cmd)
      const members = await deviceCall<GroupView['members']>(ctx, 'group.members', { group: g })
      if (ctx.json) return ctx.out.json(members)
      for (const m of members) ctx.out.line(`${m.accountId}${m.admin ? '  (admin)' : ''}`)
    })

  offline('list')
    .description('list your groups')
    .action(async (_flags: unknown, cmd: Command) => {
      const ctx = contextOf(cmd)
      const groups = await deviceCall<GroupView[]>(ctx, 'group.list', {})
      if (ctx.json) return ctx.out.json(groups)
      for (const g of groups) ctx.out.line(`${g.id.slice(0, 12)}  ${g.name}  (${g.members.length} members${g.member ? '' : ', left'})`)
    })

  offline('history')
    .description('show the messages of a group')
    .argument('<group>', 'group id, id prefix or name')
    .option('--limit <n>', 'only the newest n messages')
    .action(async (g: string, flags: { limit?: string }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const params: Record<string, unknown> = { group: g }
      if (flags.limit !== undefined) params['limit'] = intOption('--limit', flags.limit, 1)
      const messages = await deviceCall<GroupMessageRecord[]>(ctx, 'group.history', params)
      if (ctx.json) return ctx.out.json(messages)
      for (const m of messages) {
        const who = m.direction === 'out' ? 'me' : m.sender.slice(0, 12)
        const seen = m.direction === 'out' ? `  [delivered ${m.deliveredBy.length}, read ${m.readBy.length}]` : ''
        ctx.out.line(`${new Date(m.sentAt).toISOString()} ${who}: ${m.file === undefined ? m.text : '[file]'}${seen}`)
      }
    })
}

function showGroup(ctx: CommandContext, g: GroupView): void {
  if (ctx.json) return ctx.out.json(g)
  ctx.out.line(`${g.name} (${g.id}), epoch ${g.epoch}${g.member ? '' : ', you are not a member'}`)
  for (const m of g.members) ctx.out.line(`  ${m.accountId}${m.admin ? '  (admin)' : ''}`)
}
