import { describe, it, expect } from 'vitest'
import {
  initiateSession,
  addInitiatedSession,
  encryptWithRecord,
  decryptWithRecord,
  activeSession,
  serializeSessionRecord,
  EMPTY_SESSION_RECORD,
  sessionLimits,
  type SessionRecord,
  type SessionCiphertext,
  type IdentityKeyPair,
} from '../src/index.js'
import { compareBytes } from '../src/session/session-record.js'
import { expectXchatError } from './expect-error.js'
import { MemoryPrekeys, newDevice, utf8, str, NOW, shuffled } from './session-fixtures.js'

/** One device with its prekeys and its record of the session with the other device. */
class Peer {
  readonly prekeys: MemoryPrekeys
  record: SessionRecord = EMPTY_SESSION_RECORD

  constructor(readonly identity: IdentityKeyPair) {
    this.prekeys = new MemoryPrekeys(identity, 8)
  }

  start(other: Peer, oneTime = true): void {
    const opk = oneTime ? other.prekeys.nextOneTime() : undefined
    const { state } = initiateSession({
      ourIdentity: this.identity,
      theirIdentity: other.identity.publicKey,
      theirSignedPrekey: other.prekeys.signed.toPublic(),
      ...(opk ? { theirOneTimePrekey: opk.toPublic() } : {}),
    })
    this.record = addInitiatedSession(this.record, state)
  }

  send(text: string): SessionCiphertext {
    const { record, message } = encryptWithRecord(this.record, utf8(text))
    this.record = record
    return message
  }

  receive(from: Peer, message: SessionCiphertext): string {
    const got = decryptWithRecord(this.record, message, {
      ourIdentity: this.identity,
      theirIdentity: from.identity.publicKey,
      prekeys: this.prekeys,
      now: NOW,
    })
    this.record = got.record
    if (got.usedOneTimePrekeyId !== undefined) this.prekeys.oneTime.delete(got.usedOneTimePrekeyId)
    return str(got.plaintext)
  }

  get active() {
    const s = activeSession(this.record)
    if (s === undefined) throw new Error('no active session')
    return s
  }
}

function pair(): [Peer, Peer] {
  return [new Peer(newDevice()), new Peer(newDevice())]
}

