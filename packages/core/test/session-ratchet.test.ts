import { describe, it, expect } from 'vitest'
import { encrypt, decrypt, pruneSkippedKeys, sessionLimits, type SessionCiphertext, type SessionState } from '../src/index.js'
import { expectXchatError, thrownBy } from './expect-error.js'
import { startPair, send, receive, snapshot, shuffled, utf8, str, NOW, type Pair } from './session-fixtures.js'

const { MAX_SKIP, MAX_SKIPPED_KEYS, MAX_SKIPPED_KEY_AGE_MS, MAX_PLAINTEXT_BYTES } = sessionLimits

/** Alice sends until Bob answers: messages stay PreKeyMessages until then. */
function toBob(p: Pair, text: string): SessionCiphertext {
  return send(p.a, text, (s) => (p.a = s))
}
function toAlice(p: Pair, text: string): SessionCiphertext {
  return send(p.b, text, (s) => (p.b = s))
}
function atBob(p: Pair, m: SessionCiphertext, now = NOW): string {
  return receive(p.b, m, (s) => (p.b = s), now)
}
function atAlice(p: Pair, m: SessionCiphertext, now = NOW): string {
  return receive(p.a, m, (s) => (p.a = s), now)
}

/** Expect `fn` to fail with `code` and leave `state` as it was. */
function expectRefused(state: SessionState, fn: () => unknown, code: Parameters<typeof expectXchatError>[1]): void {
  const before = snapshot(state)
  expectXchatError(fn, code)
  expect(snapshot(state)).toEqual(before)
}

