import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { bytesToHex } from '@noble/hashes/utils.js'
import { OpGraph, isXchatError, signOp, groupConstants, type DeviceKeys, type GroupOp, type GroupState, type OpInit } from '../src/index.js'
import { cleanup, members, newKeys, until, type Member } from './groups-fixture.js'

afterEach(cleanup)

const keys: DeviceKeys[] = Array.from({ length: 8 }, () => newKeys())
const [A, B, C, X, Y, Z] = keys as [DeviceKeys, DeviceKeys, DeviceKeys, DeviceKeys, DeviceKeys, DeviceKeys]
const GROUP = new Uint8Array(32).fill(9)
const hex = (k: DeviceKeys): string => bytesToHex(k.account.publicKey)

/** A comparable picture of a state: who, admin flags in order, name, epoch, head, length. */
function picture(s: GroupState | undefined): string {
  if (s === undefined) return 'none'
  return JSON.stringify({
    name: s.name,
    epoch: s.epoch,
    length: s.length,
    head: bytesToHex(s.head),
    members: [...s.members.values()].map((m) => `${m.key}${m.admin ? '*' : ''}`),
    invites: [...s.usedInvites].sort(),
  })
}

/** Sign an op on the author's graph (its view) and add it there. */
function author(graph: OpGraph, who: DeviceKeys, init: Omit<OpInit, 'prev' | 'groupId' | 'at' | 'merged'>): GroupOp {
  const op = signOp(
    { ...init, groupId: GROUP, at: 1, prev: graph.state?.head ?? new Uint8Array(0), merged: graph.otherTips() },
    who.account.privateKey(),
  )
  graph.add(op)
  return op
}

/** Feed ops in the given order to a fresh graph; an op waits for its parents as in the engine. Returns refusals too. */
function deliver(ops: readonly GroupOp[]): { graph: OpGraph; refused: string[] } {
  const graph = new OpGraph()
  const refused: string[] = []
  const pending = [...ops]
  let progress = true
  while (progress) {
    progress = false
    for (let i = 0; i < pending.length; i++) {
      const op = pending[i] as GroupOp
      if (!graph.linked(op)) continue
      pending.splice(i--, 1)
      progress = true
      try {
        graph.add(op)
      } catch (err) {
        if (!isXchatError(err)) throw err
        refused.push(err.code)
      }
    }
  }
  return { graph, refused }
}

/** create by A with B, C, X; B promoted: two admins. */
function base(): { graph: OpGraph; ops: GroupOp[] } {
  const graph = new OpGraph()
  const ops = [
    author(graph, A, { kind: 'create', name: 'g', members: [B, C, X].map((k) => k.account.publicKey) }),
    author(graph, A, { kind: 'promote', members: [B.account.publicKey] }),
  ]
  return { graph, ops }
}

