import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  decrypt,
  respondToPrekeyMessage,
  deserializeSession,
  deserializeSessionRecord,
  serializeSession,
  serializeSessionRecord,
  decodePrekeyBundle,
  encodePrekeyBundle,
  decryptWithRecord,
  EMPTY_SESSION_RECORD,
  addInitiatedSession,
  isXchatError,
  SESSION_VERSION,
  SESSION_STATE_VERSION,
  type SessionCiphertext,
} from '../src/index.js'
import {
  RatchetMessagePb,
  RatchetHeaderPb,
  PreKeyMessagePb,
  SessionStatePb,
  SessionRecordPb,
  PrekeyBundlePb,
  limits,
} from '../src/wire/index.js'
import { expectXchatError, thrownBy } from './expect-error.js'
import { startPair, send, snapshot, newDevice, MemoryPrekeys, NOW } from './session-fixtures.js'

/** Every failure must be an XchatError (never a TypeError, RangeError or a crash). */
function onlyXchatErrors(fn: () => unknown): void {
  const err = thrownBy(fn)
  if (err !== undefined && !isXchatError(err)) throw new Error('expected an XchatError', { cause: err })
}

function world() {
  const p = startPair()
  const prekeyMsg = send(p.a, 'pending', (s) => (p.a = s))
  send(p.b, 'answer', (s) => (p.b = s))
  const ratchetMsg = send(p.b, 'ratchet', (s) => (p.b = s))
  const bundle = encodePrekeyBundle({
    signedPrekey: p.bobPrekeys.signed.toPublic(),
    oneTimePrekeys: [...p.bobPrekeys.oneTime.values()].map((k) => k.toPublic()),
  })
  const record = addInitiatedSession(EMPTY_SESSION_RECORD, p.a)
  const decoders: [string, (bytes: Uint8Array) => unknown][] = [
    ['ratchet message', (bytes) => decrypt(p.a, { type: 'ratchet', bytes }, NOW)],
    ['prekey message on a session', (bytes) => decrypt(p.b, { type: 'prekey', bytes }, NOW)],
    [
      'prekey message (new session)',
      (bytes) => respondToPrekeyMessage({ ourIdentity: p.bob, message: bytes, prekeys: p.bobPrekeys, now: NOW }),
    ],
    ['session state', (bytes) => deserializeSession(bytes)],
    ['session record', (bytes) => deserializeSessionRecord(bytes)],
    ['prekey bundle', (bytes) => decodePrekeyBundle(bytes, p.bob.publicKey)],
    [
      'record ratchet',
      (bytes) =>
        decryptWithRecord(
          record,
          { type: 'ratchet', bytes },
          { ourIdentity: p.alice, theirIdentity: p.bob.publicKey, prekeys: p.bobPrekeys, now: NOW },
        ),
    ],
    [
      'record prekey',
      (bytes) =>
        decryptWithRecord(
          EMPTY_SESSION_RECORD,
          { type: 'prekey', bytes },
          { ourIdentity: p.bob, theirIdentity: p.alice.publicKey, prekeys: p.bobPrekeys, now: NOW },
        ),
    ],
  ]
  const samples: [string, Uint8Array][] = [
    ['ratchet message', ratchetMsg.bytes],
    ['prekey message', prekeyMsg.bytes],
    ['session state', serializeSession(p.b)],
    ['session record', serializeSessionRecord(record)],
    ['prekey bundle', bundle],
  ]
  return { p, prekeyMsg, ratchetMsg, decoders, samples }
}

