import type { Command } from 'commander'
import { printGroupEvents } from './group-events.js'
import type { AccountId, XchatClient } from '@xchat/core'
import { openDevice } from '../peer/device.js'
import { deviceOperations } from '../peer/operations.js'
import { serveIpc } from '../ipc/index.js'
import { contextOf, withGlobalOptions } from './context.js'
import { untilSignal } from './options.js'
import { requireBootstrap, withNetworkOptions, type NetworkFlags } from './network-options.js'

/**
 * `xchat listen`: stay online, own the data folder, print one JSON line per
 * event (`type`: ready, message, receipt, sent, failed, identity-changed,
 * warning) and serve the other commands over the local control socket.
 */
export function listenCommand(program: Command): void {
  withNetworkOptions(withGlobalOptions(program.command('listen')))
    .description('stay online, receive messages and print events (with --json: one JSON object per line)')
    .action(async (flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
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
          printGroupEvents(client, emit)
        },
      })
      const { client, keys } = device
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
      await device.close()
    })
}

function humanLine(e: Record<string, unknown>): string {
  switch (e['type']) {
    case 'message':
      return `${String(e['from'])}: ${String(e['text'])}`
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
  events.addEventListener('envelope:rejected', (evt) => emit({ type: 'warning', message: `dropped an envelope: ${evt.detail.reason}` }))
}
