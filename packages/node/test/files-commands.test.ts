import { describe, it, expect, afterEach } from 'vitest'
import { join } from 'node:path'
import { randomBytes, createHash } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
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

const env = (relays: Relay[]): Record<string, string> => ({ XCHAT_BOOTSTRAP: relays.map((r) => r.addr).join(',') })

async function listen(dir: string, relays: Relay[], downloads?: string, extra: string[] = []): Promise<XchatProcess> {
  const proc = startXchat(
    ['listen', '--json', '--loopback', '--data', dir, ...(downloads ? ['--downloads', downloads] : []), ...extra],
    env(relays),
  )
  await proc.waitFor((l) => l['type'] === 'ready')
  return proc
}

function sendFile(dir: string, to: string, path: string, relays: Relay[]): XchatProcess {
  return startXchat(['send-file', to, path, '--json', '--loopback', '--data', dir], env(relays))
}

async function exitOf(proc: XchatProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.child.exitCode !== null) return resolve(proc.child.exitCode)
    proc.child.once('exit', (code) => resolve(code))
  })
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

/** Two accounts on two relays; Bob listens with a downloads folder. */
async function setup(): Promise<{ base: string; relays: Relay[]; alice: string; bob: string; bobDir: string; downloads: string }> {
  const base = await tempDir()
  const relays = [await relay(join(base, 'r1')), await relay(join(base, 'r2'))]
  const alice = await account(join(base, 'alice'))
  const bob = await account(join(base, 'bob'))
  return { base, relays, alice, bob, bobDir: join(base, 'bob'), downloads: join(base, 'bob-downloads') }
}

afterEach(stopAllProcesses)

