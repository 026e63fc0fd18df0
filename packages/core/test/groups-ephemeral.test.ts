import { afterEach, describe, expect, it } from 'vitest'
import { parseGroupMessage, topicOf, type GroupEngine } from '../src/index.js'
import { GroupStore } from '../src/groups/group-store.js'
import { cleanup, members, until, type Member } from './groups-fixture.js'

afterEach(cleanup)

/** Real time plus an offset the test moves (the in-process hubs keep working). */
class TestClock {
  offset = 0
  readonly now = (): number => Date.now() + this.offset
}

function hasGroup(engine: GroupEngine, id: string): boolean {
  return engine.groups().some((g) => g.id === id)
}

function storeOf(m: Member): GroupStore {
  return new GroupStore(m.db, m.keys.device.privateKey())
}

describe('disappearing messages in groups', () => {
  it('a timer set by a plain member is shown to all three, and its messages expire and are tombstoned on every member', async () => {
    const clock = new TestClock()
    const [a, b, c] = (await members(3, undefined, clock.now)) as [Member, Member, Member]
    const { id } = await a.engine.createGroup('timed', [b.keys.accountId, c.keys.accountId])
    await until(() => hasGroup(b.engine, id) && hasGroup(c.engine, id), 5000, 'the chain at b and c')
    const timers: { who: string; ms: number | null }[] = []
    for (const [who, m] of [
      ['a', a],
      ['c', c],
    ] as const)
      m.engine.addEventListener('group:timer', (e) => timers.push({ who, ms: e.detail.expireAfterMs }))

    // b is no admin: any member sets the timer, as in 1:1 chats
    expect(b.engine.group(id).admin).toBe(false)
    await b.engine.setTimer(id, 30_000)
    await until(() => timers.length === 2, 5000, 'the timer change at a and c')
    for (const m of [a, b, c]) {
      expect(m.engine.timer(id)).toBe(30_000)
      const system = (await m.engine.history(id)).find((h) => h.system !== undefined)
      expect(system?.system).toEqual({ kind: 'timer', expireAfterMs: 30_000 })
      expect(system?.text).toBe('set messages to disappear after 30 seconds')
    }

    // a's message takes the group timer; its relay copy carries the same end
    const held = a.hubs.fanout.published
    const sent = await a.engine.send(id, 'gone soon')
    await until(() => b.received.some((m) => m.id === sent.id) && c.received.some((m) => m.id === sent.id), 5000, 'delivery')
    expect(a.hubs.fanout.published).toBe(held + 1)
    const relayCopies = await a.fanout.fetch?.(topicOf(id))
    const copy = parseGroupMessage(relayCopies?.at(-1) as Uint8Array)
    expect(copy.keepUntil).toBeGreaterThan(clock.now())
    expect(copy.keepUntil).toBeLessThanOrEqual(clock.now() + 30_000)

    // the recipients' clocks start when they read it
    const atB = (await b.engine.history(id)).find((m) => m.id === sent.id)
    expect(atB?.expireAfterMs).toBe(30_000)
    await b.engine.markRead(id)
    await c.engine.markRead(id)
    for (const m of [a, b, c]) expect((await m.engine.history(id)).some((h) => h.id === sent.id)).toBe(true)

    clock.offset += 31_000
    const expired: Record<string, string[]> = { a: [], b: [], c: [] }
    for (const [who, m] of [
      ['a', a],
      ['b', b],
      ['c', c],
    ] as const)
      m.engine.addEventListener('group:expired', (e) => expired[who]?.push(e.detail.id))
    // the sweeper runs on its own too: whichever sweep took it, each member deleted it once
    for (const m of [a, b, c]) await m.engine.sweep()
    expect(expired).toEqual({ a: [sent.id], b: [sent.id], c: [sent.id] })
    for (const m of [a, b, c]) {
      expect((await m.engine.history(id)).map((h) => h.id)).not.toContain(sent.id)
      const store = storeOf(m)
      expect(await store.tombstones.has(sent.id)).toBe(true)
      expect(await store.messageIds.get(sent.id)).toBeUndefined()
    }

    // a member that was offline fetches the relay copy again: it stays gone
    await c.engine.catchUp()
    expect((await c.engine.history(id)).map((h) => h.id)).not.toContain(sent.id)

    // off again: later messages stay
    await c.engine.setTimer(id, null)
    await until(() => timers.some((t) => t.who === 'a' && t.ms === null), 5000, 'timer off at a')
    const kept = await a.engine.send(id, 'stays')
    await until(() => b.received.some((m) => m.id === kept.id), 5000, 'the last message at b')
    expect((await b.engine.history(id)).find((m) => m.id === kept.id)?.expiresAt).toBeUndefined()
  })

  it('a per-message timer and view once: gone at the sender on time, at a reader as soon as it is read', async () => {
    const clock = new TestClock()
    const [a, b] = (await members(2, undefined, clock.now)) as [Member, Member]
    const { id } = await a.engine.createGroup('pair', [b.keys.accountId])
    await until(() => hasGroup(b.engine, id), 5000, 'the chain at b')
    const short = await a.engine.send(id, 'ten seconds', { expireAfterMs: 10_000 })
    const once = await a.engine.send(id, 'look once', { viewOnce: true })
    await until(() => b.received.length === 2, 5000, 'delivery')
    await expect(a.engine.send(id, 'x', { expireAfterMs: 1000 })).rejects.toThrow(RangeError)

    const gone = { a: [] as string[], b: [] as string[] }
    a.engine.addEventListener('group:expired', (e) => gone.a.push(e.detail.id))
    b.engine.addEventListener('group:expired', (e) => gone.b.push(e.detail.id))
    // unread at b: kept; read: the view-once one goes at once, the timed one after its timer
    await b.engine.markRead(id)
    await b.engine.sweep()
    expect(gone.b).toEqual([once.id])
    expect((await b.engine.history(id)).map((m) => m.id)).toEqual([short.id])
    clock.offset += 11_000
    await a.engine.sweep()
    await b.engine.sweep()
    expect(gone).toEqual({ a: [short.id], b: [once.id, short.id] })
    expect((await a.engine.history(id)).map((m) => m.id)).toEqual([once.id])
    expect(await b.engine.history(id)).toEqual([])
  })

  it('a member who joins after the timer was set learns it at once: added by an admin, or by an invite link', async () => {
    const [a, b] = (await members(2)) as [Member, Member]
    const { id } = await a.engine.createGroup('timed', [b.keys.accountId])
    await until(() => hasGroup(b.engine, id), 5000, 'the chain at b')
    await b.engine.setTimer(id, 60_000)
    await until(() => a.engine.timer(id) === 60_000, 5000, 'the timer at a')

    // d is added by a; e joins by a's link: neither saw the change, both were told the timer
    const [d, e] = (await members(2, a.hubs)) as [Member, Member]
    const told: string[] = []
    d.engine.addEventListener('group:timer', (ev) => told.push(`d ${ev.detail.expireAfterMs} ${ev.detail.by}`))
    await a.engine.add(id, [d.keys.accountId])
    await until(() => hasGroup(d.engine, id) && d.engine.timer(id) === 60_000, 5000, 'the timer at d')
    expect(told).toEqual([`d 60000 ${a.keys.accountId}`])
    await e.engine.join(await a.engine.invite(id))
    await until(() => hasGroup(e.engine, id) && e.engine.timer(id) === 60_000, 5000, 'the timer at e')

    // and the newcomers' messages take it, as everyone else's (once every member is at the same epoch)
    await until(() => [a, b, d, e].every((m) => m.engine.group(id).members.length === 4), 5000, 'e’s join everywhere')
    const sent = await d.engine.send(id, 'from d')
    await until(() => b.received.some((m) => m.id === sent.id), 5000, 'd’s message at b')
    expect((await b.engine.history(id)).find((m) => m.id === sent.id)?.expireAfterMs).toBe(60_000)
  })

  it('two members changing the timer at once end with the same timer everywhere', async () => {
    const [a, b, c] = (await members(3)) as [Member, Member, Member]
    const { id } = await a.engine.createGroup('race', [b.keys.accountId, c.keys.accountId])
    await until(() => hasGroup(b.engine, id) && hasGroup(c.engine, id), 5000, 'the chain at b and c')
    await Promise.all([a.engine.setTimer(id, 30_000), b.engine.setTimer(id, 60_000), c.engine.setTimer(id, null)])
    const entries = async (m: Member): Promise<number> => (await m.engine.history(id)).filter((h) => h.system !== undefined).length
    for (const m of [a, b, c]) {
      const start = Date.now()
      while ((await entries(m)) < 3 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 10))
      expect(await entries(m)).toBe(3)
    }
    expect(new Set([a, b, c].map((m) => m.engine.timer(id))).size).toBe(1)
  })
})
