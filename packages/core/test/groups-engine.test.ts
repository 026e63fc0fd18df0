import { afterEach, describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { sha256 } from '@noble/hashes/sha2.js'
import {
  encodeControl,
  signOp,
  decryptOnChain,
  parseGroupMessage,
  topicOf,
  type GroupEngine,
  type GroupMessageRecord,
} from '../src/index.js'
import { GroupStore } from '../src/groups/group-store.js'
import { chainFromRecord } from '../src/groups/chain-record.js'
import { cleanup, members, until, type Member } from './groups-fixture.js'

afterEach(cleanup)

async function group3(): Promise<{ a: Member; b: Member; c: Member; id: string }> {
  const [a, b, c] = (await members(3)) as [Member, Member, Member]
  const view = await a.engine.createGroup('friends', [b.keys.accountId, c.keys.accountId])
  await until(() => hasGroup(b.engine, view.id) && hasGroup(c.engine, view.id), 5000, 'the chain at b and c')
  return { a, b, c, id: view.id }
}

function hasGroup(engine: GroupEngine, id: string): boolean {
  return engine.groups().some((g) => g.id === id)
}

function storeOf(m: Member): GroupStore {
  return new GroupStore(m.db, m.keys.device.privateKey())
}

function senderOf(m: Member): { accountId: Member['keys']['accountId']; deviceKey: string } {
  return { accountId: m.keys.accountId, deviceKey: bytesToHex(m.keys.device.publicKey) }
}

async function headOf(m: Member, id: string): Promise<Uint8Array> {
  const chain = await storeOf(m).ops.get(storeOf(m).groupKey(id))
  return sha256(hexToBytes(chain?.ops.at(-1) as string))
}

/** Poll a history until `check` holds. */
async function historyUntil(
  m: Member,
  id: string,
  check: (h: GroupMessageRecord[]) => boolean,
  what: string,
): Promise<GroupMessageRecord[]> {
  let latest: GroupMessageRecord[] = []
  const start = Date.now()
  while (!check((latest = await m.engine.history(id)))) {
    if (Date.now() - start > 5000) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
  return latest
}

describe('groups in one process', () => {
  it('delivers one published ciphertext to every member, in order per sender, with receipts aggregated', async () => {
    const { a, b, c, id } = await group3()
    expect(
      b.engine
        .group(id)
        .members.map((m) => m.accountId)
        .sort(),
    ).toEqual([a.keys.accountId, b.keys.accountId, c.keys.accountId].sort())
    const published = a.hubs.fanout.published
    const sent = await a.engine.send(id, 'hello group')
    expect(a.hubs.fanout.published - published).toBe(1)
    await until(() => b.received.length === 1 && c.received.length === 1, 5000, 'delivery')
    expect(b.received[0]?.text).toBe('hello group')
    expect(c.received[0]?.sender).toBe(a.keys.accountId)
    const history = await historyUntil(a, id, (h) => h[0]?.deliveredBy.length === 2, 'delivered receipts')
    expect(history[0]?.id).toBe(sent.id)
    await b.engine.send(id, 'one')
    await b.engine.send(id, 'two')
    await until(() => c.received.length === 3, 5000, 'b’s messages at c')
    expect(c.received.filter((m) => m.sender === b.keys.accountId).map((m) => m.seq)).toEqual([1, 2])
    expect(await c.engine.markRead(id)).toBe(3)
    await historyUntil(a, id, (h) => h[0]?.readBy.includes(c.keys.accountId) === true, 'read receipt')
  })

  it('cuts a removed member off: fed the ciphertext sent after its removal, it cannot decrypt it', async () => {
    const { a, b, c, id } = await group3()
    await a.engine.send(id, 'before')
    await until(() => c.received.length === 1 && b.received.length === 1, 5000, 'first message')
    await a.engine.remove(id, [c.keys.accountId])
    await until(() => !c.engine.group(id).member && b.engine.group(id).epoch === 2, 5000, 'the removal everywhere')
    const captured: Uint8Array[] = []
    const spy = a.hubs.fanout.port()
    spy.subscribe(topicOf(id), (bytes) => captured.push(bytes))
    await a.engine.send(id, 'after')
    await until(() => b.received.length === 2 && captured.length === 1, 5000, 'second message')
    await c.engine.receiveMessage(captured[0] as Uint8Array, id)
    expect(c.rejected).toContain('NO_SENDER_KEY')
    expect((await c.engine.history(id)).map((m) => m.text)).toEqual(['before'])
    // no chain c ever held opens it
    const record = await storeOf(c).groups.get(storeOf(c).groupKey(id))
    const message = parseGroupMessage(captured[0] as Uint8Array)
    expect(Object.keys(record?.chains ?? {})).not.toContain(bytesToHex(message.chainId))
    for (const peer of Object.values(record?.chains ?? {}))
      expect(() => decryptOnChain(chainFromRecord(peer.chain), message, hexToBytes(id))).toThrow()
  })

  it('rejects a forged membership change and keeps the state', async () => {
    const { a, b, c, id } = await group3()
    const before = b.engine.group(id)
    const prev = await headOf(b, id)
    // c is no admin: its remove op is refused
    const forged = signOp(
      { kind: 'remove', groupId: hexToBytes(id), prev, at: Date.now(), members: [a.keys.account.publicKey] },
      c.keys.account.privateKey(),
    )
    await b.engine.receiveControl(encodeControl({ groupId: hexToBytes(id), ops: [forged.bytes] }), senderOf(c))
    expect(b.rejected).toContain('GROUP_UNAUTHORISED')
    // an admin's op whose signature was tampered with
    const good = signOp({ kind: 'rename', groupId: hexToBytes(id), prev, at: Date.now(), name: 'pwned' }, a.keys.account.privateKey())
    const tampered = Uint8Array.from(good.bytes)
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1
    await b.engine.receiveControl(encodeControl({ groupId: hexToBytes(id), ops: [tampered] }), senderOf(a))
    expect(b.rejected).toContain('BAD_SIGNATURE')
    expect(b.engine.group(id)).toEqual(before)
  })

  it('applies ops that arrive out of order once their predecessor comes', async () => {
    const { a, b, id } = await group3()
    const op1 = signOp(
      { kind: 'rename', groupId: hexToBytes(id), prev: await headOf(b, id), at: 1, name: 'one' },
      a.keys.account.privateKey(),
    )
    const op2 = signOp({ kind: 'rename', groupId: hexToBytes(id), prev: op1.hash, at: 2, name: 'two' }, a.keys.account.privateKey())
    await b.engine.receiveControl(encodeControl({ groupId: hexToBytes(id), ops: [op2.bytes] }), senderOf(a))
    expect(b.engine.group(id).name).toBe('friends')
    await b.engine.receiveControl(encodeControl({ groupId: hexToBytes(id), ops: [op1.bytes] }), senderOf(a))
    expect(b.engine.group(id).name).toBe('two')
  })

  it('lets a member offline during a key change catch up, and a new member read nothing from before it joined', async () => {
    const { a, b, c, id } = await group3()
    const [d] = (await members(1, a.hubs)) as [Member]
    await a.engine.send(id, 'before d')
    await until(() => c.received.length === 1 && b.received.length === 1, 5000, 'first message')
    await c.setOnline(false)
    await a.engine.add(id, [d.keys.accountId])
    await until(() => hasGroup(d.engine, id) && b.engine.group(id).epoch === 2, 5000, 'd added')
    await a.engine.send(id, 'after d')
    await until(() => b.received.length === 2 && d.received.length === 1, 5000, 'delivery in the new epoch')
    await d.engine.catchUp() // the relay store still holds 'before d'
    expect((await d.engine.history(id)).map((m) => m.text)).toEqual(['after d'])
    expect(c.engine.group(id).epoch).toBe(1)
    await c.setOnline(true)
    await c.engine.catchUp()
    await until(() => c.received.length === 2, 5000, 'c catching up')
    expect(c.engine.group(id).epoch).toBe(2)
    expect(c.received.map((m) => m.text)).toEqual(['before d', 'after d'])
  })

  it('a message from a member that has not yet seen a membership change still reaches the others', async () => {
    const { a, b, c, id } = await group3()
    // c's controls wait (its gossip still works): it misses d's addition and sends on the epoch it knows
    await c.hubs.control.setOnline(c.keys.accountId, bytesToHex(c.keys.device.publicKey), false)
    const [d] = (await members(1, a.hubs)) as [Member]
    await a.engine.add(id, [d.keys.accountId])
    await until(() => b.engine.group(id).members.length === 4, 5000, 'd at b')
    const lagging = await c.engine.send(id, 'sent on the old epoch')
    expect(c.engine.group(id).epoch).toBeLessThan(b.engine.group(id).epoch)
    await until(
      () => a.received.some((m) => m.id === lagging.id) && b.received.some((m) => m.id === lagging.id),
      5000,
      'c’s message at a and b',
    )
    // d joined after c's epoch: it holds no key for it and reads nothing of it
    expect(d.received.some((m) => m.id === lagging.id)).toBe(false)
    // c catches up, and its next message is on the new epoch, for d too
    await c.hubs.control.setOnline(c.keys.accountId, bytesToHex(c.keys.device.publicKey), true)
    await until(() => c.engine.group(id).members.length === 4, 5000, 'd at c')
    const next = await c.engine.send(id, 'on the new epoch')
    await until(() => d.received.some((m) => m.id === next.id), 5000, 'c’s next message at d')
  })

  it('joins with an invite link, once', async () => {
    const { a, b, id } = await group3()
    const [e, f] = (await members(2, a.hubs)) as [Member, Member]
    const link = await a.engine.invite(id)
    expect((await e.engine.join(link)).name).toBe('friends')
    await until(() => hasGroup(e.engine, id) && e.engine.group(id).member && b.engine.group(id).members.length === 4, 5000, 'the join')
    await e.engine.send(id, 'hi from e')
    await until(() => b.received.some((m) => m.text === 'hi from e'), 5000, 'e’s message')
    await f.engine.join(link)
    await until(() => a.rejected.includes('INVITE_INVALID'), 5000, 'the reused invite refused')
    expect(a.engine.group(id).members).toHaveLength(4)
  })

  it('100 members in one process: one message reaches the 99 others', async () => {
    const all = await members(100)
    const [admin, ...rest] = all as [Member, ...Member[]]
    const view = await admin.engine.createGroup(
      'hundred',
      rest.map((m) => m.keys.accountId),
    )
    expect(view.members).toHaveLength(100)
    await until(() => rest.every((m) => hasGroup(m.engine, view.id)), 30_000, 'the chain everywhere')
    const before = admin.hubs.fanout.published
    await admin.engine.send(view.id, 'to all')
    expect(admin.hubs.fanout.published - before).toBe(1)
    await until(() => rest.every((m) => m.received.length === 1), 30_000, 'delivery to 99')
    await (rest[98] as Member).engine.send(view.id, 'reply')
    await until(() => admin.received.length === 1 && rest.slice(0, 98).every((m) => m.received.length === 2), 30_000, 'the reply')
  }, 120_000)
})