describe('files through the CLI', () => {
  it('sends files of 0 bytes, one chunk and one byte over, and a hostile name, byte for byte', async () => {
    const { base, relays, alice, bob, bobDir, downloads } = await setup()
    const bobListen = await listen(bobDir, relays, downloads)
    const src = join(base, 'src')
    await mkdir(src)
    const cases: [string, Uint8Array][] = [
      ['empty.bin', new Uint8Array(0)],
      ['one-chunk.bin', new Uint8Array(randomBytes(256 * 1024))],
      ['over.bin', new Uint8Array(randomBytes(256 * 1024 + 1))],
      ['..\u0007evil\u202e.txt', new Uint8Array(randomBytes(1000))],
    ]
    for (const [name, bytes] of cases) {
      await writeFile(join(src, name), bytes)
      const proc = sendFile(join(base, 'alice'), bob, join(src, name), relays)
      const result = await proc.waitFor((l) => typeof l['fileId'] === 'string', 60_000)
      expect(await exitOf(proc)).toBe(0)
      expect(result).toMatchObject({ state: 'complete', size: bytes.length, to: bob })
      const saved = await bobListen.waitFor((l) => l['type'] === 'file' && l['fileId'] === result['fileId'])
      expect(saved).toMatchObject({ from: alice, name, size: bytes.length, sha256: sha256(bytes) })
      const path = String(saved['path'])
      expect(path.startsWith(`${downloads}/`)).toBe(true)
      expect(Buffer.compare(await readFile(path), bytes)).toBe(0)
    }
    const names = (await readdir(downloads)).filter((n) => !n.startsWith('.'))
    expect(names.sort()).toEqual(['empty.bin', 'evil.txt', 'one-chunk.bin', 'over.bin'])
    expect(await readdir(join(downloads, '.xchat-partial'))).toEqual([])
  }, 180_000)

  it('send-file --expire: the saved copy is deleted from the downloads folder when the message expires there', async () => {
    const { base, relays, alice, bob, bobDir, downloads } = await setup()
    const bobListen = await listen(bobDir, relays, downloads)
    const path = join(base, 'secret.bin')
    const bytes = new Uint8Array(randomBytes(4000))
    await writeFile(path, bytes)
    const proc = startXchat(['send-file', bob, path, '--expire', '5s', '--json', '--loopback', '--data', join(base, 'alice')], env(relays))
    const result = await proc.waitFor((l) => typeof l['fileId'] === 'string', 60_000)
    expect(await exitOf(proc)).toBe(0)
    const saved = await bobListen.waitFor((l) => l['type'] === 'file' && l['fileId'] === result['fileId'])
    expect(saved).toMatchObject({ from: alice, sha256: sha256(bytes) })
    const savedPath = String(saved['path'])
    expect(await readFile(savedPath)).toEqual(Buffer.from(bytes))
    // listen showed it (read): five seconds later it is gone from the store and from the folder
    const deleted = await bobListen.waitFor((l) => l['type'] === 'file-deleted' && l['fileId'] === result['fileId'], 60_000)
    expect(deleted).toMatchObject({ with: alice, path: savedPath })
    await expect(readFile(savedPath)).rejects.toMatchObject({ code: 'ENOENT' })
    expect(bobListen.lines.some((l) => l['type'] === 'expired' && l['id'] === result['id'])).toBe(true)
    // a bare --expire out of range is bad input, before anything goes online
    const bad = await runCli(['send-file', bob, path, '--expire', '2s', '--json', '--data', join(base, 'alice')], { env: env(relays) })
    expect(bad.code).toBe(2)
  })

  it('goes through a running listener, runs two transfers at once, and never overwrites a saved file', async () => {
    const { base, relays, bob, bobDir, downloads } = await setup()
    const aliceListen = await listen(join(base, 'alice'), relays)
    const bobListen = await listen(bobDir, relays, downloads)
    await mkdir(downloads, { recursive: true })
    await writeFile(join(downloads, 'a.bin'), 'already here')
    const a = new Uint8Array(randomBytes(3 * 1024 * 1024 + 7))
    const b = new Uint8Array(randomBytes(2 * 1024 * 1024))
    await writeFile(join(base, 'a.bin'), a)
    await writeFile(join(base, 'b.bin'), b)
    const sends = [
      sendFile(join(base, 'alice'), bob, join(base, 'a.bin'), relays),
      sendFile(join(base, 'alice'), bob, join(base, 'b.bin'), relays),
    ]
    const results = await Promise.all(sends.map(async (p) => p.waitFor((l) => typeof l['fileId'] === 'string', 60_000)))
    expect(await Promise.all(sends.map(exitOf))).toEqual([0, 0])
    for (const r of results) await aliceListen.waitFor((l) => l['type'] === 'file-sent' && l['fileId'] === r['fileId'])
    const savedA = await bobListen.waitFor((l) => l['type'] === 'file' && l['fileId'] === results[0]!['fileId'])
    const savedB = await bobListen.waitFor((l) => l['type'] === 'file' && l['fileId'] === results[1]!['fileId'])
    expect(savedA['path']).toBe(join(downloads, 'a (1).bin'))
    expect(await readFile(join(downloads, 'a.bin'), 'utf8')).toBe('already here')
    expect(Buffer.compare(await readFile(String(savedA['path'])), a)).toBe(0)
    expect(Buffer.compare(await readFile(String(savedB['path'])), b)).toBe(0)
  }, 180_000)

  it('resumes after the receiver is killed at ~50 %', async () => {
    const { base, relays, bob, bobDir, downloads } = await setup()
    const bytes = new Uint8Array(randomBytes(96 * 1024 * 1024))
    await writeFile(join(base, 'big.bin'), bytes)
    let bobListen = await listen(bobDir, relays, downloads)
    const send = sendFile(join(base, 'alice'), bob, join(base, 'big.bin'), relays)
    const half = await bobListen.waitFor((l) => l['type'] === 'file-progress' && Number(l['received']) >= bytes.length / 2, 120_000)
    await bobListen.stop('SIGKILL')
    const fileId = String(half['fileId'])
    expect((await readdir(downloads)).filter((n) => !n.startsWith('.'))).toEqual([])

    // the receiver comes back: it resumes from what its part file holds
    bobListen = await listen(bobDir, relays, downloads)
    const resumed = await bobListen.waitFor((l) => l['type'] === 'file-progress' && l['fileId'] === fileId, 60_000)
    expect(Number(resumed['received'])).toBeGreaterThan(0)
    const saved = await bobListen.waitFor((l) => l['type'] === 'file' && l['fileId'] === fileId, 120_000)
    expect(await exitOf(send)).toBe(0)
    expect(sha256(await readFile(String(saved['path'])))).toBe(sha256(bytes))
  }, 300_000)

  it('resumes after the sending command is killed: a later listen serves the stored offer', async () => {
    const { base, relays, bob, bobDir, downloads } = await setup()
    const bytes = new Uint8Array(randomBytes(64 * 1024 * 1024))
    await writeFile(join(base, 's.bin'), bytes)
    const bobListen = await listen(bobDir, relays, downloads)
    const send = sendFile(join(base, 'alice'), bob, join(base, 's.bin'), relays)
    const half = await bobListen.waitFor((l) => l['type'] === 'file-progress' && Number(l['received']) >= bytes.length / 2, 120_000)
    await send.stop('SIGKILL')
    const fileId = String(half['fileId'])
    // the sender comes back as a listener: its stored offer is served again, and it hears "complete"
    const aliceListen = await listen(join(base, 'alice'), relays)
    const saved = await bobListen.waitFor((l) => l['type'] === 'file' && l['fileId'] === fileId, 120_000)
    expect(sha256(await readFile(String(saved['path'])))).toBe(sha256(bytes))
    await aliceListen.waitFor((l) => l['type'] === 'file-sent' && l['fileId'] === fileId, 60_000)
  }, 300_000)

  it('refuses a file over --max-file-size before fetching it, and the sender is told', async () => {
    const { base, relays, bob, bobDir, downloads } = await setup()
    const bobListen = await listen(bobDir, relays, downloads, ['--max-file-size', '1000'])
    await writeFile(join(base, 'big.bin'), randomBytes(100_000))
    const send = sendFile(join(base, 'alice'), bob, join(base, 'big.bin'), relays)
    const failed = await bobListen.waitFor((l) => l['type'] === 'file-failed', 60_000)
    expect(failed).toMatchObject({ reason: 'TOO_LARGE', size: 100_000 })
    expect(await exitOf(send)).toBe(1)
    expect((await readdir(downloads)).filter((n) => !n.startsWith('.'))).toEqual([])
  }, 180_000)

  it('cancels from the receiver: the sender stops with an error and nothing is left under the final name', async () => {
    const { base, relays, bob, bobDir, downloads } = await setup()
    const bytes = new Uint8Array(randomBytes(64 * 1024 * 1024))
    await writeFile(join(base, 'c.bin'), bytes)
    const bobListen = await listen(bobDir, relays, downloads)
    const send = sendFile(join(base, 'alice'), bob, join(base, 'c.bin'), relays)
    const progress = await bobListen.waitFor((l) => l['type'] === 'file-progress', 60_000)
    const cancelled = await runCli(['cancel-file', String(progress['fileId']), '--json', '--loopback', '--data', bobDir], {
      env: env(relays),
    })
    expect(cancelled.code).toBe(0)
    const failed = await bobListen.waitFor((l) => l['type'] === 'file-failed')
    expect(failed).toMatchObject({ fileId: progress['fileId'], reason: 'TRANSFER_CANCELLED' })
    expect(await exitOf(send)).toBe(1)
    expect(send.stderr()).toMatch(/cancelled/)
    expect((await readdir(downloads)).filter((n) => !n.startsWith('.'))).toEqual([])
    expect(await readdir(join(downloads, '.xchat-partial'))).toEqual([])
  }, 180_000)

  it('send-file to an offline listener exits 0 once the file is sealed in its mailboxes; listen --downloads saves it later', async () => {
    const { base, relays, alice, bob, bobDir, downloads } = await setup()
    // bob comes online once so his directory record names his two relays, then leaves
    const bobOnce = await listen(bobDir, relays)
    expect(await bobOnce.stop()).toBe(0)
    const bytes = new Uint8Array(randomBytes(700 * 1024 + 7))
    const path = join(base, 'offline.bin')
    await writeFile(path, bytes)
    const proc = sendFile(join(base, 'alice'), bob, path, relays)
    const sealing = await proc.waitFor((l) => l['type'] === 'status', 60_000)
    expect(sealing).toMatchObject({ status: 'sealing-into-mailboxes' })
    const result = await proc.waitFor((l) => typeof l['fileId'] === 'string', 60_000)
    expect(await exitOf(proc)).toBe(0)
    expect(result).toMatchObject({ delivered: 'mailbox', delivery: 'mailbox', state: 'mailbox', size: bytes.length, to: bob })
    // alice is gone; bob comes back and gets the file from his mailboxes alone
    const bobBack = await listen(bobDir, relays, downloads)
    const saved = await bobBack.waitFor((l) => l['type'] === 'file' && l['fileId'] === result['fileId'], 60_000)
    expect(saved).toMatchObject({ from: alice, name: 'offline.bin', size: bytes.length, sha256: sha256(bytes) })
    expect(Buffer.compare(await readFile(String(saved['path'])), bytes)).toBe(0)
  }, 180_000)

  it('send-file of a file over --mailbox-max to an offline recipient says it waits for the recipient', async () => {
    const { base, relays, bob, bobDir } = await setup()
    const bobOnce = await listen(bobDir, relays)
    expect(await bobOnce.stop()).toBe(0)
    const path = join(base, 'large.bin')
    await writeFile(path, new Uint8Array(randomBytes(200 * 1024)))
    const proc = startXchat(
      ['send-file', bob, path, '--mailbox-max', '100k', '--json', '--loopback', '--data', join(base, 'alice')],
      env(relays),
    )
    expect(await proc.waitFor((l) => l['type'] === 'status', 60_000)).toMatchObject({ status: 'waiting-for-recipient' })
    for (let i = 0; i < 100 && !proc.stderr().includes('waiting for recipient'); i++) await new Promise((r) => setTimeout(r, 100))
    expect(proc.stderr()).toContain('waiting for recipient')
    expect(proc.child.exitCode).toBeNull()
  }, 120_000)
})
