import { describe, it, expect } from 'vitest'
import {
  encrypt,
  decrypt,
  prepareSendingStep,
  encryptWithRecord,
  decryptWithRecord,
  serializeSession,
  deserializeSession,
  serializeSessionRecord,
  deserializeSessionRecord,
  SESSION_STATE_VERSION,
  type SessionState,
  type SessionRecord,
  type SessionCiphertext,
  type PrekeyLookup,
} from '../src/index.js'
import { parseRatchetMessage } from '../src/session/messages.js'
import { SessionRecordPb } from '../src/wire/index.js'
import { expectXchatError } from './expect-error.js'
import { startPair, send, receive, snapshot, shuffled, utf8, str, NOW, type Pair } from './session-fixtures.js'
import v1 from './vectors/session-v1-records.json' with { type: 'json' }

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'))
const reload = (s: SessionState): SessionState => deserializeSession(serializeSession(s))
const headerKey = (m: SessionCiphertext): Uint8Array => parseRatchetMessage(m.bytes).header.ratchetKey

/** A pair that has turned the ratchet once each way: Alice answered, Bob received the answer. */
function answeredPair(): Pair {
  const p = startPair()
  receive(
    p.a,
    send(p.b, 'answer', (s) => (p.b = s)),
    (s) => (p.a = s),
  )
  receive(
    p.b,
    send(p.a, 'and back', (s) => (p.a = s)),
    (s) => (p.b = s),
  )
  return p
}

describe('lazy sending half of the DH ratchet step', () => {
  it('a receive that steps the ratchet leaves no sending key pair; the next send makes a fresh one', () => {
    const p = answeredPair()
    // Bob just stepped on receiving: his old ratchet private key is gone from the state and from its bytes
    expect(p.b.sendingRatchetKey).toBeUndefined()
    expect(p.b.sendingChain).toBeUndefined()
    const msg = send(p.b, 'reply', (s) => (p.b = s))
    const key = p.b.sendingRatchetKey?.publicKey
    expect(key).toBeDefined()
    expect(headerKey(msg)).toEqual(key)
    expect(p.b.sendingChain?.counter).toBe(1)
    // later messages of the same turn stay on the same key
    const again = send(p.b, 'reply 2', (s) => (p.b = s))
    expect(headerKey(again)).toEqual(key)
    expect(receive(p.a, again, (s) => (p.a = s))).toBe('reply 2')
    expect(receive(p.a, msg, (s) => (p.a = s))).toBe('reply')
  })

  it('encrypt is pure: two encrypts of one lazy state make two different ratchet keys, either decrypts', () => {
    const p = answeredPair()
    const one = encrypt(p.b, utf8('one'))
    const two = encrypt(p.b, utf8('two'))
    expect(p.b.sendingChain).toBeUndefined()
    expect(headerKey(one.message)).not.toEqual(headerKey(two.message))
    expect(str(decrypt(p.a, two.message, NOW).plaintext)).toBe('two')
    expect(str(decrypt(p.a, one.message, NOW).plaintext)).toBe('one')
  })

  it('uses a prepared step made for this state, and ignores one made for another peer key', () => {
    const p = answeredPair()
    const prepared = prepareSendingStep(p.b)
    expect(prepared).toBeDefined()
    const used = encrypt(p.b, utf8('prepared'), undefined, prepared)
    expect(headerKey(used.message)).toEqual(prepared?.keyPair.publicKey)
    expect(str(decrypt(p.a, used.message, NOW).plaintext)).toBe('prepared')
    expect(prepareSendingStep(used.state)).toBeUndefined() // it has a sending chain now

    const q = answeredPair()
    const foreign = prepareSendingStep(q.b)
    const ignored = encrypt(p.b, utf8('not that one'), undefined, foreign)
    expect(headerKey(ignored.message)).not.toEqual(foreign?.keyPair.publicKey)
    expect(str(decrypt(p.a, ignored.message, NOW).plaintext)).toBe('not that one')
  })

  it('refuses a second new ratchet key before we sent ours with DECRYPT_FAILED, state unchanged', () => {
    const p = answeredPair()
    // Alice sends on a key Bob already stepped for; a forged "next" key from another pair must not step Bob
    const q = answeredPair()
    const forged = send(q.b, 'forged', (s) => (q.b = s))
    const before = snapshot(p.b)
    const err = expectXchatError(() => decrypt(p.b, forged, NOW), 'DECRYPT_FAILED')
    expect(err.details).toMatchObject({ reason: 'unexpected-ratchet-key' })
    expect(snapshot(p.b)).toEqual(before)
    // and the session goes on
    expect(
      receive(
        p.a,
        send(p.b, 'still here', (s) => (p.b = s)),
        (s) => (p.a = s),
      ),
    ).toBe('still here')
  })

  it('a long interleaved conversation works with restarts between a receive and the next send', () => {
    const p = startPair()
    let seed = 7
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const inFlight = { toA: [] as { m: SessionCiphertext; t: string }[], toB: [] as { m: SessionCiphertext; t: string }[] }
    let sent = 0
    let got = 0
    for (let turn = 0; turn < 120; turn++) {
      const fromBob = turn % 2 === 0
      // a burst of 1-3 messages from one side
      for (let i = rnd(3) + 1; i > 0; i--) {
        const t = `${fromBob ? 'b' : 'a'}${turn}.${i}`
        if (fromBob) inFlight.toA.push({ m: send(p.b, t, (s) => (p.b = s)), t })
        else inFlight.toB.push({ m: send(p.a, t, (s) => (p.a = s)), t })
        sent++
      }
      // the other side receives some of what is in flight, sometimes out of order, and restarts
      const queue = fromBob ? inFlight.toA : inFlight.toB
      const take = queue.splice(0, rnd(queue.length + 1))
      for (const { m, t } of shuffled(take, turn + 1)) {
        if (fromBob) expect(receive(p.a, m, (s) => (p.a = s))).toBe(t)
        else expect(receive(p.b, m, (s) => (p.b = s))).toBe(t)
        got++
      }
      if (rnd(2) === 0) p.a = reload(p.a)
      if (rnd(2) === 0) p.b = reload(p.b)
    }
    for (const { m, t } of inFlight.toA) expect(receive(p.a, m, (s) => (p.a = s))).toBe(t)
    for (const { m, t } of inFlight.toB) expect(receive(p.b, m, (s) => (p.b = s))).toBe(t)
    got += inFlight.toA.length + inFlight.toB.length
    expect(got).toBe(sent)
    // a strictly alternating tail: every message is a step, every step lazily completed after a reload
    for (let i = 0; i < 20; i++) {
      p.b = reload(p.b)
      expect(
        receive(
          p.b,
          send(p.a, `a-tail${i}`, (s) => (p.a = s)),
          (s) => (p.b = s),
        ),
      ).toBe(`a-tail${i}`)
      expect(p.b.sendingChain).toBeUndefined()
      p.b = reload(p.b)
      p.a = reload(p.a)
      expect(
        receive(
          p.a,
          send(p.b, `b-tail${i}`, (s) => (p.b = s)),
          (s) => (p.a = s),
        ),
      ).toBe(`b-tail${i}`)
      expect(p.a.sendingChain).toBeUndefined()
    }
    expect(p.a.skipped).toHaveLength(0)
    expect(p.b.skipped).toHaveLength(0)
  })

  it('persists state version 2; a lazy state survives a reload unchanged', () => {
    const p = answeredPair()
    const bytes = serializeSession(p.b)
    expect(SESSION_STATE_VERSION).toBe(2)
    expect(serializeSession(deserializeSession(bytes))).toEqual(bytes)
    expect(SessionRecordPb.decode(serializeSessionRecord({ sessions: [p.b] })).version).toBe(2)
  })
})

