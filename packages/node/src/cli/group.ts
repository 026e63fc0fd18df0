import type { Command } from 'commander'
import { formatRemaining, formatTimer, parseManifest, type GroupMessageRecord, type GroupSendResult, type GroupView } from '@xchat/core'
import { hexToBytes } from '@noble/hashes/utils.js'
import { contextOf, withGlobalOptions, type CommandContext } from './context.js'
import { deviceCall } from './device-call.js'
import { withNetworkOptions, type NetworkFlags } from './network-options.js'
import { intOption } from './options.js'
import { durationOption, timerArgument } from './duration-option.js'
import { groupSendFileCommand } from './group-send-file.js'

/** `xchat group create|invite|join|leave|remove|promote|demote|rename|members|send|send-file|timer|history|list`. */
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
    .option('--expire <duration>', 'the message disappears this long after it is sent (here) or read (there): 30s, 5m, 1h, 1d, 1w … 4w')
    .option('--view-once', 'members see it once: it is deleted on their devices as soon as it is read')
    .action(async (g: string, text: string, flags: NetworkFlags & { expire?: string; viewOnce?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd)
      // checked before anything goes online
      const timer = {
        ...(flags.expire === undefined ? {} : { expireAfterMs: durationOption('--expire', flags.expire) }),
        ...(flags.viewOnce === true ? { viewOnce: true } : {}),
      }
      const result = await deviceCall<GroupSendResult>(ctx, 'group.send', { group: g, text, ...timer }, flags)
      if (ctx.json) return ctx.out.json(result)
      ctx.out.line(`Message ${result.id} sent to the group.`)
    })

  groupSendFileCommand(online('send-file'))

  online('timer')
    .description('set (or show) how long messages of a group last: 30s, 5m, 1h, 1d, 1w … 4w, or off (any member may)')
    .argument('<group>', 'group id, id prefix or name')
    .argument('[duration]', 'from 5s to 4w, or off; without it, show the timer')
    .action(async (g: string, duration: string | undefined, flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      if (duration === undefined) {
        const current = await deviceCall<number | null>(ctx, 'group.timer.get', { group: g })
        if (ctx.json) return ctx.out.json({ expireAfterMs: current })
        return ctx.out.line(current === null ? 'Disappearing messages are off.' : `Messages disappear after ${formatTimer(current)}.`)
      }
      const expireAfterMs = timerArgument(duration)
      const result = await deviceCall<GroupSendResult>(ctx, 'group.timer.set', { group: g, expireAfterMs }, flags)
      if (ctx.json) return ctx.out.json({ ...result, expireAfterMs })
      ctx.out.line(
        expireAfterMs === null ? 'Disappearing messages turned off.' : `Messages now disappear after ${formatTimer(expireAfterMs)}.`,
      )
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
      const now = Date.now()
      // remainingMs: how long until this device deletes the message (as `xchat history`)
      if (ctx.json)
        return ctx.out.json(messages.map((m) => (m.expiresAt === undefined ? m : { ...m, remainingMs: Math.max(0, m.expiresAt - now) })))
      for (const m of messages) {
        const who = m.direction === 'out' ? 'me' : m.sender.slice(0, 12)
        if (m.system !== undefined) {
          ctx.out.line(`${new Date(m.sentAt).toISOString()} * ${m.direction === 'out' ? 'You' : who} ${m.text}`)
          continue
        }
        const seen = m.direction === 'out' ? `  [delivered ${m.deliveredBy.length}, read ${m.readBy.length}]` : ''
        const body = m.file === undefined ? m.text : fileLabel(m.file.manifest)
        ctx.out.line(`${new Date(m.sentAt).toISOString()} ${who}: ${body}${seen}${expiryNote(m, now)}`)
      }
    })
}

/** `  (disappears in 4m 10s)`, or for an unread timed message the timer that starts when it is read. */
function expiryNote(m: GroupMessageRecord, now: number): string {
  if (m.expiresAt === undefined) return ''
  if (m.direction === 'in' && m.status !== 'read') {
    return m.viewOnce === true ? '  (view once)' : `  (disappears ${formatTimer(m.expireAfterMs ?? 0)} after it is read)`
  }
  return `  (disappears in ${formatRemaining(m.expiresAt - now)})`
}

/** A file message as one line: its name and size from the manifest. */
function fileLabel(manifestHex: string): string {
  try {
    const { manifest } = parseManifest(hexToBytes(manifestHex))
    return `[file ${manifest.name}, ${manifest.size} bytes]`
  } catch {
    return '[file: damaged manifest]'
  }
}

function showGroup(ctx: CommandContext, g: GroupView): void {
  if (ctx.json) return ctx.out.json(g)
  ctx.out.line(`${g.name} (${g.id}), epoch ${g.epoch}${g.member ? '' : ', you are not a member'}`)
  for (const m of g.members) ctx.out.line(`  ${m.accountId}${m.admin ? '  (admin)' : ''}`)
}
