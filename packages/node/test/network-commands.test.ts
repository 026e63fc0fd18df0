import { describe, it, expect, afterEach } from 'vitest'
import { join } from 'node:path'
import { runCli, tempDir } from './run-cli.js'
import { startXchat, stopAllProcesses, type XchatProcess } from './processes.js'

const LOOPBACK_LISTEN = ['--listen', '/ip4/127.0.0.1/tcp/0', '--listen', '/ip4/127.0.0.1/tcp/0/ws']

async function relay(
  dataDir: string,
  bootstrap: string[] = [],
): Promise<{ proc: XchatProcess; addrs: string[]; peerId: string; http: string }> {
  const proc = startXchat([
    'relay',
    '--json',
    '--loopback',
    '--http-port',
    '0',
    '--data',
    dataDir,
    ...LOOPBACK_LISTEN,
    ...bootstrap.flatMap((b) => ['--bootstrap', b]),
  ])
  const ready = await proc.waitFor((l) => l['type'] === 'ready')
  return { proc, addrs: ready['addrs'] as string[], peerId: String(ready['peerId']), http: String(ready['http']) }
}

async function account(dir: string): Promise<string> {
  const r = await runCli(['init', '--no-password', '--json', '--data', dir])
  expect(r.code).toBe(0)
  return String((JSON.parse(r.stdout) as Record<string, unknown>)['accountId'])
}

function bootstrapArgs(addrs: string[]): string[] {
  return addrs.flatMap((a) => ['--bootstrap', a])
}

afterEach(stopAllProcesses)

describe('relays and peers as separate processes', () => {
  it('peers on different relays find each other, and a restarted relay keeps its PeerId', async () => {
    const base = await tempDir()
    const r1 = await relay(join(base, 'r1'))
    const r2 = await relay(join(base, 'r2'), [r1.addrs[0]!])
    const alice = await account(join(base, 'alice'))
    const bob = await account(join(base, 'bob'))

    const a = startXchat(['listen', '--json', '--loopback', '--data', join(base, 'alice'), ...bootstrapArgs([r1.addrs[0]!])])
    const b = startXchat(['listen', '--json', '--loopback', '--data', join(base, 'bob'), ...bootstrapArgs([r2.addrs[0]!])])
    const readyA = await a.waitFor((l) => l['type'] === 'ready')
    await b.waitFor((l) => l['type'] === 'ready')
    expect(readyA['accountId']).toBe(alice)
    expect((readyA['addrs'] as string[]).some((x) => x.includes('/p2p-circuit'))).toBe(true)
    expect(Number(readyA['published'])).toBeGreaterThan(0)

    const found = await runCli(['resolve', bob, '--json', '--loopback', ...bootstrapArgs([r1.addrs[0]!])])
    expect(found.stderr).toBe('')
    expect(found.code).toBe(0)
    const resolved = JSON.parse(found.stdout) as { accountId: string; devices: Array<{ peerId: string; addrs: string[] }> }
    expect(resolved.accountId).toBe(bob)
    expect(resolved.devices).toHaveLength(1)
    expect(resolved.devices[0]!.addrs.some((x) => x.includes('/p2p-circuit'))).toBe(true)

    // restart relay 1 from its data folder: same PeerId, and the network heals:
    // lookups through it find both accounts again
    expect(await r1.proc.stop()).toBe(0)
    const again = await relay(join(base, 'r1'), [r2.addrs[0]!])
    expect(again.peerId).toBe(r1.peerId)
    for (const id of [alice, bob]) {
      const r = await runCli(['resolve', id, '--json', '--loopback', ...bootstrapArgs([again.addrs[0]!])])
      expect(r.stderr).toBe('')
      expect((JSON.parse(r.stdout) as { accountId: string }).accountId).toBe(id)
    }
  })

  it('serves /health and Prometheus /metrics with xchat_ names', async () => {
    const r = await relay(join(await tempDir(), 'r'))
    const health = (await (await fetch(`${r.http}/health`)).json()) as Record<string, unknown>
    expect(health['status']).toBe('ok')
    expect(health['peerId']).toBe(r.peerId)
    const metrics = await (await fetch(`${r.http}/metrics`)).text()
    for (const name of [
      'xchat_connections',
      'xchat_relay_reservations',
      'xchat_dht_routing_table_size',
      'xchat_dht_records',
      'xchat_mailbox_envelopes',
      'xchat_mailbox_bytes',
    ]) {
      expect(metrics).toMatch(new RegExp(`^${name} \\d+`, 'm'))
    }
  })

  it('stops cleanly on SIGINT with exit code 0', async () => {
    const r = await relay(join(await tempDir(), 'r'))
    expect(await r.proc.stop('SIGINT')).toBe(0)
    expect(r.proc.stderr()).toMatch(/"msg":"stopped"/)
  })
})

describe('network errors are one clear line', () => {
  it('names an account with no record', async () => {
    const base = await tempDir()
    const r = await relay(join(base, 'r'))
    const nobody = await account(join(base, 'nobody'))
    const res = await runCli(['resolve', nobody, '--loopback', ...bootstrapArgs([r.addrs[0]!])])
    expect(res.code).toBe(2)
    expect(res.stderr.trim()).toBe('xchat: no directory record for this account')
  })

  it('rejects a malformed account ID before going online', async () => {
    const res = await runCli([
      'resolve',
      'xc1notanid',
      '--bootstrap',
      '/ip4/127.0.0.1/tcp/1/p2p/16Uiu2HAmS3travuNEPzvkU8TWcwYw2kpkgw6zEVYN6zF8FJk7hLG',
    ])
    expect(res.code).toBe(2)
    expect(res.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('says when no bootstrap relay answers', async () => {
    const base = await tempDir()
    const id = await account(join(base, 'a'))
    const res = await runCli([
      'resolve',
      id,
      '--bootstrap',
      '/ip4/127.0.0.1/tcp/1/p2p/16Uiu2HAmS3travuNEPzvkU8TWcwYw2kpkgw6zEVYN6zF8FJk7hLG',
    ])
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/none of the 1 bootstrap relays answered/)
  })

  it('says how to give a bootstrap relay when none is set', async () => {
    const res = await runCli(['listen', '--data', join(await tempDir(), 'x')], { env: { XCHAT_BOOTSTRAP: '' } })
    expect(res.code).toBe(2)
  })
})