describe('concurrent membership ops (op graph)', () => {
  it('two admins on the same head: a third member gets the same state in both arrival orders, above both branch epochs', () => {
    const { graph, ops } = base()
    const ga = graph.copy()
    const gb = graph.copy()
    const removeX = author(ga, A, { kind: 'remove', members: [X.account.publicKey] })
    const rename = author(gb, B, { kind: 'rename', name: 'renamed' })
    const one = deliver([...ops, removeX, rename]).graph.state
    const two = deliver([...ops, rename, removeX]).graph.state
    expect(picture(one)).toBe(picture(two))
    expect(one?.name).toBe('renamed')
    expect(one?.members.has(hex(X))).toBe(false)
    // both branches' epochs are passed: sender keys of either side are not used again
    expect(one?.epoch).toBeGreaterThan(Math.max(ga.state?.epoch ?? 0, gb.state?.epoch ?? 0))
    // the authors converge too once they get each other's op
    ga.add(rename)
    gb.add(removeX)
    expect(picture(ga.state)).toBe(picture(one))
    expect(picture(gb.state)).toBe(picture(one))
  })

  it('remove wins over a concurrent promote of the same member, in either order', () => {
    const { graph, ops } = base()
    const remove = author(graph.copy(), A, { kind: 'remove', members: [X.account.publicKey] })
    const promote = author(graph.copy(), B, { kind: 'promote', members: [X.account.publicKey] })
    for (const order of [
      [remove, promote],
      [promote, remove],
    ]) {
      const state = deliver([...ops, ...order]).graph.state
      expect(state?.members.has(hex(X))).toBe(false)
    }
  })

  it('concurrent adds: the same account is added once, different accounts both', () => {
    const { graph, ops } = base()
    const addY = author(graph.copy(), A, { kind: 'add', members: [Y.account.publicKey] })
    const addYZ = author(graph.copy(), B, { kind: 'add', members: [Y.account.publicKey, Z.account.publicKey] })
    const one = deliver([...ops, addY, addYZ]).graph.state
    const two = deliver([...ops, addYZ, addY]).graph.state
    expect(picture(one)).toBe(picture(two))
    expect([...(one?.members.keys() ?? [])].filter((k) => k === hex(Y) || k === hex(Z))).toHaveLength(2)
  })

  it('drops the op of an admin demoted by a concurrent op ordered first, and refuses non-admins and outsiders', () => {
    const { graph, ops } = base()
    const demote = author(graph.copy(), A, { kind: 'demote', members: [B.account.publicKey] })
    const rename = author(graph.copy(), B, { kind: 'rename', name: 'by b' })
    const state = deliver([...ops, rename, demote]).graph.state
    expect(picture(state)).toBe(picture(deliver([...ops, demote, rename]).graph.state))
    // the merged order is by hash at equal height: the rename counts only if it comes first
    const renameFirst = bytesToHex(rename.hash) < bytesToHex(demote.hash)
    expect(state?.name).toBe(renameFirst ? 'by b' : 'g')
    expect(state?.members.get(hex(B))?.admin).toBe(false)
    // C is a plain member and Z an outsider: their ops on an old head are refused, not stored
    const head = ops[1] as GroupOp
    const byC = signOp({ kind: 'rename', groupId: GROUP, at: 1, prev: head.hash, name: 'c' }, C.account.privateKey())
    const byZ = signOp({ kind: 'add', groupId: GROUP, at: 1, prev: head.hash, members: [Z.account.publicKey] }, Z.account.privateKey())
    const fed = deliver([...ops, rename, demote, byC, byZ])
    expect(fed.refused).toEqual(['GROUP_UNAUTHORISED', 'GROUP_UNAUTHORISED'])
    expect(picture(fed.graph.state)).toBe(picture(state))
    expect(fed.graph.has(byC.hash) || fed.graph.has(byZ.hash)).toBe(false)
  })

  it('bounds a fork: at most MAX_FORK_WIDTH ops on one parent', () => {
    const { graph, ops } = base()
    const siblings = Array.from({ length: groupConstants.MAX_FORK_WIDTH + 1 }, (_, i) =>
      author(graph.copy(), A, { kind: 'rename', name: `n${i}` }),
    )
    const fed = deliver([...ops, ...siblings])
    expect(fed.refused).toEqual(['GROUP_FORK_LIMIT'])
  })

  it('property: random concurrent ops by three admins, merged in any arrival order, give one state', () => {
    const pool = [X, Y, Z, keys[6] as DeviceKeys, keys[7] as DeviceKeys]
    const admins = [A, B, C]
    let forked = 0
    let merged = 0
    type Step = { who: number; kind: 'rename' | 'add' | 'remove' | 'promote' | 'demote' | 'leave' | 'sync'; target: number; from: number }
    const step = fc.record({
      who: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom('rename', 'add', 'remove', 'promote', 'demote', 'leave', 'sync', 'sync'),
      target: fc.integer({ min: 0, max: pool.length + admins.length - 1 }),
      from: fc.integer({ min: 0, max: 2 }),
    }) as fc.Arbitrary<Step>
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 6, maxLength: 16 }),
        fc.array(fc.double({ noNaN: true }), { minLength: 40, maxLength: 40 }),
        (steps, keysOrder) => {
          // create by A with B, C, X; B and C promoted
          const start = new OpGraph()
          const baseOps = [
            author(start, A, { kind: 'create', name: 'g', members: [B, C, X].map((k) => k.account.publicKey) }),
            author(start, A, { kind: 'promote', members: [B.account.publicKey, C.account.publicKey] }),
          ]
          const views = admins.map(() => start.copy())
          const all: GroupOp[] = [...baseOps]
          const everyone = [...admins, ...pool]
          for (const s of steps) {
            const view = views[s.who] as OpGraph
            if (s.kind === 'sync') {
              // the admin hears another admin's ops: a later op of its merges the fork
              for (const op of (views[s.from] as OpGraph).ops) if (!view.has(op.hash) && view.linked(op)) view.add(op)
              continue
            }
            const target = (everyone[s.target] as DeviceKeys).account.publicKey
            const init =
              s.kind === 'rename'
                ? { kind: s.kind, name: `n${all.length}` }
                : s.kind === 'leave'
                  ? { kind: s.kind }
                  : { kind: s.kind, members: [target] }
            try {
              all.push(author(view.copy(), admins[s.who] as DeviceKeys, init))
              view.add(all.at(-1) as GroupOp)
            } catch (err) {
              if (!isXchatError(err)) throw err // not allowed in its view: an honest client does not send it
            }
          }
          const shuffled = all
            .map((op, i) => ({ op, k: keysOrder[i % keysOrder.length] as number, i }))
            .sort((p, q) => p.k - q.k || p.i - q.i)
          const inOrder = deliver(all)
          const mixed = deliver(shuffled.map((p) => p.op))
          const reversed = deliver([...all].reverse())
          expect(inOrder.refused).toEqual([])
          expect(picture(mixed.graph.state)).toBe(picture(inOrder.graph.state))
          expect(picture(reversed.graph.state)).toBe(picture(inOrder.graph.state))
          // every admin, once it holds everything, agrees
          for (const view of views) {
            const before = view.state as GroupState
            for (const op of all) if (!view.has(op.hash)) view.add(op)
            expect(picture(view.state)).toBe(picture(inOrder.graph.state))
            // epochs never go back, and other members means another epoch
            const after = view.state as GroupState
            expect(after.epoch).toBeGreaterThanOrEqual(before.epoch)
            if ([...after.members.keys()].sort().join() !== [...before.members.keys()].sort().join())
              expect(after.epoch).toBeGreaterThan(before.epoch)
          }
          const prevs = all.map((op) => bytesToHex(op.prev))
          if (new Set(prevs).size < prevs.length) forked++
          if (all.some((op) => op.merged.length > 0)) merged++
        },
      ),
      { numRuns: 100 },
    )
    // the generator does make forks and merging ops
    expect(forked).toBeGreaterThan(10)
    expect(merged).toBeGreaterThan(0)
  })
})