describe('session decoders', () => {
  it('truncated messages and state at every offset give typed errors only, and leave the state unchanged', () => {
    const { p, decoders, samples } = world()
    const before = [snapshot(p.a), snapshot(p.b)]
    for (const [, bytes] of samples) {
      for (let cut = 0; cut < bytes.length; cut++) {
        for (const [, decode] of decoders) onlyXchatErrors(() => decode(bytes.subarray(0, cut)))
      }
    }
    expect([snapshot(p.a), snapshot(p.b)]).toEqual(before)
  })

  it('truncated ratchet and prekey messages are refused (never decrypt)', () => {
    const { p, prekeyMsg, ratchetMsg } = world()
    for (const m of [ratchetMsg, prekeyMsg] as SessionCiphertext[]) {
      const target = m.type === 'ratchet' ? p.a : p.b
      for (let cut = 0; cut < m.bytes.length; cut++) {
        expect(
          thrownBy(() => decrypt(target, { type: m.type, bytes: m.bytes.subarray(0, cut) }, NOW)),
          `cut ${cut}`,
        ).toMatchObject({ name: 'XchatError' })
      }
    }
  })

  it('random bytes into every decoder give XchatError only', () => {
    const { decoders } = world()
    for (const [, decode] of decoders) {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyXchatErrors(() => decode(bytes))),
        { numRuns: 150 },
      )
      // past the version check: a valid version field, then random bytes
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyXchatErrors(() => decode(Uint8Array.of(0x08, 0x01, ...bytes)))),
        { numRuns: 150 },
      )
    }
  })

  it('randomly mutated valid bytes into every decoder give XchatError only', () => {
    const { decoders, samples } = world()
    for (const [, sample] of samples) {
      const mutation = fc.array(fc.tuple(fc.nat({ max: sample.length - 1 }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      })
      fc.assert(
        fc.property(mutation, (edits) => {
          const bytes = Uint8Array.from(sample)
          for (const [at, value] of edits) bytes[at] = value
          for (const [, decode] of decoders) onlyXchatErrors(() => decode(bytes))
        }),
        { numRuns: 40 },
      )
    }
  })

  it('checks the version first: too old and too new are told apart', () => {
    const { p, ratchetMsg, prekeyMsg } = world()
    const r = RatchetMessagePb.decode(ratchetMsg.bytes)
    const pk = PreKeyMessagePb.decode(prekeyMsg.bytes)
    const st = SessionStatePb.decode(serializeSession(p.b))
    const bundle = PrekeyBundlePb.decode(encodePrekeyBundle({ signedPrekey: p.bobPrekeys.signed.toPublic(), oneTimePrekeys: [] }))
    for (const [version, stateVersion, code] of [
      [0, 0, 'VERSION_TOO_OLD'],
      [SESSION_VERSION + 1, SESSION_STATE_VERSION + 1, 'VERSION_TOO_NEW'],
    ] as const) {
      expectXchatError(() => decrypt(p.a, { type: 'ratchet', bytes: RatchetMessagePb.encode({ ...r, version }) }, NOW), code)
      // even with garbage keys behind it, the version is what is reported
      expectXchatError(
        () => decrypt(p.b, { type: 'prekey', bytes: PreKeyMessagePb.encode({ ...pk, version, identityKey: new Uint8Array(3) }) }, NOW),
        code,
      )
      expectXchatError(() => deserializeSession(SessionStatePb.encode({ ...st, version: stateVersion, rootKey: new Uint8Array(1) })), code)
      expectXchatError(() => deserializeSessionRecord(SessionRecordPb.encode({ version: stateVersion, sessions: [] })), code)
      expectXchatError(() => decodePrekeyBundle(PrekeyBundlePb.encode({ ...bundle, version }), p.bob.publicKey), code)
    }
  })

  it('refuses non-canonical encodings (an unknown field appended) with MALFORMED', () => {
    const { p, ratchetMsg, prekeyMsg } = world()
    const extra = Uint8Array.of(0x78, 0x01) // field 15, varint 1
    expectXchatError(() => decrypt(p.a, { type: 'ratchet', bytes: Uint8Array.of(...ratchetMsg.bytes, ...extra) }, NOW), 'MALFORMED')
    expectXchatError(() => decrypt(p.b, { type: 'prekey', bytes: Uint8Array.of(...prekeyMsg.bytes, ...extra) }, NOW), 'MALFORMED')
  })

  it('refuses oversized input with TOO_LARGE before parsing', () => {
    const { p } = world()
    expectXchatError(() => decrypt(p.a, { type: 'ratchet', bytes: new Uint8Array(limits.MAX_RATCHET_MESSAGE_BYTES + 1) }, NOW), 'TOO_LARGE')
    expectXchatError(() => decrypt(p.b, { type: 'prekey', bytes: new Uint8Array(limits.MAX_PREKEY_MESSAGE_BYTES + 1) }, NOW), 'TOO_LARGE')
    expectXchatError(() => deserializeSession(new Uint8Array(limits.MAX_SESSION_STATE_BYTES + 1)), 'TOO_LARGE')
    expectXchatError(() => deserializeSessionRecord(new Uint8Array(limits.MAX_SESSION_RECORD_BYTES + 1)), 'TOO_LARGE')
    expectXchatError(() => decodePrekeyBundle(new Uint8Array(limits.MAX_PREKEY_BUNDLE_BYTES + 1), p.bob.publicKey), 'TOO_LARGE')
  })

  it('refuses an invalid ratchet key in a ratchet header, and invalid one-time prekeys in a bundle, with INVALID_KEY', () => {
    const { p, ratchetMsg } = world()
    const r = RatchetMessagePb.decode(ratchetMsg.bytes)
    const header = RatchetHeaderPb.decode(r.header)
    const offCurve = Uint8Array.of(0x03, ...new Uint8Array(31), 5)
    for (const ratchetKey of [offCurve, new Uint8Array(0), Uint8Array.from(header.ratchetKey.subarray(0, 32))]) {
      const bytes = RatchetMessagePb.encode({ ...r, header: RatchetHeaderPb.encode({ ...header, ratchetKey }) })
      const before = snapshot(p.a)
      expectXchatError(() => decrypt(p.a, { type: 'ratchet', bytes }, NOW), 'INVALID_KEY')
      expect(snapshot(p.a)).toEqual(before)
    }
    const bundle = PrekeyBundlePb.decode(
      encodePrekeyBundle({ signedPrekey: p.bobPrekeys.signed.toPublic(), oneTimePrekeys: [{ id: 1, publicKey: newDevice().publicKey }] }),
    )
    const bad = PrekeyBundlePb.encode({ ...bundle, oneTimePrekeys: [{ id: 1, publicKey: offCurve }] })
    expectXchatError(() => decodePrekeyBundle(bad, p.bob.publicKey), 'INVALID_KEY')
  })

  it('refuses a ciphertext shorter than its tag with MALFORMED', () => {
    const { p, ratchetMsg } = world()
    const r = RatchetMessagePb.decode(ratchetMsg.bytes)
    expectXchatError(
      () => decrypt(p.a, { type: 'ratchet', bytes: RatchetMessagePb.encode({ ...r, ciphertext: new Uint8Array(15) }) }, NOW),
      'MALFORMED',
    )
  })

  it('gives a fresh device only typed errors for prekey messages made for someone else', () => {
    const { prekeyMsg } = world()
    const carol = newDevice()
    onlyXchatErrors(() =>
      respondToPrekeyMessage({ ourIdentity: carol, message: prekeyMsg.bytes, prekeys: new MemoryPrekeys(carol), now: NOW }),
    )
  })
})
