import { describe, it, expect, afterEach } from 'vitest'
import { join } from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { runCli, tempDir } from './run-cli.js'
import { startXchat, stopAllProcesses, type XchatProcess } from './processes.js'

afterEach(stopAllProcesses)

async function relay(dir: string): Promise<string> {
  const proc = startXchat(['relay', '--json', '--loopback', '--http-port', '0', '--data', dir, '--listen', '/ip4/127.0.0.1/tcp/0'])
  const ready = await proc.waitFor((l) => l['type'] === 'ready')
  return (ready['addrs'] as string[])[0]!
}

async function account(dir: string): Promise<string> {
  const r = await runCli(['init', '--no-password', '--json', '--data', dir])
  expect(r.code).toBe(0)
  return String((JSON.parse(r.stdout) as Record<string, unknown>)['accountId'])
}

async function listen(dir: string, relayAddr: string, downloads?: string): Promise<XchatProcess> {
  const extra = downloads === undefined ? [] : ['--downloads', downloads]
  const proc = startXchat(['listen', '--json', '--loopback', '--data', dir, ...extra], { XCHAT_BOOTSTRAP: relayAddr })
  await proc.waitFor((l) => l['type'] === 'ready')
  return proc
}

/** `xchat group …` against a data folder (served by its running `xchat listen`); the parsed JSON. */
async function group(dir: string, ...args: string[]): Promise<unknown> {
  const r = await runCli(['group', ...args, '--json', '--data', dir])
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as unknown
}

