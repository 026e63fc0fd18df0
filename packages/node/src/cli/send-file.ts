import { resolve } from 'node:path'
import type { Command } from 'commander'
import { SingleBar, Presets } from 'cli-progress'
import { XchatError } from '@xchat/core'
import { connectIpc } from '../ipc/index.js'
import { openDevice } from '../peer/device.js'
import type { FileSendResult, FileStatus } from '../files/index.js'
import { deviceOperations } from '../peer/operations.js'
import { contextOf, withGlobalOptions, type CommandContext } from './context.js'
import { untilSignal } from './options.js'
import { requireBootstrap, withNetworkOptions, type NetworkFlags } from './network-options.js'
import { durationOption } from './duration-option.js'
import { sizeOption } from './size-option.js'

/** How often the command asks how the transfer stands (for the bar and the end). */
const POLL_MS = 250

type SendFileFlags = NetworkFlags & { expire?: string; viewOnce?: boolean; mailboxMax?: string }

type Call = <T>(method: string, params: Record<string, unknown>) => Promise<T>

/**
 * `xchat send-file <to> <path>`: offer a file and wait until the recipient
 * holds all of it, or — the recipient being offline and the file small
 * enough (`--mailbox-max`, default 25 MiB) — until every piece of it is
 * sealed in ≥ 2 of its relay mailboxes (exit 0). Through a running `xchat listen` when there is
 * one (the listener serves the file); else this command stays online serving
 * it. The offer is stored: if this command is stopped, a later `xchat listen`
 * serves it again.
 */
export function sendFileCommand(program: Command): void {
  withNetworkOptions(withGlobalOptions(program.command('send-file')))
    .description('send a file to an account ID or a contact name; waits until the recipient has all of it')
    .argument('<to>', 'account ID (xc1…) or contact name')
    .argument('<path>', 'the file')
    .option('--expire <duration>', 'the file disappears this long after it is sent (here) or read (there): 30s, 5m, 1h, 1d, 1w … 4w')
    .option('--view-once', 'the recipient sees it once: it is deleted as soon as it is read')
    .option(
      '--mailbox-max <size>',
      'to an offline recipient, files up to this size go sealed into its relay mailboxes (default 25MiB; 0: never); larger ones wait for it',
    )
    .action(async (to: string, path: string, flags: SendFileFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      // checked before anything goes online
      const timer = {
        ...(flags.expire === undefined ? {} : { expireAfterMs: durationOption('--expire', flags.expire) }),
        ...(flags.viewOnce === true ? { viewOnce: true } : {}),
        ...(flags.mailboxMax === undefined ? {} : { mailboxMaxBytes: sizeOption('--mailbox-max', flags.mailboxMax) }),
      }
      const signalled = untilSignal()
      const ipc = await connectIpc(ctx.dataDir)
      if (ipc) {
        try {
          await transfer(ctx, (m, p) => ipc.call(m, p), { to, path: resolve(path), ...timer }, signalled)
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
        await transfer(ctx, call, { to, path: resolve(path), ...timer }, signalled)
      } finally {
        await device.close()
      }
    })
}

async function transfer(ctx: CommandContext, call: Call, offer: Record<string, unknown>, signalled: Promise<unknown>): Promise<void> {
  const started = Date.now()
  const sent = await call<FileSendResult>('file.send', offer)
  let waiting = false
  const waitForRecipient = (why: string): void => {
    if (waiting) return
    waiting = true
    ctx.out.warn(`${sent.name}: ${why}waiting for recipient (the file is served while this runs or "xchat listen" does)`)
    if (ctx.json) ctx.out.json({ type: 'status', status: 'waiting-for-recipient', name: sent.name })
  }
  if (sent.mailbox === 'depositing') {
    ctx.out.warn(`${sent.name}: the recipient is offline; sealing the file into its relay mailboxes`)
    if (ctx.json) ctx.out.json({ type: 'status', status: 'sealing-into-mailboxes', name: sent.name })
  } else if (sent.delivered !== 'direct') waitForRecipient(sent.mailbox === 'too-large' ? 'too large for the mailboxes; ' : '')
  const bar = ctx.json || process.stderr.isTTY !== true ? undefined : progressBar(sent.size)
  let stopped = false
  void signalled.then(() => (stopped = true))
  let status: FileStatus
  try {
    for (;;) {
      status = await call<FileStatus>('file.status', { fileId: sent.fileId })
      if (status.state !== 'serving' || status.mailbox === 'stored') break
      if (status.mailbox === 'failed') waitForRecipient(`the relay mailboxes did not take the file (${status.mailboxError ?? 'failed'}); `)
      bar?.update(status.served ?? 0)
      if (stopped) {
        bar?.stop()
        ctx.out.warn(`stopped; ${sent.name} stays offered: "xchat listen" serves it`)
        throw new XchatError('TRANSFER_CANCELLED', 'stopped before the recipient had the whole file')
      }
      await new Promise((r) => setTimeout(r, POLL_MS))
    }
    bar?.update(sent.size)
  } finally {
    bar?.stop()
  }
  if (status.state === 'serving') {
    // every piece is in ≥ 2 of the recipient's mailboxes: it gets the file without us
    const seconds = (Date.now() - started) / 1000
    if (ctx.json) return ctx.out.json({ ...sent, mailbox: 'stored', to: offer['to'], state: 'mailbox', delivery: 'mailbox', seconds })
    ctx.out.line(
      `Sealed ${sent.name} (${sent.size} bytes) into the recipient's relay mailboxes in ${seconds.toFixed(1)} s; it gets the file when it comes online.`,
    )
    return
  }
  if (status.state !== 'complete') throw new XchatError('TRANSFER_CANCELLED', `the transfer of ${sent.name} was ${status.state}`)
  const seconds = (Date.now() - started) / 1000
  const result = {
    ...sent,
    to: offer['to'],
    state: status.state,
    delivery: 'direct',
    seconds,
    bytesPerSecond: seconds > 0 ? Math.round(sent.size / seconds) : sent.size,
  }
  if (ctx.json) return ctx.out.json(result)
  ctx.out.line(`Sent ${sent.name} (${sent.size} bytes) in ${seconds.toFixed(1)} s; the recipient has all of it.`)
}

/** A bar on stderr with bytes, rate and ETA (cli-progress). */
export function progressBar(total: number): SingleBar {
  const bar = new SingleBar(
    {
      format: '{bar} {percentage}% | {value_h}/{total_h} | {rate}/s | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
      formatValue: (v, _options, type) => (type === 'value' || type === 'total' ? v.toString() : String(v)),
    },
    Presets.shades_classic,
  )
  const begun = Date.now()
  bar.start(total, 0, { value_h: mib(0), total_h: mib(total), rate: mib(0) })
  const update = bar.update.bind(bar)
  bar.update = ((value: number) => {
    const s = Math.max(0.001, (Date.now() - begun) / 1000)
    update(value, { value_h: mib(value), total_h: mib(total), rate: mib(value / s) })
  }) as SingleBar['update']
  return bar
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`
}
