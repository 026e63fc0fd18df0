import type { Command } from 'commander'
import { readAccountInfo, unlockDevice } from '../account/index.js'
import { goOnline } from '../peer/index.js'
import { contextOf, withGlobalOptions } from './context.js'
import { untilSignal } from './options.js'
import { requireBootstrap, withNetworkOptions, type NetworkFlags } from './network-options.js'

/** `xchat listen`: stay online, print events as JSON lines (`type` field) until interrupted. */
export function listenCommand(program: Command): void {
  withNetworkOptions(withGlobalOptions(program.command('listen')))
    .description('stay online and print events (with --json: one JSON object per line)')
    .action(async (flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      await readAccountInfo(ctx.dataDir)
      const keys = await unlockDevice(ctx.dataDir, ctx.out)
      const peer = await goOnline({
        keys,
        bootstrap: requireBootstrap(flags),
        reservations: 2,
        loopback: flags.loopback === true,
        onStatus: (s) => ctx.out.status(s),
      })
      ctx.out.clearStatus()
      const emit = (event: Record<string, unknown>): void => {
        if (ctx.json) ctx.out.json(event)
        else ctx.out.line(`[${String(event['type'])}] ${JSON.stringify({ ...event, type: undefined })}`)
      }
      emit({
        type: 'ready',
        accountId: keys.accountId,
        peerId: peer.node.peerId.toString(),
        addrs: peer.node.getMultiaddrs().map((a) => a.toString()),
        relays: peer.relays(),
        published: peer.published,
      })
      peer.directory?.addEventListener('publish:error', (evt) => emit({ type: 'warning', message: `directory publish failed: ${evt.detail.message}` }))
      await untilSignal()
      await peer.stop()
    })
}
