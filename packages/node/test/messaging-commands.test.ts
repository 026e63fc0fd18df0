import { describe, it, expect, afterEach } from 'vitest'
import { join } from 'node:path'
import { readdir, readFile, stat } from 'node:fs/promises'
import { runCli, tempDir } from './run-cli.js'
import { startXchat, stopAllProcesses, type XchatProcess } from './processes.js'

interface Relay {
  proc: XchatProcess
  addr: string
  dir: string
}

/** A relay on loopback; `addr` reuses a previous address (restart on the same port). */
async function relay(dir: string, addr?: string): Promise<Relay> {
  const listen = addr === undefined ? '/ip4/127.0.0.1/tcp/0' : addr.replace(/\/p2p\/.*$/, '')
  const proc = startXchat(['relay', '--json', '--loopback', '--http-port', '0', '--data', dir, '--listen', listen])
  const ready = await proc.waitFor((l) => l['type'] === 'ready')
  return { proc, addr: (ready['addrs'] as string[])[0]!, dir }
}

async function account(dir: string): Promise<string> {
  const r = await runCli(['init', '--no-password', '--json', '--data', dir])
  expect(r.code).toBe(0)
  return String((JSON.parse(r.stdout) as Record<string, unknown>)['accountId'])
}

function listen(dir: string, relays: Relay[]): XchatProcess {
  return startXchat(['listen', '--json', '--loopback', '--data', dir], { XCHAT_BOOTSTRAP: relays.map((r) => r.addr).join(',') })
}

function send(dir: string, to: string, text: string, relays: Relay[]) {
  return runCli(['send', to, text, '--json', '--loopback', '--data', dir], {
    env: { XCHAT_BOOTSTRAP: relays.map((r) => r.addr).join(',') },
  })
}

/** Every file under `dir`, as bytes. */
async function allBytes(dir: string): Promise<Buffer[]> {
  const out: Buffer[] = []
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry)
    if ((await stat(path)).isFile()) out.push(await readFile(path))
  }
  return out
}

afterEach(stopAllProcesses)

describe('chat through the CLI', () => {
  it('delivers a message sent while the recipient was offline, even after both relays were killed', async () => {
    const base = await tempDir()
    let relays = [await relay(join(base, 'r1')), await relay(join(base, 'r2'))]
    const alice = await account(join(base, 'alice'))
    const bob = await account(join(base, 'bob'))

    // bob comes online once so his directory record names his two relays, then leaves
    const bobOnline = listen(join(base, 'bob'), relays)
    await bobOnline.waitFor((l) => l['type'] === 'ready')
    expect(await bobOnline.stop()).toBe(0)

    const secret = `meet at the old bridge ${Date.now()}`
    const sent = await send(join(base, 'alice'), bob, secret, relays)
    expect(sent.stderr).toBe('')
    expect(sent.code).toBe(0)
    const result = JSON.parse(sent.stdout) as { id: string; delivered: string }
    expect(result.delivered).toBe('mailbox')

    // both relays die holding the mail and come back on the same addresses
    for (const r of relays) await r.proc.stop('SIGKILL')
    relays = await Promise.all(relays.map((r) => relay(r.dir, r.addr)))

    const bobBack = listen(join(base, 'bob'), relays)
    const got = await bobBack.waitFor((l) => l['type'] === 'message')
    expect(got).toMatchObject({ type: 'message', from: alice, id: result.id, text: secret })
    expect(typeof got['sentAt']).toBe('number')
    expect(await bobBack.stop()).toBe(0)

    // shown once: history has it exactly once
    const hist = await runCli(['history', alice, '--json', '--data', join(base, 'bob')])
    const messages = JSON.parse(hist.stdout) as Array<{ id: string; text: string }>
    expect(messages.filter((m) => m.id === result.id)).toHaveLength(1)

    // no data folder, relay or peer, holds the plaintext
    for (const dir of [join(base, 'r1'), join(base, 'r2'), join(base, 'alice'), join(base, 'bob')]) {
      for (const bytes of await allBytes(dir)) expect(bytes.includes(Buffer.from(secret))).toBe(false)
    }
  })

  it('lets other commands use a data folder that xchat listen owns', async () => {
    const base = await tempDir()
    const relays = [await relay(join(base, 'r1')), await relay(join(base, 'r2'))]
    const alice = await account(join(base, 'alice'))
    const bob = await account(join(base, 'bob'))
    const a = listen(join(base, 'alice'), relays)
    const b = listen(join(base, 'bob'), relays)
    await a.waitFor((l) => l['type'] === 'ready')
    await b.waitFor((l) => l['type'] === 'ready')

    // alice's folder is owned by her listener: send, contacts and history go through it
    const added = await runCli(['contacts', 'add', bob, 'bob', '--data', join(base, 'alice')])
    expect(added.code).toBe(0)
    const sent = await send(join(base, 'alice'), 'bob', 'hi bob', relays)
    expect(sent.stderr).toBe('')
    expect(JSON.parse(sent.stdout)).toMatchObject({ delivered: 'direct' })
    await b.waitFor((l) => l['type'] === 'message' && l['text'] === 'hi bob')
    const reply = await send(join(base, 'bob'), alice, 'hi alice', relays)
    expect(reply.code).toBe(0)
    await a.waitFor((l) => l['type'] === 'message' && l['text'] === 'hi alice')
    // bob's listener showed the message, so alice gets a read receipt
    await a.waitFor((l) => l['type'] === 'receipt' && l['kind'] === 'read')

    const hist = await runCli(['history', 'bob', '--json', '--data', join(base, 'alice')])
    expect(hist.code).toBe(0)
    expect((JSON.parse(hist.stdout) as Array<{ text: string }>).map((m) => m.text)).toEqual(['hi bob', 'hi alice'])
    const list = await runCli(['contacts', 'list', '--json', '--data', join(base, 'alice')])
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'bob', accountId: bob }])
  })

  it('exits 2 with the reason for a malformed recipient, and 2 for an unknown contact name', async () => {
    const base = await tempDir()
    const relays = [await relay(join(base, 'r1'))]
    await account(join(base, 'alice'))
    const bad = await send(join(base, 'alice'), 'xc1notanaccount', 'x', relays)
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    const remove = await runCli(['contacts', 'remove', 'nobody', '--data', join(base, 'alice')])
    expect(remove.code).toBe(2)
  })
})
