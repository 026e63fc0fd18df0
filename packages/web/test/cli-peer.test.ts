/**
 * A browser peer and a CLI peer chat: the same core on both sides, one relay
 * (`xchat start`) between them. The CLI learns the relay from the same
 * bootstrap.json the web app reads.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  XCHAT_BIN,
  addContact,
  createAccount,
  launchPerson,
  openConversation,
  sendMessage,
  startServer,
  waitOnline,
  type Person,
  type XchatServer,
} from './fixtures.js'

interface Listener {
  readonly lines: Record<string, unknown>[]
  waitFor(pred: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>
  stop(): Promise<void>
}

function cli(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [XCHAT_BIN, ...args],
      { env: { ...process.env, XCHAT_PASSWORD: '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, stdout, stderr }),
    )
  })
}

function listen(args: readonly string[], env: Record<string, string>): Listener {
  const child: ChildProcess = spawn(process.execPath, [XCHAT_BIN, 'listen', '--json', ...args], {
    env: { ...process.env, XCHAT_PASSWORD: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const lines: Record<string, unknown>[] = []
  const waiters = new Set<() => void>()
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>)
    } catch {
      return
    }
    for (const w of waiters) w()
  })
  return {
    lines,
    waitFor: (pred, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`xchat listen printed no matching line; stderr: ${stderr}`))
        }, timeoutMs)
        const check = (): void => {
          const hit = lines.find(pred)
          if (hit === undefined) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve(hit)
        }
        waiters.add(check)
        check()
      }),
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    },
  }
}

describe('a browser peer and a CLI peer', () => {
  let server: XchatServer
  let browser: Person
  let listener: Listener | undefined
  let data: string
  let env: Record<string, string>

  beforeAll(async () => {
    server = await startServer()
    data = await mkdtemp(join(tmpdir(), 'xchat-cli-peer-'))
    const { relays } = (await (await fetch(new URL('bootstrap.json', server.url))).json()) as { relays: string[] }
    env = { XCHAT_BOOTSTRAP: relays.join(','), XCHAT_DATA: '' }
    browser = await launchPerson()
    await browser.page.goto(server.url)
  })

  afterAll(async () => {
    await listener?.stop()
    await browser?.close()
    await server?.stop()
    if (data) await rm(data, { recursive: true, force: true })
  })

  it('chat both ways: browser → `xchat listen`, `xchat send` → browser', async () => {
    const init = await cli(['init', '--no-password', '--json', '--data', data], env)
    expect(init.stderr).toBe('')
    const cliId = String((JSON.parse(init.stdout) as { accountId: string }).accountId)
    listener = listen(['--loopback', '--data', data], env)
    await listener.waitFor((l) => l['type'] === 'ready')

    const { accountId: browserId } = await createAccount(browser.page)
    await waitOnline(browser.page, 90_000)
    await addContact(browser.page, cliId, 'Terminal')
    await sendMessage(browser.page, 'hello from the browser')
    const got = await listener.waitFor((l) => l['type'] === 'message')
    expect(got).toMatchObject({ from: browserId, text: 'hello from the browser' })
    // the terminal showed it: the browser sees its message delivered (the listener acked it after storing)
    await browser.page
      .locator('[data-testid="message"][data-direction="out"]:is([data-state="delivered"],[data-state="read"])')
      .filter({ hasText: 'hello from the browser' })
      .waitFor({ timeout: 90_000 })

    // `xchat send` hands the text to the running listener (IPC), which sends it over its connections
    const sent = await cli(['send', browserId, 'hello from the terminal', '--json', '--loopback', '--data', data], env)
    expect(sent.stderr).toBe('')
    expect(sent.code).toBe(0)
    await openConversation(browser.page, cliId, 90_000)
    const reply = browser.page.getByTestId('message').filter({ hasText: 'hello from the terminal' })
    await reply.waitFor({ timeout: 90_000 })
    expect(await reply.getAttribute('data-direction')).toBe('in')
    expect(browser.errors).toEqual([])
  }, 300_000)
})
