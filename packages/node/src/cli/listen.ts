import type { Command } from 'commander'
import { parseManifest, type AccountId, type XchatClient } from '@xchat/core'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { printGroupEvents } from './group-events.js'
import { openDevice } from '../peer/device.js'
import { deviceOperations } from '../peer/operations.js'
import { serveIpc } from '../ipc/index.js'
import { join, resolve } from 'node:path'
import { Downloads } from '../files/index.js'
import { contextOf, withGlobalOptions } from './context.js'
import { intOption, untilSignal } from './options.js'
import { requireBootstrap, withNetworkOptions, type NetworkFlags } from './network-options.js'

/**
 * `xchat listen`: stay online, own the data folder, print one JSON line per
 * event (`type`: ready, message, receipt, sent, failed, identity-changed,
 * expired, timer, warning) and serve the other commands over the local control socket.
 */
export function listenCommand(program: Command): void {
  withNetworkOptions(withGlobalOptions(program.command('listen')))
    .description('stay online, receive messages and print events (with --json: one JSON object per line)')
    .option('--downloads <dir>', 'where received files are saved (default: <data folder>/downloads)')
    .option('--max-file-size <bytes>', 'refuse received files larger than this (default 4 GiB)')
    .action(async (flags: NetworkFlags & { downloads?: string; maxFileSize?: string }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const maxFileBytes = flags.maxFileSize === undefined ? undefined : intOption('--max-file-size', flags.maxFileSize, 0)
      const downloadsDir = resolve(flags.downloads ?? join(ctx.dataDir, 'downloads'))
      let downloads: Downloads | undefined
      // from the first moment: a signal during start-up still shuts down cleanly
      const signalled = untilSignal()
      const print = (event: Record<string, unknown>): void => {
        if (ctx.json) ctx.out.json(event)
        else ctx.out.line(humanLine(event))
      }
      // events raised while starting (mail fetched at start) are printed right after "ready"
      let held: Record<string, unknown>[] | undefined = []
      const emit = (event: Record<string, unknown>): void => {
        if (held) held.push(event)
        else print(event)
      }
      const device = await openDevice({
        dataDir: ctx.dataDir,
        out: ctx.out,
        online: true,
        bootstrap: requireBootstrap(flags),
        loopback: flags.loopback === true,
        // listen before the client starts: mail fetched at start raises events too
        beforeStart: (client, keys) => {
          printEvents(client, keys.accountId, emit)
          const d = (downloads = new Downloads({
            client,
            dir: downloadsDir,
            emit,
            ...(maxFileBytes === undefined ? {} : { maxFileBytes }),
          }))
          client.events.addEventListener('message:received', (evt) => void d.accept(evt.detail).catch(() => undefined))
          // a disappearing file's saved copy goes with its message (also for what expired while offline: the first sweep runs at start)
          client.events.addEventListener('message:expired', (evt) => {
            if (evt.detail.file === undefined || evt.detail.direction !== 'in') return
            void d
              .expired(evt.detail)
              .then(({ fileId, path }) => path !== undefined && emit({ type: 'file-deleted', fileId, with: evt.detail.conversation, path }))
              .catch(() => undefined)
          })
          printGroupEvents(client, emit)
          // group files are saved the same way (the `file` line names the group)
          client.groupEvents.addEventListener('group:message', (evt) => void d.accept(evt.detail).catch(() => undefined))
          client.groupEvents.addEventListener('group:expired', (evt) => {
            if (evt.detail.file === undefined || evt.detail.direction !== 'in') return
            void d
              .expired(evt.detail)
              .then(({ fileId, path }) => path !== undefined && emit({ type: 'file-deleted', fileId, group: evt.detail.group, path }))
              .catch(() => undefined)
          })
        },
      })
      const { client, keys } = device
      await downloads?.start()
      device.peer?.node.addEventListener('connection:open', (evt) => downloads?.peerConnected(evt.detail.remotePeer.toString()))
      const ipc = await serveIpc(ctx.dataDir, deviceOperations(client))
      print({
        type: 'ready',
        accountId: keys.accountId,
        peerId: client.peerId,
        addrs: device.peer?.node.getMultiaddrs().map((a) => a.toString()) ?? [],
        relays: device.peer?.relays() ?? [],
        published: device.published,
      })
      for (const event of held) print(event)
      held = undefined
      await signalled
      await ipc.close()
      downloads?.stop()
      await device.close()
    })
}

