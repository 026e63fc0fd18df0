import type { Command } from 'commander'
import { Directory, DeviceKeys, MAX_DEVICE_INDEX, parseMnemonic } from '@xchat/core'
import { goOnline } from '../peer/index.js'
import type { DeviceJson } from '../peer/operations.js'
import { ask, canPrompt, readStdin } from '../io/prompt.js'
import { contextOf, withGlobalOptions } from './context.js'
import { deviceCall } from './device-call.js'
import { UsageError } from './exit-codes.js'
import { requireBootstrap, withNetworkOptions, type NetworkFlags } from './network-options.js'
import { intOption } from './options.js'

/** `xchat devices`, `xchat devices revoke <index> [--words]`: the account's signed device list. */
export function devicesCommand(program: Command): void {
  const devices = program.command('devices').description("this account's devices: list (the default) and revoke")
  withNetworkOptions(withGlobalOptions(devices.command('list', { isDefault: true })))
    .description("list this account's devices (name, created, last seen) from its signed directory record")
    .action(async (flags: NetworkFlags, cmd: Command) => {
      const ctx = contextOf(cmd)
      const list = await deviceCall<{ devices: DeviceJson[]; revoked: string[] }>(ctx, 'devices', {}, flags)
      if (ctx.json) return ctx.out.json(list)
      for (const d of list.devices) {
        const seen = d.lastSeen > 0 ? new Date(d.lastSeen).toISOString() : 'unknown'
        ctx.out.line(
          `${d.current ? '*' : ' '} device ${d.deviceIndex}  ${d.name || '(no name)'}  created ${new Date(d.createdAt).toISOString()}  last seen ${seen}`,
        )
      }
      if (list.revoked.length > 0) ctx.out.line(`${list.revoked.length} revoked device(s)`)
    })
  withNetworkOptions(withGlobalOptions(devices.command('revoke')))
    .description('revoke a device: it leaves the device list, gets no new messages, and contacts refuse it')
    .argument('<index>', 'the device index (see `xchat devices`)')
    .option('--words', 'revoke with the recovery words from stdin instead of this device (e.g. a lost only device)')
    .action(async (indexText: string, flags: NetworkFlags & { words?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const index = intOption('<index>', indexText, 0, MAX_DEVICE_INDEX)
      const result =
        flags.words === true
          ? await revokeWithWords(index, flags, (s) => ctx.out.status(s))
          : await deviceCall<{ deviceIndex: number; devicePublicKey: string; stored: number }>(ctx, 'devices.revoke', { index }, flags)
      ctx.out.clearStatus()
      if (ctx.json) return ctx.out.json(result)
      ctx.out.line(`Revoked device ${result.deviceIndex}; ${result.stored} directory servers stored the new device list.`)
    })
}

/** Revoke from the bare words: an anonymous peer signs the new record with the account key. */
async function revokeWithWords(
  index: number,
  flags: NetworkFlags,
  status: (s: string) => void,
): Promise<{ deviceIndex: number; devicePublicKey: string; stored: number }> {
  const { words, passphrase } = await readWords()
  // the highest index is never a real device (recover picks < 2^20): its keys only sign the record
  const keys = DeviceKeys.fromSecrets({
    mnemonic: parseMnemonic(words).phrase,
    passphrase,
    deviceIndex: MAX_DEVICE_INDEX,
    createdAt: Date.now(),
  })
  const peer = await goOnline({ bootstrap: requireBootstrap(flags), reservations: 0, loopback: flags.loopback === true, onStatus: status })
  try {
    status('Publishing the new device list…')
    const r = await new Directory({ node: peer.node, keys }).revoke(index)
    return { deviceIndex: index, devicePublicKey: r.devicePublicKey, stored: r.stored }
  } finally {
    await peer.stop()
  }
}

async function readWords(): Promise<{ words: string; passphrase: string }> {
  if (canPrompt()) {
    return { words: await ask('Type your recovery words: ', true), passphrase: await ask('Passphrase (Enter if none): ', true) }
  }
  const lines = (await readStdin()).split(/\r?\n/u)
  const words = lines[0] ?? ''
  if (words.trim() === '') throw new UsageError('no recovery words on stdin')
  return { words, passphrase: lines[1] ?? '' }
}