describe('groups through the CLI', () => {
  it('three members chat in a group; a removed member gets nothing after; a member offline during a key change catches up', async () => {
    const base = await tempDir()
    const relayAddr = await relay(join(base, 'relay'))
    const [a, b, c] = [join(base, 'a'), join(base, 'b'), join(base, 'c')]
    const ids = [await account(a), await account(b), await account(c)]
    const [pa, pb, pc] = [await listen(a, relayAddr), await listen(b, relayAddr), await listen(c, relayAddr)]

    const created = (await group(a, 'create', 'friends', ids[1]!, ids[2]!)) as { id: string; members: unknown[] }
    expect(created.members).toHaveLength(3)
    // the chain reaches b and c over their 1:1 sessions
    await pb.waitFor((l) => l['type'] === 'group-changed' && l['group'] === created.id)
    await pc.waitFor((l) => l['type'] === 'group-changed' && l['group'] === created.id)
    const members = (await group(b, 'members', created.id)) as { accountId: string; admin: boolean }[]
    expect(members.map((m) => m.accountId).sort()).toEqual([...ids].sort())
    expect(members.find((m) => m.admin)?.accountId).toBe(ids[0])

    const sent = (await group(a, 'send', created.id, 'hello friends')) as { id: string }
    for (const p of [pb, pc])
      expect(await p.waitFor((l) => l['type'] === 'group-message' && l['id'] === sent.id)).toMatchObject({
        text: 'hello friends',
        from: ids[0],
      })
    const reply = (await group(c, 'send', 'friends', 'hi from c')) as { id: string }
    await pa.waitFor((l) => l['type'] === 'group-message' && l['id'] === reply.id)
    await pa.waitFor((l) => l['type'] === 'group-receipt' && (l['ids'] as string[]).includes(sent.id))

    // c is removed: b learns it, and what a sends next reaches b but never c
    await group(a, 'remove', created.id, ids[2]!)
    await pb.waitFor((l) => l['type'] === 'group-changed' && l['kind'] === 'remove')
    await pc.waitFor((l) => l['type'] === 'group-changed' && l['kind'] === 'remove')
    const secret = (await group(a, 'send', created.id, 'after c left')) as { id: string }
    await pb.waitFor((l) => l['type'] === 'group-message' && l['id'] === secret.id)
    const hb = (await group(b, 'history', created.id)) as { text: string }[]
    expect(hb.map((m) => m.text)).toEqual(['hello friends', 'hi from c', 'after c left'])
    const hc = (await group(c, 'history', created.id)) as { text: string }[]
    expect(hc.map((m) => m.text)).not.toContain('after c left')
    expect(pc.lines.some((l) => l['type'] === 'group-message' && l['id'] === secret.id)).toBe(false)

    // b is offline while d joins (a key change) and a writes: back online, b catches up
    // (the op and a's new sender key from its mailboxes, the message from the relay's group store)
    expect(await pb.stop()).toBe(0)
    const d = join(base, 'd')
    const idD = await account(d)
    const pd = await listen(d, relayAddr)
    await group(a, 'invite', created.id, idD)
    await pd.waitFor((l) => l['type'] === 'group-changed' && l['group'] === created.id)
    const whileAway = (await group(a, 'send', created.id, 'while b was away')) as { id: string }
    await pd.waitFor((l) => l['type'] === 'group-message' && l['id'] === whileAway.id)
    const pb2 = await listen(b, relayAddr)
    await pb2.waitFor((l) => l['type'] === 'group-message' && l['id'] === whileAway.id, 60_000)
    const after = (await group(b, 'members', created.id)) as { accountId: string }[]
    expect(after.map((m) => m.accountId)).toContain(idD)
    // d reads nothing from before it joined
    const hd = (await group(d, 'history', created.id)) as { text: string }[]
    expect(hd.map((m) => m.text)).toEqual(['while b was away'])
  }, 180_000)

  it('a file goes to every member of a group (sha256 checked); a file or message with --expire or under a group timer disappears', async () => {
    const base = await tempDir()
    const relayAddr = await relay(join(base, 'relay'))
    const [a, b, c] = [join(base, 'a'), join(base, 'b'), join(base, 'c')]
    const ids = [await account(a), await account(b), await account(c)]
    const [pa, pb, pc] = [
      await listen(a, relayAddr),
      await listen(b, relayAddr, join(base, 'b-downloads')),
      await listen(c, relayAddr, join(base, 'c-downloads')),
    ]
    const created = (await group(a, 'create', 'files', ids[1]!, ids[2]!)) as { id: string }
    await pb.waitFor((l) => l['type'] === 'group-changed' && l['group'] === created.id)
    await pc.waitFor((l) => l['type'] === 'group-changed' && l['group'] === created.id)

    // send-file: served by a's listen, saved by b's and c's; the command ends when both have it
    const bytes = randomBytes(700 * 1024)
    const path = join(base, 'report.bin')
    await writeFile(path, bytes)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const sent = (await group(a, 'send-file', 'files', path)) as Record<string, unknown>
    expect(sent).toMatchObject({ group: created.id, name: 'report.bin', size: bytes.length, state: 'complete', members: 2 })
    for (const p of [pb, pc]) {
      const saved = await p.waitFor((l) => l['type'] === 'file' && l['fileId'] === sent['fileId'])
      expect(saved).toMatchObject({ group: created.id, from: ids[0], name: 'report.bin', size: bytes.length, sha256 })
      expect(
        createHash('sha256')
          .update(await readFile(String(saved['path'])))
          .digest('hex'),
      ).toBe(sha256)
    }

    // a disappearing file: saved by the members, then deleted from their downloads folders with its message
    const brief = join(base, 'brief.txt')
    await writeFile(brief, 'meet at the trailhead at 7')
    const timedFile = (await group(a, 'send-file', 'files', brief, '--expire', '15s')) as Record<string, unknown>
    for (const p of [pb, pc]) {
      const saved = await p.waitFor((l) => l['type'] === 'file' && l['fileId'] === timedFile['fileId'])
      const deleted = await p.waitFor((l) => l['type'] === 'file-deleted' && l['fileId'] === timedFile['fileId'], 90_000)
      expect(deleted).toMatchObject({ group: created.id, path: saved['path'] })
      await expect(readFile(String(saved['path']))).rejects.toThrow()
    }

    // a message of its own timer: it goes from the sender's history on time, and from a reader's after it was shown
    const refused = await runCli(['group', 'send', 'files', 'x', '--expire', '2s', '--data', a])
    expect(refused.code).toBe(2)
    const short = (await group(a, 'send', 'files', 'five seconds', '--expire', '5s')) as { id: string }
    const shown = await pb.waitFor((l) => l['type'] === 'group-message' && l['id'] === short.id)
    expect(shown).toMatchObject({ expireAfterMs: 5000 })
    const before = (await group(a, 'history', 'files')) as { id: string; remainingMs?: number }[]
    const mine = before.find((m) => m.id === short.id)
    expect(mine?.remainingMs).toBeGreaterThan(0)
    expect(mine?.remainingMs).toBeLessThanOrEqual(5000)
    for (const [p, dir] of [
      [pa, a],
      [pb, b],
    ] as const) {
      await p.waitFor((l) => l['type'] === 'group-expired' && l['id'] === short.id, 60_000)
      const after = (await group(dir, 'history', 'files')) as { id: string }[]
      expect(after.map((m) => m.id)).not.toContain(short.id)
    }

    // the group timer, set by c (no admin): every member sees it; a's next message takes it
    expect(await group(c, 'timer', 'files', '5s')).toMatchObject({ expireAfterMs: 5000 })
    for (const p of [pa, pb]) await p.waitFor((l) => l['type'] === 'group-timer' && l['expireAfterMs'] === 5000 && l['by'] === ids[2])
    expect(await group(b, 'timer', 'files')).toEqual({ expireAfterMs: 5000 })
    const timed = (await group(a, 'send', 'files', 'under the group timer')) as { id: string }
    await pc.waitFor((l) => l['type'] === 'group-message' && l['id'] === timed.id && l['expireAfterMs'] === 5000)
    await pc.waitFor((l) => l['type'] === 'group-expired' && l['id'] === timed.id, 60_000)
    const atC = (await group(c, 'history', 'files')) as { id: string; text: string; system?: unknown }[]
    expect(atC.map((m) => m.id)).not.toContain(timed.id)
    expect(atC.find((m) => m.system !== undefined)?.text).toBe('set messages to disappear after 5 seconds')
  }, 240_000)
  it('a group file is stored by the running listen: a member offline when it was sent gets it after the sender restarts', async () => {
    const base = await tempDir()
    const relayAddr = await relay(join(base, 'relay'))
    const [a, b, c] = [join(base, 'a'), join(base, 'b'), join(base, 'c')]
    const ids = [await account(a), await account(b), await account(c)]
    const cDownloads = join(base, 'c-downloads')
    const [pa, pb, pc] = [
      await listen(a, relayAddr),
      await listen(b, relayAddr, join(base, 'b-downloads')),
      await listen(c, relayAddr, cDownloads),
    ]
    const created = (await group(a, 'create', 'kept', ids[1]!, ids[2]!)) as { id: string }
    await pb.waitFor((l) => l['type'] === 'group-changed' && l['group'] === created.id)
    await pc.waitFor((l) => l['type'] === 'group-changed' && l['group'] === created.id)
    // c goes offline before the file is sent
    await pc.stop()

    // through a's running listen (its control socket): b gets it; the command waits for c, and is stopped
    const bytes = randomBytes(500 * 1024)
    const path = join(base, 'minutes.bin')
    await writeFile(path, bytes)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const sending = startXchat(['group', 'send-file', 'kept', path, '--json', '--data', a])
    const atB = await pb.waitFor((l) => l['type'] === 'file' && l['name'] === 'minutes.bin', 60_000)
    expect(atB).toMatchObject({ group: created.id, from: ids[0], sha256 })
    expect(await sending.stop('SIGINT')).toBe(1)
    expect(sending.stderr()).toContain('stays offered')

    // a's sender key for the epoch went to c's mailbox (c's only relay): the sender's listen may stop
    const offer = await pb.waitFor((l) => l['type'] === 'group-message' && l['group'] === created.id && l['file'] === true)
    await pa.waitFor((l) => l['type'] === 'sent' && l['to'] === ids[2] && l['via'] === 'mailbox', 60_000)
    // the sender's listen stops; c comes back while it is away and gets the offer from the relay alone,
    // then the sender restarts on the same data folder (to serve the bytes)
    expect(await pa.stop()).toBe(0)
    const pc2 = await listen(c, relayAddr, cDownloads)
    await pc2.waitFor((l) => l['type'] === 'group-message' && l['id'] === offer['id'], 60_000)
    await listen(a, relayAddr)
    const atC = await pc2.waitFor((l) => l['type'] === 'file' && l['fileId'] === atB['fileId'], 120_000)
    expect(atC).toMatchObject({ group: created.id, from: ids[0], name: 'minutes.bin', size: bytes.length, sha256 })
    expect(
      createHash('sha256')
        .update(await readFile(String(atC['path'])))
        .digest('hex'),
    ).toBe(sha256)
  }, 300_000)
})
