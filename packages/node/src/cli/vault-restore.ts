import type { DeviceKeys, PullResult, VaultProgress, XchatClient } from '@xchat/core'
import { XchatError } from '@xchat/core'
import { openDevice } from '../peer/device.js'
import type { CommandContext } from './context.js'

/** What a restore did, as `recover --json` and `vault sync --json` print it. */
export interface RestoreSummary {
  readonly blobs: number
  readonly entries: number
  readonly messages: number
  readonly contacts: number
  readonly tombstoned: number
  readonly relays: number
  readonly rejected: number
  /** DHT servers that stored this device's directory record. */
  readonly published: number
}

const PHASES: Readonly<Record<VaultProgress['phase'], string>> = {
  relays: 'Finding vault relays',
  list: 'Listing the vault',
  fetch: 'Fetching vault blobs',
  apply: 'Restoring contacts and history',
  done: 'Done',
}

/**
 * Go online as this device, pull the account's vault from relays, verify and
 * replay it, and publish the device in the directory. Progress: a status line
 * on a terminal, or one JSON event per step with --json.
 * @throws XchatError VAULT_UNAVAILABLE | NO_BOOTSTRAP | …
 */
export async function restoreVault(
  ctx: CommandContext,
  options: { keys?: DeviceKeys; bootstrap: readonly string[]; loopback: boolean; since: 'all' | 'newest' },
): Promise<RestoreSummary> {
  const device = await openDevice({
    dataDir: ctx.dataDir,
    out: ctx.out,
    online: true,
    bootstrap: options.bootstrap,
    loopback: options.loopback,
    ...(options.keys === undefined ? {} : { keys: options.keys }),
  })
  try {
    const pulled = await pull(device.client, ctx, options.since)
    ctx.out.clearStatus()
    return {
      blobs: pulled.blobs,
      entries: pulled.entries,
      messages: pulled.messages,
      contacts: pulled.contacts,
      tombstoned: pulled.tombstoned,
      relays: pulled.relays,
      rejected: pulled.rejected,
      published: device.published,
    }
  } finally {
    await device.close()
  }
}

async function pull(client: XchatClient, ctx: CommandContext, since: 'all' | 'newest'): Promise<PullResult> {
  const vault = client.vault
  if (vault === undefined) throw new XchatError('VAULT_UNAVAILABLE', 'this client has no vault')
  let lastEvent = ''
  return vault.pull({
    since,
    onProgress(p) {
      if (ctx.json) {
        // one line per phase change and per fetched/applied step, never a flood
        const key = `${p.phase}:${p.done}`
        if (key === lastEvent) return
        lastEvent = key
        ctx.out.json({ type: 'progress', phase: p.phase, done: p.done, total: p.total })
      } else {
        ctx.out.status(p.total > 0 ? `${PHASES[p.phase]}… ${p.done}/${p.total}` : `${PHASES[p.phase]}…`)
      }
    },
  })
}
