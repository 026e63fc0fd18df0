import { describe, it, expect, afterEach } from 'vitest'
import { join } from 'node:path'
import { runCli, tempDir } from './run-cli.js'
import { startXchat, stopAllProcesses, type XchatProcess } from './processes.js'

interface Relay {
  proc: XchatProcess
  addr: string
}

async function relay(dir: string): Promise<Relay> {
  const proc = startXchat(['relay', '--json', '--loopback', '--http-port', '0', '--data', dir, '--listen', '/ip4/127.0.0.1/tcp/0'])
  const ready = await proc.waitFor((l) => l['type'] === 'ready')
  return { proc, addr: (ready['addrs'] as string[])[0]! }
}

async function init(dir: string): Promise<{ accountId: string; mnemonic: string }> {
  const r = await runCli(['init', '--no-password', '--json', '--data', dir])
  expect(r.code).toBe(0)
  const j = JSON.parse(r.stdout) as { accountId: string; mnemonic: string }
  return { accountId: j.accountId, mnemonic: j.mnemonic }
}

afterEach(stopAllProcesses)

describe('xchat recover restores the vault', () => {
  it('brings back contacts and history on a new data folder, with JSON progress events, and publishes the new device', async () => {
    const base = await tempDir()
    const relays = [await relay(join(base, 'r1')), await relay(join(base, 'r2')), await relay(join(base, 'r3'))]
    const env = { XCHAT_BOOTSTRAP: relays.map((r) => r.addr).join(',') }
    const alice = await init(join(base, 'alice'))
    const bob = await init(join(base, 'bob'))
    const bobOnline = startXchat(['listen', '--json', '--loopback', '--data', join(base, 'bob')], env)
    await bobOnline.waitFor((l) => l['type'] === 'ready')

    expect((await runCli(['contacts', 'add', bob.accountId, 'Bob', '--data', join(base, 'alice')])).code).toBe(0)
    for (const text of ['one', 'two', 'three']) {
      const sent = await runCli(['send', 'Bob', text, '--json', '--loopback', '--data', join(base, 'alice')], { env })
      expect(sent.code).toBe(0)
    }

    const rec = await runCli(['recover', '--no-password', '--json', '--loopback', '--data', join(base, 'alice2')], {
      input: `${alice.mnemonic}\n`,
      env,
    })
    expect(rec.stderr).toBe('')
    expect(rec.code).toBe(0)
    const lines = rec.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.some((l) => l['type'] === 'progress' && l['phase'] === 'apply')).toBe(true)
    const result = lines.at(-1) as {
      accountId: string
      deviceIndex: number
      vault: { messages: number; contacts: number; published: number }
    }
    expect(result.accountId).toBe(alice.accountId)
    expect(result.vault.messages).toBe(3)
    expect(result.vault.contacts).toBe(1)
    expect(result.vault.published).toBeGreaterThan(0)

    const hist = await runCli(['history', 'Bob', '--json', '--data', join(base, 'alice2')])
    expect((JSON.parse(hist.stdout) as Array<{ text: string }>).map((m) => m.text)).toEqual(['one', 'two', 'three'])

    // the recovered device is in the account's directory record
    const resolved = await runCli(['resolve', alice.accountId, '--json', '--loopback'], { env })
    const devices = (JSON.parse(resolved.stdout) as { devices: Array<{ deviceIndex: number }> }).devices.map((d) => d.deviceIndex)
    expect(devices).toContain(result.deviceIndex)

    // the device list, then device 0 revoked from the bare words
    const listed = await runCli(['devices', '--json', '--loopback', '--data', join(base, 'alice2')], {
      env: { ...env, XCHAT_DEVICE_NAME: 'new laptop' },
    })
    expect(listed.code).toBe(0)
    const list = JSON.parse(listed.stdout) as { devices: Array<{ deviceIndex: number; name: string; current: boolean; lastSeen: number }> }
    expect(list.devices.map((d) => d.deviceIndex).sort((a, b) => a - b)).toEqual([0, result.deviceIndex].sort((a, b) => a - b))
    expect(list.devices.find((d) => d.current)).toMatchObject({ deviceIndex: result.deviceIndex, name: 'new laptop' })
    expect(list.devices.every((d) => d.lastSeen > 0)).toBe(true)
    const revoked = await runCli(['devices', 'revoke', '0', '--words', '--json', '--loopback'], { input: `${alice.mnemonic}\n`, env })
    expect(revoked.stderr).toBe('')
    expect(revoked.code).toBe(0)
    const after = await runCli(['devices', '--json', '--loopback', '--data', join(base, 'alice2')], { env })
    const afterList = JSON.parse(after.stdout) as { devices: Array<{ deviceIndex: number }>; revoked: string[] }
    expect(afterList.devices.map((d) => d.deviceIndex)).toEqual([result.deviceIndex])
    expect(afterList.revoked).toHaveLength(1)
    // the revoked device cannot go online as part of the account any more
    const gone = await runCli(['devices', '--json', '--loopback', '--data', join(base, 'alice')], { env })
    expect(gone.code).toBe(1)
    expect(gone.stderr).toMatch(/revoked/)
    expect(await bobOnline.stop()).toBe(0)
  }, 180_000)
})