describe('concurrent membership ops (engines)', () => {
  /** a (admin), b (promoted), c, x in a group; y, z outside. */
  async function setup(): Promise<{ a: Member; b: Member; c: Member; x: Member; y: Member; z: Member; id: string }> {
    const [a, b, c, x, y, z] = (await members(6)) as [Member, Member, Member, Member, Member, Member]
    const view = await a.engine.createGroup('friends', [b.keys.accountId, c.keys.accountId, x.keys.accountId])
    await a.engine.promote(view.id, [b.keys.accountId])
    const id = view.id
    for (const m of [b, c, x])
      await until(
        () =>
          m.engine.groups().some((g) => g.id === id && g.epoch === 1 && g.members.some((e) => e.admin && e.accountId === b.keys.accountId)),
        5000,
        'the chain everywhere',
      )
    return { a, b, c, x, y, z, id }
  }

  const same = (ms: readonly Member[], id: string): boolean => {
    const views = ms.map((m) => {
      const g = m.engine.group(id)
      return JSON.stringify({ name: g.name, epoch: g.epoch, members: g.members })
    })
    return views.every((v) => v === views[0])
  }

  for (const first of ['a', 'b'] as const)
    it(`A removes X while B adds Y (${first}'s op reaches C first): all converge, Y reads later messages, X does not`, async () => {
      const { a, b, c, x, y, id } = await setup()
      // a partition: a, b and c hold what arrives for them
      for (const m of [a, b, c]) await m.setOnline(false)
      const removeX = async (): Promise<unknown> => a.engine.remove(id, [x.keys.accountId])
      const addY = async (): Promise<unknown> => b.engine.add(id, [y.keys.accountId])
      if (first === 'a') await removeX().then(addY)
      else await addY().then(removeX)
      expect(a.engine.group(id).members.some((m) => m.accountId === y.keys.accountId)).toBe(false)
      expect(b.engine.group(id).members.some((m) => m.accountId === x.keys.accountId)).toBe(true)
      await c.setOnline(true)
      await a.setOnline(true)
      await b.setOnline(true)
      const all = [a, b, c, y]
      await until(() => y.engine.groups().some((g) => g.id === id) && same(all, id) && y.engine.group(id).member, 10_000, 'convergence')
      const view = c.engine.group(id)
      expect(view.members.map((m) => m.accountId).sort()).toEqual([a, b, c, y].map((m) => m.keys.accountId).sort())
      expect(x.engine.group(id).member).toBe(false)
      const sent = await c.engine.send(id, 'after the merge')
      await until(() => [a, b, y].every((m) => m.received.some((r) => r.id === sent.id)), 10_000, 'the message at a, b and y')
      // x left the topic and holds no chain of the merged epoch
      await new Promise((r) => setTimeout(r, 200))
      expect(x.received.some((r) => r.id === sent.id)).toBe(false)
    })

  it('remove vs promote of the same member, concurrent adds of the same account: engines converge', async () => {
    const { a, b, c, x, y, id } = await setup()
    for (const m of [a, b, c]) await m.setOnline(false)
    await a.engine.remove(id, [x.keys.accountId])
    await b.engine.promote(id, [x.keys.accountId])
    await a.engine.add(id, [y.keys.accountId])
    await b.engine.add(id, [y.keys.accountId])
    for (const m of [b, c, a]) await m.setOnline(true)
    await until(() => same([a, b, c, y], id) && y.engine.group(id).member, 10_000, 'convergence')
    const view = a.engine.group(id)
    expect(view.members.some((m) => m.accountId === x.keys.accountId)).toBe(false)
    expect(view.members.filter((m) => m.accountId === y.keys.accountId)).toHaveLength(1)
    expect(a.rejected.concat(b.rejected, c.rejected)).toEqual([])
  })
})
