import { describe, it, expect } from 'vitest'
import {
  serializeSession,
  deserializeSession,
  serializeSessionRecord,
  deserializeSessionRecord,
  addInitiatedSession,
  EMPTY_SESSION_RECORD,
  sessionLimits,
  type SessionState,
  type SkippedKey,
} from '../src/index.js'
import { SessionStatePb, SessionRecordPb, limits } from '../src/wire/index.js'
import { expectXchatError } from './expect-error.js'
import { startPair, send, receive, NOW } from './session-fixtures.js'

const { MAX_SKIPPED_KEYS, MAX_SESSIONS_PER_RECORD } = sessionLimits
const reload = (s: SessionState): SessionState => deserializeSession(serializeSession(s))

describe('session serialisation', () => {
  it('serialize → deserialize → the conversation continues on both sides', () => {
    const p = startPair()
    const late = send(p.a, 'late', (s) => (p.a = s)) // stays in flight: a skipped key on Bob's side later
    expect(
      receive(
        p.b,
        send(p.a, 'second', (s) => (p.a = s)),
        (s) => (p.b = s),
      ),
    ).toBe('second')
    expect(p.a.pending).toBe(true)
    expect(p.b.skipped).toHaveLength(1)
    p.a = reload(p.a)
    p.b = reload(p.b)
    expect(p.a.pending).toBe(true)
    expect(p.b.skipped).toHaveLength(1)
    expect(receive(p.b, late, (s) => (p.b = s))).toBe('late')
    for (let i = 0; i < 4; i++) {
      expect(
        receive(
          p.a,
          send(p.b, `b${i}`, (s) => (p.b = s)),
          (s) => (p.a = reload(s)),
        ),
      ).toBe(`b${i}`)
      expect(
        receive(
          p.b,
          send(p.a, `a${i}`, (s) => (p.a = reload(s))),
          (s) => (p.b = s),
        ),
      ).toBe(`a${i}`)
      p.b = reload(p.b)
    }
  })

  it('is stable: the bytes of a reloaded state are the same bytes', () => {
    const p = startPair()
    receive(
      p.a,
      send(p.b, 'x', (s) => (p.b = s)),
      (s) => (p.a = s),
    )
    for (const s of [p.a, p.b]) {
      const bytes = serializeSession(s)
      expect(serializeSession(deserializeSession(bytes))).toEqual(bytes)
      expect(deserializeSession(bytes).summary()).toEqual(s.summary())
    }
  })

  it('persist-before-send: a state saved after encrypt survives a restart and the peer decrypts what was sent', () => {
    const p = startPair()
    const { a } = p
    const saved = serializeSession(a)
    const m = send(deserializeSession(saved), 'after restart', (s) => (p.a = s))
    expect(receive(p.b, m, (s) => (p.b = s))).toBe('after restart')
  })

  it('round-trips a session record', () => {
    const p = startPair()
    const record = addInitiatedSession(EMPTY_SESSION_RECORD, p.a)
    const back = deserializeSessionRecord(serializeSessionRecord(record))
    expect(back.sessions).toHaveLength(1)
    expect(serializeSession(back.sessions[0] as SessionState)).toEqual(serializeSession(p.a))
    expect(deserializeSessionRecord(serializeSessionRecord(EMPTY_SESSION_RECORD)).sessions).toHaveLength(0)
  })

  it('rejects invalid points in a stored state with INVALID_KEY', () => {
    const p = startPair()
    const pb = SessionStatePb.decode(serializeSession(p.b))
    const bad = Uint8Array.of(0x02, ...new Uint8Array(31), 5)
    for (const field of ['localIdentityKey', 'remoteIdentityKey', 'baseKey', 'remoteRatchetKey'] as const) {
      expectXchatError(() => deserializeSession(SessionStatePb.encode({ ...pb, [field]: bad })), 'INVALID_KEY')
    }
    expectXchatError(
      () => deserializeSession(SessionStatePb.encode({ ...pb, sendingRatchetPrivateKey: new Uint8Array(32) })),
      'INVALID_KEY',
    )
    const skipped = [{ ratchetKey: bad, counter: 1, messageKey: new Uint8Array(32), createdAt: 1n }]
    expectXchatError(() => deserializeSession(SessionStatePb.encode({ ...pb, skipped })), 'INVALID_KEY')
  })

  it('rejects inconsistent stored state with MALFORMED', () => {
    const p = startPair()
    send(p.b, 'answer', (s) => (p.b = s)) // Bob's sending chain exists from his first message on
    const pb = SessionStatePb.decode(serializeSession(p.b))
    const variants = [
      { ...pb, rootKey: new Uint8Array(31) },
      { ...pb, sendingChainKey: new Uint8Array(0) },
      { ...pb, receivingChainKey: new Uint8Array(5) },
      { ...pb, receivingChainKey: new Uint8Array(0), receivingCounter: 3 },
      { ...pb, pending: true }, // a responder is never pending
      { ...pb, handshakePrekeys: undefined },
      { ...pb, remoteIdentityKey: pb.localIdentityKey },
      { ...pb, skipped: [{ ratchetKey: pb.remoteRatchetKey, counter: 1, messageKey: new Uint8Array(3), createdAt: 1n }] },
      { ...pb, skipped: [{ ratchetKey: pb.remoteRatchetKey, counter: 1, messageKey: new Uint8Array(32), createdAt: 2n ** 60n }] },
    ]
    for (const v of variants) expectXchatError(() => deserializeSession(SessionStatePb.encode(v)), 'MALFORMED')
  })

  it('rejects a state without a sending chain unless it is version 2, answered and has a receiving chain', () => {
    const p = startPair() // Bob has received, not sent: no sending chain yet
    expect(p.b.sendingChain).toBeUndefined()
    const lazy = SessionStatePb.decode(serializeSession(p.b))
    expect(lazy.version).toBe(2)
    expect(lazy.sendingRatchetPrivateKey).toHaveLength(0)
    expect(deserializeSession(SessionStatePb.encode(lazy)).sendingChain).toBeUndefined()
    expectXchatError(() => deserializeSession(SessionStatePb.encode({ ...lazy, version: 1 })), 'INVALID_KEY')
    const variants = [
      { ...lazy, sendingCounter: 3 },
      { ...lazy, receivingChainKey: new Uint8Array(0), receivingCounter: 0 },
      { ...lazy, sendingChainKey: new Uint8Array(32) }, // one half of the pair only
    ]
    expectXchatError(() => deserializeSession(SessionStatePb.encode(variants[2] as SessionStatePb)), 'INVALID_KEY')
    for (const v of variants.slice(0, 2)) expectXchatError(() => deserializeSession(SessionStatePb.encode(v)), 'MALFORMED')
    const initiator = SessionStatePb.decode(serializeSession(p.a)) // pending
    const noSending = { ...initiator, sendingRatchetPrivateKey: new Uint8Array(0), sendingChainKey: new Uint8Array(0), sendingCounter: 0 }
    expectXchatError(() => deserializeSession(SessionStatePb.encode(noSending)), 'MALFORMED')
  })

  it('rejects a record that mixes devices with MALFORMED, and too many entries with TOO_LARGE', () => {
    const p = startPair()
    const q = startPair()
    const mixed = SessionRecordPb.encode({ version: 1, sessions: [p.a, q.a].map((s) => SessionStatePb.decode(serializeSession(s))) })
    expectXchatError(() => deserializeSessionRecord(mixed), 'MALFORMED')
    const one = SessionStatePb.decode(serializeSession(p.a))
    const many = SessionRecordPb.encode({ version: 1, sessions: Array.from({ length: MAX_SESSIONS_PER_RECORD + 1 }, () => one) })
    expectXchatError(() => deserializeSessionRecord(many), 'TOO_LARGE')
    const pb = SessionStatePb.decode(serializeSession(p.b))
    const entry = { ratchetKey: pb.remoteRatchetKey, counter: 1, messageKey: new Uint8Array(32), createdAt: 1n }
    const tooMany = SessionStatePb.encode({ ...pb, skipped: Array.from({ length: MAX_SKIPPED_KEYS + 1 }, () => entry) })
    expectXchatError(() => deserializeSession(tooMany), 'TOO_LARGE')
  })

  it('fits a full state in MAX_SESSION_STATE_BYTES and a full record in MAX_SESSION_RECORD_BYTES', () => {
    const p = startPair()
    send(p.b, 'answer', (s) => (p.b = s)) // the largest state has both chains
    const sendingKey = (p.b.sendingChain as NonNullable<SessionState['sendingChain']>).key
    const worst: SkippedKey = {
      ratchetKey: p.b.remoteRatchetKey,
      counter: 2 ** 32 - 1,
      messageKey: new Uint8Array(32).fill(0xff),
      createdAt: Number.MAX_SAFE_INTEGER,
    }
    const full = p.b.with({
      skipped: Array.from({ length: MAX_SKIPPED_KEYS }, () => worst),
      sendingChain: { key: sendingKey, counter: 2 ** 32 - 1 },
      previousCounter: 2 ** 32 - 1,
      handshakePrekeys: { signedPrekeyId: 2 ** 32 - 1, oneTimePrekeyId: 2 ** 32 - 1 },
    })
    const bytes = serializeSession(full)
    expect(bytes.length).toBeLessThanOrEqual(limits.MAX_SESSION_STATE_BYTES)
    expect(deserializeSession(bytes).skipped).toHaveLength(MAX_SKIPPED_KEYS)
    const record = { sessions: Array.from({ length: MAX_SESSIONS_PER_RECORD }, () => full) }
    const recordBytes = serializeSessionRecord(record)
    expect(recordBytes.length).toBeLessThanOrEqual(limits.MAX_SESSION_RECORD_BYTES)
    expect(deserializeSessionRecord(recordBytes).sessions).toHaveLength(MAX_SESSIONS_PER_RECORD)
  })

  it('loads a state with MAX_SKIPPED_KEYS skipped keys that share one ratchet key', () => {
    const p = startPair()
    const entries = Array.from({ length: MAX_SKIPPED_KEYS }, (_, i) => ({
      ratchetKey: p.b.remoteRatchetKey,
      counter: i,
      messageKey: new Uint8Array(32),
      createdAt: NOW,
    }))
    const bytes = serializeSession(p.b.with({ skipped: entries }))
    expect(deserializeSession(bytes).skipped).toHaveLength(MAX_SKIPPED_KEYS)
  })
})
