import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  applyOp,
  chainFromDistribution,
  createSenderChain,
  decryptOnChain,
  distributionOf,
  encryptOnChain,
  foldChain,
  isXchatError,
  encodeControl,
  parseControl,
  parseGroupMessage,
  parseInvite,
  parseOp,
  signInvite,
  signOp,
  groupConstants,
} from '../src/index.js'
import { RelayGroupStore } from '../src/groups/relay-store.js'
import { expectXchatError } from './expect-error.js'
import { newKeys } from './groups-fixture.js'

const typedOnly = (fn: () => unknown): void => {
  try {
    fn()
  } catch (err) {
    if (!isXchatError(err)) throw err
  }
}

describe('group wire formats', () => {
  it('random bytes into every group decoder give typed errors only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        typedOnly(() => parseOp(bytes))
        typedOnly(() => parseControl(bytes))
        typedOnly(() => parseGroupMessage(bytes))
        typedOnly(() => parseInvite(bytes))
      }),
      { numRuns: 2000 },
    )
  })

  it('round-trips payloads through a sender chain, out of order, and refuses replays and forgeries', () => {
    const ad = new Uint8Array(32).fill(7)
    let own = createSenderChain()
    let theirs = chainFromDistribution(distributionOf(own))
    const sent: Uint8Array[] = []
    for (let i = 0; i < 5; i++) {
      const r = encryptOnChain(own, Uint8Array.of(i), ad)
      own = r.chain
      sent.push(r.bytes)
    }
    for (const i of [3, 0, 4, 1, 2]) {
      const r = decryptOnChain(theirs, parseGroupMessage(sent[i] as Uint8Array), ad)
      expect(r.plaintext).toEqual(Uint8Array.of(i))
      theirs = r.chain
    }
    expectXchatError(() => decryptOnChain(theirs, parseGroupMessage(sent[2] as Uint8Array), ad), 'DUPLICATE_MESSAGE')
    // another chain's signing key, or another group as AD
    const other = chainFromDistribution(distributionOf(createSenderChain()))
    expectXchatError(
      () => decryptOnChain({ ...other, chainId: own.chainId }, parseGroupMessage(sent[0] as Uint8Array), ad),
      'BAD_SIGNATURE',
    )
    const fresh = chainFromDistribution(distributionOf(createSenderChain()))
    const r = encryptOnChain({ ...own }, Uint8Array.of(9), ad)
    expectXchatError(() => decryptOnChain(fresh, parseGroupMessage(r.bytes), ad), 'BAD_SIGNATURE')
    const ok = chainFromDistribution({ ...distributionOf(own) })
    expectXchatError(() => decryptOnChain(ok, parseGroupMessage(r.bytes), new Uint8Array(32)), 'DECRYPT_FAILED')
  })

  it('bounds how far ahead a chain is derived', () => {
    const ad = new Uint8Array(32)
    const own = createSenderChain()
    const theirs = chainFromDistribution(distributionOf(own))
    const far = encryptOnChain({ ...own, iteration: groupConstants.MAX_FORWARD_JUMP + 1 }, Uint8Array.of(1), ad)
    expectXchatError(() => decryptOnChain(theirs, parseGroupMessage(far.bytes), ad), 'TOO_MANY_SKIPPED')
  })

  it('folds a chain and refuses ops out of order, from non-admins, or with used invites', () => {
    const [admin, bob, eve] = [newKeys(), newKeys(), newKeys()]
    const groupId = new Uint8Array(32).fill(1)
    const create = signOp(
      { kind: 'create', groupId, prev: new Uint8Array(0), at: 1, members: [bob.account.publicKey], name: 'g' },
      admin.account.privateKey(),
    )
    const state = applyOp(undefined, create)
    expect(state.members.size).toBe(2)
    expectXchatError(() => applyOp(state, create), 'GROUP_OUT_OF_ORDER')
    const byBob = signOp({ kind: 'add', groupId, prev: state.head, at: 2, members: [eve.account.publicKey] }, bob.account.privateKey())
    expectXchatError(() => applyOp(state, byBob), 'GROUP_UNAUTHORISED')
    const invite = signInvite({ groupId, expiresAt: 100, nonce: new Uint8Array(16).fill(3), name: 'g' }, admin.account.privateKey())
    const join = signOp({ kind: 'join', groupId, prev: state.head, at: 50, invite: invite.bytes }, eve.account.privateKey())
    const joined = applyOp(state, join)
    expect(joined.epoch).toBe(2)
    const leave = signOp({ kind: 'leave', groupId, prev: joined.head, at: 60 }, eve.account.privateKey())
    const left = applyOp(joined, leave)
    const again = signOp({ kind: 'join', groupId, prev: left.head, at: 70, invite: invite.bytes }, eve.account.privateKey())
    expectXchatError(() => applyOp(left, again), 'INVITE_INVALID')
    const late = signOp({ kind: 'join', groupId, prev: state.head, at: 101, invite: invite.bytes }, eve.account.privateKey())
    expectXchatError(() => applyOp(state, late), 'INVITE_INVALID')
    expect(foldChain([create, join, leave]).members.size).toBe(2)
    // the last admin leaving hands admin to the longest-standing member
    const adminLeaves = signOp({ kind: 'leave', groupId, prev: state.head, at: 3 }, admin.account.privateKey())
    expect(applyOp(state, adminLeaves).members.get(hexOf(bob.account.publicKey))?.admin).toBe(true)
  })

  it('carries a group timer state to a newcomer: clamped into range, a bad id refused', () => {
    const groupId = new Uint8Array(32).fill(7)
    const id = new Uint8Array(16).fill(1)
    expect(parseControl(encodeControl({ groupId, timer: { expireAfterMs: 3_600_000, at: 1_000, id } })).timer).toEqual({
      expireAfterMs: 3_600_000,
      at: 1_000,
      id,
    })
    expect(parseControl(encodeControl({ groupId, timer: { expireAfterMs: null, at: 1_000, id } })).timer?.expireAfterMs).toBeNull()
    // 1 ms is below the 5 s floor: brought into range like a timer change in a message
    expect(parseControl(encodeControl({ groupId, timer: { expireAfterMs: 1, at: 1_000, id } })).timer?.expireAfterMs).toBe(5_000)
    expectXchatError(
      () => parseControl(encodeControl({ groupId, timer: { expireAfterMs: 5_000, at: 1, id: id.subarray(0, 15) } })),
      'MALFORMED',
    )
  })

  it('keeps the relay store bounded per topic and in age', () => {
    let now = 0
    const store = new RelayGroupStore(() => now)
    for (let i = 0; i < groupConstants.RELAY_MESSAGES_PER_TOPIC + 10; i++) store.add('/xchat/group/t', Uint8Array.of(i % 256))
    expect(store.get('/xchat/group/t')).toHaveLength(groupConstants.RELAY_MESSAGES_PER_TOPIC)
    now = groupConstants.RELAY_MESSAGE_TTL_MS + 1
    expect(store.get('/xchat/group/t')).toHaveLength(0)
    expect(store.bytes).toBe(0)
  })
})

function hexOf(b: Uint8Array): string {
  return Buffer.from(b).toString('hex')
}
