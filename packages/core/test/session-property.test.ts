import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  encrypt,
  decrypt,
  serializeSession,
  deserializeSession,
  initiateSession,
  addInitiatedSession,
  encryptWithRecord,
  decryptWithRecord,
  activeSession,
  EMPTY_SESSION_RECORD,
  type SessionCiphertext,
  type SessionState,
  type SessionRecord,
} from '../src/index.js'
import { startPair, newDevice, MemoryPrekeys, NOW } from './session-fixtures.js'

type Side = 'a' | 'b'
type Op = { kind: 'send'; from: Side; payload: Uint8Array } | { kind: 'deliver'; pick: number } | { kind: 'reload'; side: Side }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('send' as const), from: fc.constantFrom<Side>('a', 'b'), payload: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reload' as const), side: fc.constantFrom<Side>('a', 'b') }),
)

interface InFlight {
  readonly to: Side
  readonly message: SessionCiphertext
  readonly payload: Uint8Array
}

describe('session properties', () => {
  it('random sends from both sides, delivered in random order, all decrypt to what was sent', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (ops, tailOrder) => {
        const p = startPair()
        const states: Record<Side, SessionState> = { a: p.a, b: p.b }
        const inFlight: InFlight[] = []
        const deliver = (index: number): void => {
          const [m] = inFlight.splice(index, 1) as [InFlight]
          const { state, plaintext } = decrypt(states[m.to], m.message, NOW)
          states[m.to] = state
          expect(plaintext).toEqual(m.payload)
        }
        for (const o of ops) {
          if (o.kind === 'send') {
            const { state, message } = encrypt(states[o.from], o.payload)
            states[o.from] = state
            inFlight.push({ to: o.from === 'a' ? 'b' : 'a', message, payload: o.payload })
          } else if (o.kind === 'deliver') {
            if (inFlight.length > 0) deliver(o.pick % inFlight.length)
          } else {
            states[o.side] = deserializeSession(serializeSession(states[o.side]))
          }
        }
        let i = 0
        while (inFlight.length > 0) deliver((tailOrder[i++ % tailOrder.length] as number) % inFlight.length)
        // every key kept for a late message was used
        expect(states.a.skipped).toHaveLength(0)
        expect(states.b.skipped).toHaveLength(0)
      }),
      { numRuns: 60 },
    )
  })

  it('a message decrypts at most once, whatever the order of deliveries and replays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (count, picks) => {
        const p = startPair()
        let a = p.a
        let b = p.b
        const messages = Array.from({ length: count }, (_, i) => {
          const r = encrypt(a, Uint8Array.of(i))
          a = r.state
          return r.message
        })
        const seen = new Set<number>()
        for (const pick of picks) {
          const i = pick % count
          try {
            const r = decrypt(b, messages[i] as SessionCiphertext, NOW)
            b = r.state
            expect(seen.has(i)).toBe(false)
            expect(r.plaintext).toEqual(Uint8Array.of(i))
            seen.add(i)
          } catch (err) {
            expect(seen.has(i)).toBe(true)
            expect(err).toMatchObject({ code: 'DUPLICATE_MESSAGE' })
          }
        }
      }),
      { numRuns: 60 },
    )
  })

  it('session records: one or both sides start, random interleaving — everything decrypts and both end on one session', () => {
    const start = fc.constantFrom<'a' | 'b' | 'both'>('a', 'b', 'both')
    fc.assert(
      fc.property(
        start,
        fc.array(fc.constantFrom<Side>('a', 'b'), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (who, senders, picks) => {
          const ids = { a: newDevice(), b: newDevice() }
          const prekeys = { a: new MemoryPrekeys(ids.a, 4), b: new MemoryPrekeys(ids.b, 4) }
          const records: Record<Side, SessionRecord> = { a: EMPTY_SESSION_RECORD, b: EMPTY_SESSION_RECORD }
          const other = (s: Side): Side => (s === 'a' ? 'b' : 'a')
          const begin = (s: Side): void => {
            const t = other(s)
            const { state } = initiateSession({
              ourIdentity: ids[s],
              theirIdentity: ids[t].publicKey,
              theirSignedPrekey: prekeys[t].signed.toPublic(),
            })
            records[s] = addInitiatedSession(records[s], state)
          }
          if (who !== 'b') begin('a')
          if (who !== 'a') begin('b')
          const inFlight: InFlight[] = []
          const canSend = (s: Side): boolean => records[s].sessions.length > 0
          const sendFrom = (s: Side, n: number): void => {
            const payload = Uint8Array.of(n)
            const r = encryptWithRecord(records[s], payload)
            records[s] = r.record
            inFlight.push({ to: other(s), message: r.message, payload })
          }
          const deliver = (index: number): void => {
            const [m] = inFlight.splice(index, 1) as [InFlight]
            const r = decryptWithRecord(records[m.to], m.message, {
              ourIdentity: ids[m.to],
              theirIdentity: ids[other(m.to)].publicKey,
              prekeys: prekeys[m.to],
              now: NOW,
            })
            records[m.to] = r.record
            expect(r.plaintext).toEqual(m.payload)
          }
          senders.forEach((s, n) => {
            if (canSend(s)) sendFrom(s, n)
            const pick = picks[n]
            if (pick !== undefined && inFlight.length > 0) deliver(pick % inFlight.length)
          })
          // make sure each side has spoken and everything arrives, then one full round trip
          for (const s of ['a', 'b'] as const) if (canSend(s)) sendFrom(s, 100)
          while (inFlight.length > 0) deliver(0)
          for (const s of ['a', 'b'] as const) {
            sendFrom(s, 200)
            deliver(0)
          }
          for (const s of ['a', 'b'] as const) {
            sendFrom(s, 201)
            deliver(0)
          }
          const activeA = activeSession(records.a) as SessionState
          const activeB = activeSession(records.b) as SessionState
          expect(activeA.baseKey).toEqual(activeB.baseKey)
          expect(activeA.pending || activeB.pending).toBe(false)
        },
      ),
      { numRuns: 40 },
    )
  })
})
