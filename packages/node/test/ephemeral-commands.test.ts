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

async function account(dir: string): Promise<string> {
  const r = await runCli(['init', '--no-password', '--json', '--data', dir])
  expect(r.code).toBe(0)
  return String((JSON.parse(r.stdout) as Record<string, unknown>)['accountId'])
}

interface Message {
  id: string
  text: string
  direction: string
  expireAfterMs?: number
  expiresAt?: number
  remainingMs?: number
  system?: { kind: string; expireAfterMs: number | null }
}

afterEach(stopAllProcesses)

describe('disappearing messages through the CLI', () => {
  it('sets a conversation timer, sends with --expire, shows the remaining time, and listen deletes what it showed when its time comes', async () => {
    const base = await tempDir()
    const relays = [await relay(join(base, 'r1')), await relay(join(base, 'r2'))]
    const env = { XCHAT_BOOTSTRAP: relays.map((r) => r.addr).join(',') }
    const aliceDir = join(base, 'alice')
    const bobDir = join(base, 'bob')
    const alice = await account(aliceDir)
    const bob = await account(bobDir)
    const b = startXchat(['listen', '--json', '--loopback', '--data', bobDir], env)
    await b.waitFor((l) => l['type'] === 'ready')
    const cli = async (args: string[]) => runCli([...args, '--data', aliceDir], { env })

    // bad durations are refused before anything goes online, naming the bounds
    for (const bad of ['2s', '5w', 'soon']) {
      const refused = await cli(['send', '--expire', bad, '--loopback', bob, 'x'])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/--expire: .*(5s to 4w|not a duration)/)
    }
    expect((await cli(['timer', bob, '10x', '--loopback'])).code).toBe(2)

    const set = await cli(['timer', bob, '1h', '--json', '--loopback'])
    expect(set.stderr).toBe('')
    expect(JSON.parse(set.stdout)).toMatchObject({ expireAfterMs: 3_600_000 })
    await b.waitFor((l) => l['type'] === 'timer' && l['expireAfterMs'] === 3_600_000 && l['by'] === 'them')
    const shown = await cli(['timer', bob])
    expect(shown.stdout.trim()).toBe('Messages disappear after 1 hour.')

    const sent = await cli(['send', '--expire', '30s', '--json', '--loopback', bob, 'for thirty seconds'])
    expect(sent.stderr).toBe('')
    expect(sent.code).toBe(0)
    const id = String((JSON.parse(sent.stdout) as Record<string, unknown>)['id'])
    await b.waitFor((l) => l['type'] === 'message' && l['id'] === id && l['expireAfterMs'] === 30_000)
    await cli(['send', '--json', '--loopback', bob, 'takes the conversation timer'])

    const history = JSON.parse((await cli(['history', bob, '--json'])).stdout) as Message[]
    expect(history.map((m) => [m.text, m.expireAfterMs])).toEqual([
      ['set messages to disappear after 1 hour', undefined],
      ['for thirty seconds', 30_000],
      ['takes the conversation timer', 3_600_000],
    ])
    expect(history[0]?.system).toEqual({ kind: 'timer', expireAfterMs: 3_600_000 })
    expect(history[1]?.remainingMs).toBeGreaterThan(0)
    expect(history[1]?.remainingMs).toBeLessThanOrEqual(30_000)
    const text = (await cli(['history', bob])).stdout
    expect(text).toContain('* You set messages to disappear after 1 hour')
    expect(text).toMatch(/for thirty seconds .*\(disappears in (\d+s|\d+m \d+s)\)/)

    // bob's listen showed it (read), so his clock runs: his listen deletes it after 30 s and says so
    const bobHistory = JSON.parse((await runCli(['history', alice, '--json', '--data', bobDir])).stdout) as Message[]
    expect(bobHistory.find((m) => m.id === id)?.remainingMs).toBeLessThanOrEqual(30_000)
    await b.waitFor((l) => l['type'] === 'expired' && l['id'] === id, 60_000)
    const after = JSON.parse((await runCli(['history', alice, '--json', '--data', bobDir])).stdout) as Message[]
    expect(after.map((m) => m.text)).not.toContain('for thirty seconds')
    expect(after.map((m) => m.text)).toContain('takes the conversation timer')
  }, 120_000)
})