/** What a file message's line shows of its manifest (the name is the sender's, unsanitised). */
function fileInfo(manifestHex: string): Record<string, unknown> {
  try {
    const { manifest, id } = parseManifest(hexToBytes(manifestHex))
    return { fileId: bytesToHex(id), name: manifest.name, size: manifest.size, mime: manifest.mime }
  } catch {
    return {}
  }
}

function humanLine(e: Record<string, unknown>): string {
  switch (e['type']) {
    case 'message':
      return `${String(e['from'])}: ${String(e['text'])}`
    case 'file':
      return `Saved ${JSON.stringify(e['name'])} (${String(e['size'])} bytes) from ${String(e['from'])} as ${String(e['path'])}`
    case 'ready':
      return `Online as ${String(e['accountId'])} (${String(e['peerId'])}); relays: ${(e['relays'] as string[]).length}. Ctrl-C to stop.`
    default:
      return `[${String(e['type'])}] ${JSON.stringify({ ...e, type: undefined })}`
  }
}

/** Print the client's events as listen's JSON lines. */
function printEvents(client: XchatClient, me: AccountId, emit: (event: Record<string, unknown>) => void): void {
  const events = client.events
  events.addEventListener('message:received', (evt) => {
    const m = evt.detail
    emit({
      type: 'message',
      from: m.direction === 'in' ? m.conversation : me,
      to: m.direction === 'in' ? me : m.conversation,
      id: m.id,
      text: m.text,
      sentAt: m.sentAt,
      ...(m.file === undefined ? {} : { file: fileInfo(m.file.manifest) }),
      ...(m.expireAfterMs === undefined ? {} : { expireAfterMs: m.expireAfterMs }),
      ...(m.viewOnce === true ? { viewOnce: true } : {}),
      ...(m.system === undefined ? {} : { system: m.system }),
    })
    // the CLI's "read" is "shown by listen": tell the sender
    if (m.direction === 'in') void client.markRead(m.conversation).catch(() => undefined)
  })
  events.addEventListener('receipt:received', (evt) =>
    emit({ type: 'receipt', from: evt.detail.conversation, kind: evt.detail.kind, ids: evt.detail.ids }),
  )
  events.addEventListener('message:sent', (evt) =>
    emit({ type: 'sent', to: evt.detail.conversation, id: evt.detail.id, via: evt.detail.via }),
  )
  events.addEventListener('message:failed', (evt) =>
    emit({ type: 'failed', to: evt.detail.conversation, id: evt.detail.id, reason: evt.detail.reason }),
  )
  events.addEventListener('identity:changed', (evt) =>
    emit({ type: 'identity-changed', accountId: evt.detail.accountId, deviceIndex: evt.detail.deviceIndex }),
  )
  // the end of a file offered by this device (a download's end is a `file` / `file-failed` line)
  events.addEventListener('file:complete', (evt) => emit({ type: 'file-sent', to: evt.detail.conversation, fileId: evt.detail.fileId }))
  events.addEventListener('file:cancelled', (evt) =>
    emit({ type: 'file-cancelled', by: evt.detail.conversation, fileId: evt.detail.fileId }),
  )
  // a disappearing message was deleted here (its clock started when sent, or when listen showed it)
  events.addEventListener('message:expired', (evt) =>
    emit({ type: 'expired', with: evt.detail.conversation, id: evt.detail.id, ...(evt.detail.file ? { file: evt.detail.file } : {}) }),
  )
  events.addEventListener('timer:changed', (evt) =>
    emit({
      type: 'timer',
      with: evt.detail.conversation,
      expireAfterMs: evt.detail.expireAfterMs,
      by: evt.detail.direction === 'out' ? 'me' : 'them',
    }),
  )
  events.addEventListener('envelope:rejected', (evt) => emit({ type: 'warning', message: `dropped an envelope: ${evt.detail.reason}` }))
}
