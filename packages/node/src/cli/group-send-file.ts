import { resolve } from 'node:path'
import type { Command } from 'commander'
import { XchatError } from '@xchat/core'
import { connectIpc } from '../ipc/index.js'
import { openDevice } from '../peer/device.js'
import { deviceOperations } from '../peer/operations.js'
import type { GroupFileSendResult, GroupFileState } from '../peer/group-operations.js'
import { contextOf, type CommandContext } from './context.js'
import { untilSignal } from './options.js'
import { requireBootstrap, type NetworkFlags } from './network-options.js'
import { durationOption } from './duration-option.js'
import { progressBar } from './send-file.js'

/** How often the command asks how the transfer stands (for the bar and the end). */
const POLL_MS = 250

type Flags = NetworkFlags & { expire?: string; viewOnce?: boolean }

type Call = <T>(method: string, params: Record<string, unknown>) => Promise<T>

/**
 * `xchat group send-file <group> <path>`: offer a file to a group and wait
 * until every other member it went to (still a member) holds all of it (exit 0), with the same
 * progress bar and `--json` result as `send-file`. Through a running
 * `xchat listen` when there is one (it serves the file); else this command
 * serves it while it waits. The offer is stored: if this command is stopped,
 * a later `xchat listen` serves it again, until every member has it, its
 * message expires, or 30 days pass. Chunks go to the devices of whoever
 * is a member when they ask: never to a removed member or an outsider.
 */
export function groupSendFileCommand(command: Command): void {
  command
    .description('send a file to a group; waits until every member has all of it')
    .argument('<group>', 'group id, id prefix or name')
    .argument('<path>', 'the file')
    .option('--expire <duration>', 'the file disappears this long after it is sent (here) or read (there): 30s, 5m, 1h, 1d, 1w … 4w')
    .option('--view-once', 'members see it once: it is deleted on their devices as soon as it is read')
    .action(async (group: string, path: string, flags: Flags, cmd: Command) => {
      const ctx = contextOf(cmd)
      // checked before anything goes online
      const timer = {
        ...(flags.expire === undefined ? {} : { expireAfterMs: durationOption('--expire', flags.expire) }),
        ...(flags.viewOnce === true ? { viewOnce: true } : {}),
      }
      const offer = { group, path: resolve(path), ...timer }
      const signalled = untilSignal()
      const ipc = await connectIpc(ctx.dataDir)
      if (ipc) {
        try {
          await transfer(ctx, (m, p) => ipc.call(m, p), offer, signalled, true)
        } finally {
          ipc.close()
        }
        return
      }
      const device = await openDevice({
        dataDir: ctx.dataDir,
        out: ctx.out,
        online: true,
        bootstrap: requireBootstrap(flags),
        loopback: flags.loopback === true,
      })
      try {
        const ops = deviceOperations(device.client)
        const call: Call = async <T>(m: string, p: Record<string, unknown>) => (await ops[m]?.(p)) as T
        await transfer(ctx, call, offer, signalled, false)
      } finally {
        await device.close()
      }
    })
}

async function transfer(
  ctx: CommandContext,
  call: Call,
  offer: Record<string, unknown>,
  signalled: Promise<unknown>,
  listening: boolean,
): Promise<void> {
  const started = Date.now()
  const sent = await call<GroupFileSendResult>('group.file.send', offer)
  const bar = ctx.json || process.stderr.isTTY !== true ? undefined : progressBar(sent.size)
  let stopped = false
  void signalled.then(() => (stopped = true))
  let status: GroupFileState
  try {
    for (;;) {
      status = await call<GroupFileState>('group.file.status', { fileId: sent.fileId })
      if (status.state !== 'serving' || (status.complete ?? 0) >= (status.members ?? 0)) break
      bar?.update(status.served ?? 0)
      if (stopped) {
        bar?.stop()
        ctx.out.warn(
          listening
            ? `stopped; ${sent.name} stays offered: the running "xchat listen" serves it`
            : `stopped; ${sent.name} stays offered: a later "xchat listen" serves it to members that do not have it yet`,
        )
        throw new XchatError('TRANSFER_CANCELLED', 'stopped before every member had the whole file')
      }
      await new Promise((r) => setTimeout(r, POLL_MS))
    }
    bar?.update(sent.size)
  } finally {
    bar?.stop()
  }
  if (status.state === 'unknown') throw new XchatError('TRANSFER_CANCELLED', `${sent.name} is no longer offered (withdrawn or expired)`)
  const seconds = (Date.now() - started) / 1000
  const result = {
    ...sent,
    state: 'complete',
    members: status.members,
    seconds,
    bytesPerSecond: seconds > 0 ? Math.round(sent.size / seconds) : sent.size,
  }
  if (ctx.json) return ctx.out.json(result)
  ctx.out.line(`Sent ${sent.name} (${sent.size} bytes) in ${seconds.toFixed(1)} s; all ${String(status.members)} members have it.`)
}