describe('sessions stored before the lazy step (state version 1, test/vectors/session-v1-records.json)', () => {
  const noPrekeys: PrekeyLookup = { signedPrekey: () => undefined, oneTimePrekey: () => undefined }
  const alice = { privateKey: hex(v1.alice.priv), publicKey: hex(v1.alice.pub) }
  const bob = { privateKey: hex(v1.bob.priv), publicKey: hex(v1.bob.pub) }
  const msg = (m: { type: string; bytes: string }): SessionCiphertext => ({ type: m.type as 'ratchet', bytes: hex(m.bytes) })

  it('load, decrypt what was in flight, and keep ratcheting in both directions', () => {
    const records = { a: deserializeSessionRecord(hex(v1.aliceRecord)), b: deserializeSessionRecord(hex(v1.bobRecord)) }
    expect(SessionRecordPb.decode(hex(v1.aliceRecord)).version).toBe(1)
    expect(records.a.sessions[0]?.sendingChain).toBeDefined()
    const at = (side: 'a' | 'b', m: SessionCiphertext): string => {
      const got = decryptWithRecord(records[side], m, {
        ourIdentity: side === 'a' ? alice : bob,
        theirIdentity: (side === 'a' ? bob : alice).publicKey,
        prekeys: noPrekeys,
        now: v1.now,
      })
      // every step through storage: the new code writes version 2
      records[side] = deserializeSessionRecord(serializeSessionRecord(got.record))
      return str(got.plaintext)
    }
    const from = (side: 'a' | 'b', text: string): SessionCiphertext => {
      const { record, message } = encryptWithRecord(records[side], utf8(text))
      records[side] = record
      return message
    }
    // Bob holds a skipped key for a2; Alice's next receive (b1) is a DH ratchet step
    for (const m of v1.inFlightToBob) expect(at('b', msg(m))).toBe(m.text)
    for (const m of v1.inFlightToAlice) expect(at('a', msg(m))).toBe(m.text)
    expect(records.a.sessions[0]?.sendingChain).toBeUndefined()
    for (let i = 0; i < 5; i++) {
      expect(at('b', from('a', `a${i}`))).toBe(`a${i}`)
      expect(at('a', from('b', `b${i}`))).toBe(`b${i}`)
    }
    const stored: SessionRecord = records.a
    expect(SessionRecordPb.decode(serializeSessionRecord(stored)).version).toBe(2)
  })
})