describe('double ratchet', () => {
  it('round-trips in both directions over several ratchet turns', () => {
    const p = startPair()
    for (let turn = 0; turn < 6; turn++) {
      for (let i = 0; i < 3; i++) expect(atAlice(p, toAlice(p, `b${turn}.${i}`))).toBe(`b${turn}.${i}`)
      for (let i = 0; i < 3; i++) expect(atBob(p, toBob(p, `a${turn}.${i}`))).toBe(`a${turn}.${i}`)
    }
    expect(p.a.skipped).toHaveLength(0)
    expect(p.b.skipped).toHaveLength(0)
  })

  it('changes the ratchet key on every turn (each reply starts a new DH ratchet step)', () => {
    const p = startPair()
    const keys = new Set<string>()
    // the sending half of each step is made when that side next sends
    const key = (s: SessionState): string =>
      Buffer.from((s.sendingRatchetKey as NonNullable<SessionState['sendingRatchetKey']>).publicKey).toString('hex')
    for (let turn = 0; turn < 4; turn++) {
      const x = toAlice(p, 'x')
      keys.add(key(p.b))
      atAlice(p, x)
      const y = toBob(p, 'y')
      keys.add(key(p.a))
      atBob(p, y)
    }
    expect(keys.size).toBe(8)
  })

  it('keeps sending PreKeyMessages until the responder answers, then ratchet messages', () => {
    const p = startPair()
    const again = toBob(p, 'second')
    expect(again.type).toBe('prekey')
    expect(atBob(p, again)).toBe('second')
    expect(atAlice(p, toAlice(p, 'answer'))).toBe('answer')
    expect(p.a.pending).toBe(false)
    expect(toBob(p, 'third').type).toBe('ratchet')
  })

  it('decrypts 50 + 50 messages shuffled in both directions', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'start'))
    const fromAlice = Array.from({ length: 50 }, (_, i) => ({ i, m: toBob(p, `a${i}`) }))
    const fromBob = Array.from({ length: 50 }, (_, i) => ({ i, m: toAlice(p, `b${i}`) }))
    for (const { i, m } of shuffled(fromAlice, 7)) expect(atBob(p, m)).toBe(`a${i}`)
    for (const { i, m } of shuffled(fromBob, 11)) expect(atAlice(p, m)).toBe(`b${i}`)
    expect(p.a.skipped).toHaveLength(0)
    expect(p.b.skipped).toHaveLength(0)
  })

  it('decrypts shuffled messages that span several ratchet steps', () => {
    const p = startPair()
    const inFlight: { i: number; m: SessionCiphertext }[] = []
    let n = 0
    for (let turn = 0; turn < 5; turn++) {
      for (let k = 0; k < 10; k++, n++) inFlight.push({ i: n, m: toBob(p, `a${n}`) })
      // Bob answers the newest message only, so Alice ratchets while older ones are still in flight
      const newest = inFlight.pop() as { i: number; m: SessionCiphertext }
      expect(atBob(p, newest.m)).toBe(`a${newest.i}`)
      atAlice(p, toAlice(p, 'ack'))
    }
    for (const { i, m } of shuffled(inFlight, 3)) expect(atBob(p, m)).toBe(`a${i}`)
    expect(p.b.skipped).toHaveLength(0)
  })

  it('delivers a dropped message late, after later ones and after a reply', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    const dropped = toBob(p, 'late')
    expect(atBob(p, toBob(p, 'on time'))).toBe('on time')
    expect(p.b.skipped).toHaveLength(1)
    atAlice(p, toAlice(p, 'reply'))
    expect(atBob(p, toBob(p, 'after the turn'))).toBe('after the turn')
    expect(atBob(p, dropped)).toBe('late')
    expect(p.b.skipped).toHaveLength(0)
  })

  it('refuses a replayed message with DUPLICATE_MESSAGE, keeps the state, and decrypts the next one', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    const m = toBob(p, 'once')
    expect(atBob(p, m)).toBe('once')
    expectRefused(p.b, () => decrypt(p.b, m, NOW), 'DUPLICATE_MESSAGE')
    expect(atBob(p, toBob(p, 'next'))).toBe('next')
  })

  it('refuses a replay of a late (skipped-key) message', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    const late = toBob(p, 'late')
    atBob(p, toBob(p, 'first'))
    expect(atBob(p, late)).toBe('late')
    expectRefused(p.b, () => decrypt(p.b, late, NOW), 'DUPLICATE_MESSAGE')
  })

  it('refuses a replay from an earlier chain, state unchanged', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    const old = toBob(p, 'old chain')
    atBob(p, old)
    atAlice(p, toAlice(p, 'turn'))
    atBob(p, toBob(p, 'new chain'))
    const err = thrownBy(() => decrypt(p.b, old, NOW))
    expect(err).toMatchObject({ name: 'XchatError' })
    expectRefused(p.b, () => decrypt(p.b, old, NOW), 'DECRYPT_FAILED')
    expect(atBob(p, toBob(p, 'still fine'))).toBe('still fine')
  })

  it(`refuses a gap larger than MAX_SKIP (${MAX_SKIP}) with TOO_MANY_SKIPPED, state unchanged`, () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    for (let i = 0; i < MAX_SKIP + 1; i++) toBob(p, `lost ${i}`)
    const far = toBob(p, 'too far')
    expectRefused(p.b, () => decrypt(p.b, far, NOW), 'TOO_MANY_SKIPPED')
  })

  it('accepts a gap of exactly MAX_SKIP', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    for (let i = 0; i < MAX_SKIP; i++) toBob(p, `lost ${i}`)
    expect(atBob(p, toBob(p, 'just in reach'))).toBe('just in reach')
    expect(p.b.skipped).toHaveLength(MAX_SKIP)
  })

  it('refuses a gap over MAX_SKIP in the previous chain (PN) too', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    for (let i = 0; i < MAX_SKIP + 1; i++) toBob(p, `lost ${i}`)
    // Alice gets a reply and ratchets; her next message says PN = MAX_SKIP + 1
    const bobBefore = p.b
    atAlice(p, toAlice(p, 'reply'))
    const next = toBob(p, 'new chain')
    expectRefused(bobBefore, () => decrypt(p.b, next, NOW), 'TOO_MANY_SKIPPED')
  })

  it('flipping any bit of a small message gives a typed error and leaves the state unchanged', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    const m = toBob(p, 'x')
    const before = snapshot(p.b)
    const codes = new Set<string>()
    for (let bit = 0; bit < m.bytes.length * 8; bit++) {
      const bytes = Uint8Array.from(m.bytes)
      bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7))
      const err = thrownBy(() => decrypt(p.b, { type: m.type, bytes }, NOW))
      expect(err, `bit ${bit}`).toMatchObject({ name: 'XchatError' })
      codes.add((err as { code: string }).code)
    }
    expect(snapshot(p.b)).toEqual(before)
    expect(codes.has('DECRYPT_FAILED')).toBe(true)
    expect(atBob(p, m)).toBe('x')
  })

  it('flipping any bit of a PreKeyMessage on an accepted session gives a typed error', () => {
    const p = startPair()
    const m = toBob(p, 'y')
    expect(m.type).toBe('prekey')
    const before = snapshot(p.b)
    for (let bit = 0; bit < m.bytes.length * 8; bit++) {
      const bytes = Uint8Array.from(m.bytes)
      bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7))
      expect(
        thrownBy(() => decrypt(p.b, { type: 'prekey', bytes }, NOW)),
        `bit ${bit}`,
      ).toMatchObject({ name: 'XchatError' })
    }
    expect(snapshot(p.b)).toEqual(before)
    expect(atBob(p, m)).toBe('y')
  })

  it('does not decrypt a message from another session', () => {
    const p = startPair()
    const q = startPair()
    atAlice(p, toAlice(p, 'hi'))
    atAlice(q, toAlice(q, 'hi'))
    const fromQ = send(q.a, 'not for p', (s) => (q.a = s))
    expectRefused(p.b, () => decrypt(p.b, fromQ, NOW), 'DECRYPT_FAILED')
    const fromQBob = send(q.b, 'not for p', (s) => (q.b = s))
    expectRefused(p.a, () => decrypt(p.a, fromQBob, NOW), 'DECRYPT_FAILED')
  })

  it('refuses a PreKeyMessage of another session with DECRYPT_FAILED', () => {
    const p = startPair()
    const q = startPair()
    const other = send(q.a, 'other', (s) => (q.a = s))
    expect(other.type).toBe('prekey')
    expectRefused(p.b, () => decrypt(p.b, other, NOW), 'DECRYPT_FAILED')
  })

  it('refuses a message reflected back to its sender', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    const m = toBob(p, 'mine')
    expectRefused(p.a, () => decrypt(p.a, m, NOW), 'DECRYPT_FAILED')
  })

  it('binds the caller associated data', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    const { state, message } = encrypt(p.a, utf8('with ad'), utf8('envelope-1'))
    p.a = state
    expectRefused(p.b, () => decrypt(p.b, message, NOW, utf8('envelope-2')), 'DECRYPT_FAILED')
    expectRefused(p.b, () => decrypt(p.b, message, NOW), 'DECRYPT_FAILED')
    expect(str(decrypt(p.b, message, NOW, utf8('envelope-1')).plaintext)).toBe('with ad')
  })

  it('is pure: encrypt and decrypt return new states and leave their input alone', () => {
    const p = startPair()
    const before = snapshot(p.a)
    const one = encrypt(p.a, utf8('a'))
    const two = encrypt(p.a, utf8('a'))
    expect(snapshot(p.a)).toEqual(before)
    // the same state encrypts the same message the same way (same chain key)
    expect(one.message.bytes).toEqual(two.message.bytes)
    expect(Object.isFrozen(one.state)).toBe(true)
  })

  it('rejects a plaintext over MAX_PLAINTEXT_BYTES with TOO_LARGE', () => {
    const p = startPair()
    expectXchatError(() => encrypt(p.a, new Uint8Array(MAX_PLAINTEXT_BYTES + 1)), 'TOO_LARGE')
    const big = new Uint8Array(MAX_PLAINTEXT_BYTES).fill(7)
    const { message } = encrypt(p.a, big)
    expect(decrypt(p.b, message, NOW).plaintext).toEqual(big)
  })

  it('encrypts an empty plaintext', () => {
    const p = startPair()
    expect(atBob(p, toBob(p, ''))).toBe('')
  })

  it(`keeps at most MAX_SKIPPED_KEYS (${MAX_SKIPPED_KEYS}) skipped keys, evicting the oldest`, () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    const firstLost = toBob(p, 'lost 0')
    for (let i = 1; i < MAX_SKIP; i++) toBob(p, `lost ${i}`)
    atBob(p, toBob(p, 'arrives')) // MAX_SKIP keys kept
    atAlice(p, toAlice(p, 'turn'))
    const secondChainLost = toBob(p, 'lost again 0')
    for (let i = 1; i < MAX_SKIP; i++) toBob(p, `lost again ${i}`)
    atBob(p, toBob(p, 'arrives again')) // 2 × MAX_SKIP
    expect(p.b.skipped).toHaveLength(MAX_SKIPPED_KEYS)
    atAlice(p, toAlice(p, 'turn 2'))
    toBob(p, 'lost third')
    atBob(p, toBob(p, 'third chain')) // one more: the oldest goes
    expect(p.b.skipped).toHaveLength(MAX_SKIPPED_KEYS)
    expectRefused(p.b, () => decrypt(p.b, firstLost, NOW), 'DECRYPT_FAILED')
    expect(atBob(p, secondChainLost)).toBe('lost again 0')
  })

  it('expires skipped keys after MAX_SKIPPED_KEY_AGE_MS, using the clock passed in', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    const late = toBob(p, 'very late')
    const alsoLate = toBob(p, 'late but in time')
    atBob(p, toBob(p, 'now'))
    expect(p.b.skipped).toHaveLength(2)
    expect(atBob(p, alsoLate, NOW + MAX_SKIPPED_KEY_AGE_MS)).toBe('late but in time')
    const err = expectXchatError(() => decrypt(p.b, late, NOW + MAX_SKIPPED_KEY_AGE_MS + 1), 'DECRYPT_FAILED')
    expect(err.details['reason']).toBe('expired')
    const pruned = pruneSkippedKeys(p.b, NOW + MAX_SKIPPED_KEY_AGE_MS + 1)
    expect(pruned.skipped).toHaveLength(0)
    expect(pruneSkippedKeys(pruned, NOW + MAX_SKIPPED_KEY_AGE_MS + 2)).toBe(pruned)
  })

  it('drops expired keys when a later message decrypts', () => {
    const p = startPair()
    atAlice(p, toAlice(p, 'hi'))
    toBob(p, 'lost')
    atBob(p, toBob(p, 'now'))
    atBob(p, toBob(p, 'much later'), NOW + MAX_SKIPPED_KEY_AGE_MS + 1)
    expect(p.b.skipped).toHaveLength(0)
  })

  it('refuses an unknown message type with MALFORMED', () => {
    const p = startPair()
    const m = toBob(p, 'z')
    expectXchatError(() => decrypt(p.b, { type: 'other' as 'ratchet', bytes: m.bytes }, NOW), 'MALFORMED')
  })

  it('never shows key material in JSON or inspection', () => {
    const p = startPair()
    const json = JSON.stringify(p.a)
    const { sendingChain, sendingRatchetKey } = p.a // an initiator has its sending chain from the start
    if (sendingChain === undefined || sendingRatchetKey === undefined) throw new Error('no sending chain')
    for (const secret of [p.a.rootKey, sendingChain.key, sendingRatchetKey.privateKey]) {
      expect(json).not.toContain(Buffer.from(secret).toString('hex'))
    }
    expect(JSON.parse(json)).toMatchObject({ role: 'initiator', pending: true })
  })
})