describe('session records', () => {
  it('a normal start: the responder gets the session from the first message', () => {
    const [alice, bob] = pair()
    alice.start(bob)
    expect(bob.receive(alice, alice.send('hi'))).toBe('hi')
    expect(alice.receive(bob, bob.send('hey'))).toBe('hey')
    expect(alice.record.sessions).toHaveLength(1)
    expect(bob.record.sessions).toHaveLength(1)
    expect(alice.active.baseKey).toEqual(bob.active.baseKey)
  })

  it('simultaneous initiation converges on the session of the smaller identity key, whatever the delivery order', () => {
    for (let round = 0; round < 6; round++) {
      const [alice, bob] = pair()
      alice.start(bob)
      bob.start(alice)
      const fromAlice = [alice.send('a1'), alice.send('a2')]
      const fromBob = [bob.send('b1'), bob.send('b2')]
      expect(fromAlice.every((m) => m.type === 'prekey') && fromBob.every((m) => m.type === 'prekey')).toBe(true)
      // deliver crosswise in an order that depends on the round
      const deliveries = shuffled(
        [
          ...fromAlice.map((m, i) => () => expect(bob.receive(alice, m)).toBe(`a${i + 1}`)),
          ...fromBob.map((m, i) => () => expect(alice.receive(bob, m)).toBe(`b${i + 1}`)),
        ],
        round + 1,
      )
      for (const deliver of deliveries) deliver()
      const smaller = compareBytes(alice.identity.publicKey, bob.identity.publicKey) < 0 ? alice : bob
      expect(alice.active.baseKey).toEqual(bob.active.baseKey)
      expect(alice.active.initiatorIdentityKey).toEqual(smaller.identity.publicKey)
      // and they keep talking on it; the pending side learns it has been answered
      expect(alice.receive(bob, bob.send('after'))).toBe('after')
      expect(bob.receive(alice, alice.send('after too'))).toBe('after too')
      expect(alice.active.baseKey).toEqual(bob.active.baseKey)
      expect(alice.send('x').type).toBe('ratchet')
      expect(bob.send('y').type).toBe('ratchet')
    }
  })

  it('simultaneous initiation: messages sent on the losing session before the switch still decrypt', () => {
    const [alice, bob] = pair()
    alice.start(bob)
    bob.start(alice)
    const a1 = alice.send('a1')
    const b1 = bob.send('b1')
    expect(bob.receive(alice, a1)).toBe('a1')
    expect(alice.receive(bob, b1)).toBe('b1')
    // messages each sent right after the crossing, possibly on the losing session
    const a2 = alice.send('a2')
    const b2 = bob.send('b2')
    expect(alice.receive(bob, b2)).toBe('b2')
    expect(bob.receive(alice, a2)).toBe('a2')
    expect(alice.active.baseKey).toEqual(bob.active.baseKey)
  })

  it('a crossing noticed late (one handshake arrives only after the other session was answered) still converges', () => {
    for (const late of ['larger', 'smaller'] as const) {
      const [x, y] = pair()
      const [small, large] = compareBytes(x.identity.publicKey, y.identity.publicKey) < 0 ? [x, y] : [y, x]
      small.start(large)
      large.start(small)
      const fromSmall = small.send('s-hello')
      const fromLarge = large.send('l-hello')
      // one handshake is prompt, the other is held back until an answer went the other way
      const [prompt, promptMsg, slow, slowMsg] =
        late === 'larger' ? [small, fromSmall, large, fromLarge] : [large, fromLarge, small, fromSmall]
      slow.receive(prompt, promptMsg)
      prompt.receive(slow, slow.send('answer'))
      prompt.receive(slow, slowMsg) // the late handshake
      for (let i = 0; i < 3; i++) {
        expect(slow.receive(prompt, prompt.send(`p${i}`))).toBe(`p${i}`)
        expect(prompt.receive(slow, slow.send(`q${i}`))).toBe(`q${i}`)
      }
      expect(small.active.baseKey).toEqual(large.active.baseKey)
      expect(small.active.pending || large.active.pending).toBe(false)
      // both directions ratchet on the shared session (post-compromise security needs replies)
      const ping = small.send('ping')
      const before = small.active.sendingRatchetKey?.publicKey
      large.receive(small, ping)
      small.receive(large, large.send('pong'))
      small.send('after the pong') // the sending half of small's step is made now
      expect(before).toBeDefined()
      expect(small.active.sendingRatchetKey?.publicKey).not.toEqual(before)
    }
  })

  it('a peer that starts over (lost its state) gets the new session used', () => {
    const [alice, bob] = pair()
    alice.start(bob)
    expect(bob.receive(alice, alice.send('hi'))).toBe('hi')
    expect(alice.receive(bob, bob.send('hey'))).toBe('hey')
    const inFlight = bob.send('sent just before the crash')
    // Bob reinstalls with the same device key and starts again
    const bobAgain = new Peer(bob.identity)
    bobAgain.start(alice)
    expect(alice.receive(bobAgain, bobAgain.send('I am back'))).toBe('I am back')
    expect(alice.record.sessions).toHaveLength(2)
    expect(alice.active.role).toBe('responder')
    expect(bobAgain.receive(alice, alice.send('welcome back'))).toBe('welcome back')
    // Alice's older session still decrypts what Bob sent on it before he lost it
    expect(alice.receive(bob, inFlight)).toBe('sent just before the crash')
    expect(alice.active.baseKey).toEqual(bobAgain.active.baseKey)
  })

  it('a repeated PreKeyMessage goes to the session it started and uses no further one-time prekey', () => {
    const [alice, bob] = pair()
    alice.start(bob)
    const m1 = alice.send('one')
    const m2 = alice.send('two')
    const before = bob.prekeys.oneTime.size
    expect(bob.receive(alice, m2)).toBe('two')
    expect(bob.prekeys.oneTime.size).toBe(before - 1)
    expect(bob.receive(alice, m1)).toBe('one')
    expect(bob.prekeys.oneTime.size).toBe(before - 1)
    expect(bob.record.sessions).toHaveLength(1)
  })

  it('a replayed first message is a DUPLICATE_MESSAGE, with or without a one-time prekey, record unchanged', () => {
    for (const oneTime of [true, false]) {
      const [alice, bob] = pair()
      alice.start(bob, oneTime)
      const first = alice.send('once')
      expect(bob.receive(alice, first)).toBe('once')
      const before = serializeSessionRecord(bob.record)
      expectXchatError(() => bob.receive(alice, first), 'DUPLICATE_MESSAGE')
      expect(serializeSessionRecord(bob.record)).toEqual(before)
    }
  })

  it('refuses a PreKeyMessage from another device than the record is for with IDENTITY_MISMATCH', () => {
    const [alice, bob] = pair()
    const mallory = new Peer(newDevice())
    mallory.start(bob)
    const m = mallory.send('hi')
    expectXchatError(() => bob.receive(alice, m), 'IDENTITY_MISMATCH')
    alice.start(bob)
    const other = initiateSession({
      ourIdentity: alice.identity,
      theirIdentity: mallory.identity.publicKey,
      theirSignedPrekey: mallory.prekeys.signed.toPublic(),
    })
    expectXchatError(() => addInitiatedSession(alice.record, other.state), 'IDENTITY_MISMATCH')
  })

  it('says NO_SESSION when there is nothing to send or decrypt with', () => {
    const [alice, bob] = pair()
    expectXchatError(() => alice.send('nobody'), 'NO_SESSION')
    bob.start(alice)
    expect(alice.receive(bob, bob.send('hi'))).toBe('hi')
    const ratchet = alice.send('reply')
    expectXchatError(() => new Peer(bob.identity).receive(alice, ratchet), 'NO_SESSION')
  })

  it('a message of an unrelated session does not decrypt, and the record stays as it was', () => {
    const [alice, bob] = pair()
    alice.start(bob)
    expect(bob.receive(alice, alice.send('hi'))).toBe('hi')
    const [carol, dave] = pair()
    carol.start(dave)
    dave.receive(carol, carol.send('x'))
    const foreign = dave.send('not for alice')
    const before = serializeSessionRecord(alice.record)
    expectXchatError(() => alice.receive(bob, foreign), 'DECRYPT_FAILED')
    expect(serializeSessionRecord(alice.record)).toEqual(before)
  })

  it(`keeps at most MAX_SESSIONS_PER_RECORD (${sessionLimits.MAX_SESSIONS_PER_RECORD}) sessions`, () => {
    const [alice, bob] = pair()
    for (let i = 0; i < sessionLimits.MAX_SESSIONS_PER_RECORD + 3; i++) {
      const again = new Peer(bob.identity)
      again.start(alice, false)
      expect(alice.receive(again, again.send(`start ${i}`))).toBe(`start ${i}`)
    }
    expect(alice.record.sessions).toHaveLength(sessionLimits.MAX_SESSIONS_PER_RECORD)
  })
})
