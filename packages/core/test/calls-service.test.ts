/**
 * CallService over a fake network and clock: the signaling flows, timeouts,
 * multi-device ringing, and the checks on incoming signals.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { callConstants, encodeSignal, fingerprintsOf, parseSignal, type AccountId } from '../src/index.js'
import { FakeNet, sdp, type FakeDevice } from './calls-fixture.js'
import { expectXchatError } from './expect-error.js'

const A = 'xc1alice' as AccountId
const B = 'xc1bob' as AccountId
const M = 'xc1mallory' as AccountId
const C = 'xc1carol' as AccountId
const Q = 'xc1quick' as AccountId

describe('call signaling (CallService)', () => {
  let net: FakeNet
  let alice: FakeDevice
  let bob: FakeDevice

  beforeEach(() => {
    net = new FakeNet()
    alice = net.add(A, 'a1')
    bob = net.add(B, 'b1')
    alice.contacts.add(B)
    bob.contacts.add(A)
  })

  /** Alice dials Bob and Bob's device rings; returns the call id. */
  async function ring(media: 'audio' | 'video' = 'video'): Promise<string> {
    const call = alice.calls.dial(B, media, sdp('AA:AA'))
    await net.settle()
    expect(bob.calls.get(call.id)?.state).toBe('incoming-ringing')
    return call.id
  }

  it('A calls B, B rings, accepts; both connect, go active, exchange candidates, and hang up', async () => {
    const answers: string[] = []
    const bobCandidates: unknown[] = []
    alice.calls.addEventListener('call:answer', (e) => answers.push(e.detail.sdp))
    bob.calls.addEventListener('call:candidates', (e) => bobCandidates.push(...e.detail.candidates))
    let offered = ''
    bob.calls.addEventListener('call:incoming', (e) => (offered = e.detail.sdp))
    const id = await ring()
    expect(offered).toBe(sdp('AA:AA'))
    expect(alice.calls.get(id)).toMatchObject({ state: 'outgoing-ringing', remoteRinging: true })
    // the caller's candidates wait until a device answers
    alice.calls.candidates(id, [{ candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 }])
    net.clock.advance(100)
    await net.settle()
    expect(bobCandidates).toEqual([])

    bob.calls.accept(id, sdp('BB:BB', 'answer'))
    await net.settle()
    expect(answers).toEqual([sdp('BB:BB', 'answer')])
    expect(alice.calls.get(id)).toMatchObject({ state: 'connecting', peerDevice: 'b1' })
    net.clock.advance(100)
    await net.settle()
    expect(bobCandidates).toEqual([{ candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 }])

    alice.calls.connected(id)
    bob.calls.connected(id)
    net.clock.advance(5_000)
    bob.calls.hangup(id)
    await net.settle()
    expect(alice.calls.get(id)).toMatchObject({ state: 'ended', reason: 'hangup' })
    expect(bob.calls.get(id)).toMatchObject({ state: 'ended', reason: 'hangup' })
    expect(alice.states.get(id)).toEqual(['outgoing-ringing', 'outgoing-ringing', 'connecting', 'active', 'ended'])
    expect(alice.history).toEqual([
      { conversation: B, direction: 'out', call: { callId: id, media: 'video', outcome: 'hangup', durationMs: 5_000 } },
    ])
    expect(bob.history[0]).toMatchObject({ conversation: A, direction: 'in', call: { outcome: 'hangup', durationMs: 5_000 } })
  })

  it('the caller hangs up an active call: both end', async () => {
    const id = await ring()
    bob.calls.accept(id, sdp('BB:BB', 'answer'))
    await net.settle()
    alice.calls.connected(id)
    bob.calls.connected(id)
    alice.calls.hangup(id)
    await net.settle()
    expect([alice.calls.get(id)?.reason, bob.calls.get(id)?.reason]).toEqual(['hangup', 'hangup'])
  })

  it('B declines: A hears declined; both record it', async () => {
    const id = await ring('audio')
    bob.calls.decline(id)
    await net.settle()
    expect(alice.calls.get(id)).toMatchObject({ state: 'ended', reason: 'declined' })
    expect(bob.calls.get(id)).toMatchObject({ state: 'ended', reason: 'declined' })
    expect(alice.history[0]?.call).toMatchObject({ media: 'audio', outcome: 'declined', durationMs: 0 })
  })

  it('A cancels while B rings: B records a missed call', async () => {
    const id = await ring()
    alice.calls.hangup(id)
    await net.settle()
    expect(alice.calls.get(id)?.reason).toBe('cancelled')
    expect(bob.calls.get(id)?.reason).toBe('cancelled')
    expect(bob.history[0]).toMatchObject({ direction: 'in', call: { outcome: 'cancelled', durationMs: 0 } })
  })

  it('B is already in a call: A hears busy, and B records the missed call without ringing', async () => {
    const carol = net.add(C, 'c1')
    carol.contacts.add(B)
    bob.contacts.add(C)
    const first = carol.calls.dial(B, 'audio', sdp('CC:CC'))
    await net.settle()
    bob.calls.accept(first.id, sdp('BB:BB', 'answer'))
    await net.settle()
    const incoming: string[] = []
    bob.calls.addEventListener('call:incoming', (e) => incoming.push(e.detail.call.id))
    const second = alice.calls.dial(B, 'video', sdp('AA:AA'))
    await net.settle()
    expect(alice.calls.get(second.id)).toMatchObject({ state: 'ended', reason: 'busy' })
    expect(incoming).toEqual([])
    expect(bob.calls.get(first.id)?.state).toBe('connecting')
    expect(bob.history.map((h) => h.call.outcome)).toEqual(['busy'])
  })

  it('nobody answers: after the ring timeout A gives up (no-answer) and B stops ringing', async () => {
    const id = await ring()
    net.clock.advance(callConstants.RING_TIMEOUT_MS)
    await net.settle()
    expect(alice.calls.get(id)).toMatchObject({ state: 'ended', reason: 'no-answer' })
    expect(bob.calls.get(id)).toMatchObject({ state: 'ended', reason: 'no-answer' })
    expect(bob.history[0]?.call.outcome).toBe('no-answer')
  })

  it('the ring timeout is configurable', async () => {
    const quick = net.add(Q, 'q1', { ringTimeoutMs: 1_000 })
    quick.contacts.add(B)
    bob.contacts.add(Q)
    const call = quick.calls.dial(B, 'audio', sdp())
    await net.settle()
    net.clock.advance(1_000)
    await net.settle()
    expect(quick.calls.get(call.id)?.reason).toBe('no-answer')
    expect(bob.calls.get(call.id)?.reason).toBe('no-answer')
  })

  it('the callee stops ringing on its own when the cancel never comes', async () => {
    const id = await ring()
    alice.online = false
    bob.online = false // A's cancel is lost
    net.clock.advance(callConstants.RING_TIMEOUT_MS + callConstants.RING_GRACE_MS)
    await net.settle()
    expect(bob.calls.get(id)?.reason).toBe('no-answer')
  })

  it('an answered call whose media never connects fails on both sides', async () => {
    const id = await ring()
    bob.calls.accept(id, sdp('BB:BB', 'answer'))
    await net.settle()
    net.clock.advance(callConstants.CONNECT_TIMEOUT_MS)
    await net.settle()
    expect(alice.calls.get(id)?.reason).toBe('failed')
    expect(bob.calls.get(id)?.reason).toBe('failed')
  })

  it('media failure reported by either side ends both as failed', async () => {
    const id = await ring()
    bob.calls.accept(id, sdp('BB:BB', 'answer'))
    await net.settle()
    alice.calls.connected(id)
    alice.calls.fail(id)
    await net.settle()
    expect([alice.calls.get(id)?.reason, bob.calls.get(id)?.reason]).toEqual(['failed', 'failed'])
  })

  it('a call to an unreachable account fails at once', async () => {
    bob.online = false
    const call = alice.calls.dial(B, 'audio', sdp())
    await net.settle()
    expect(alice.calls.get(call.id)?.reason).toBe('failed')
  })

  it('refuses a second call while one is going on (CALL_BUSY)', async () => {
    await ring()
    expectXchatError(() => alice.calls.dial(B, 'audio', sdp()), 'CALL_BUSY')
  })

  it('refuses local actions a state does not allow (CALL_STATE)', async () => {
    const id = await ring()
    expectXchatError(() => alice.calls.accept(id, sdp('AB:CD')), 'CALL_STATE')
    expectXchatError(() => alice.calls.connected(id), 'CALL_STATE')
    expectXchatError(() => bob.calls.accept('00'.repeat(16), sdp()), 'CALL_STATE')
    expectXchatError(() => bob.calls.accept(id, 'v=0\r\n'), 'MALFORMED') // no fingerprint
  })

  describe('several devices of the callee', () => {
    let bob2: FakeDevice

    beforeEach(() => {
      bob2 = net.add(B, 'b2')
      bob2.contacts.add(A)
    })

    it('rings every device; the first to answer wins, the others get answered-elsewhere and record nothing', async () => {
      const id = await ring()
      expect(bob2.calls.get(id)?.state).toBe('incoming-ringing')
      bob2.calls.accept(id, sdp('B2:B2', 'answer'))
      await net.settle()
      expect(alice.calls.get(id)).toMatchObject({ state: 'connecting', peerDevice: 'b2' })
      expect(bob.calls.get(id)).toMatchObject({ state: 'ended', reason: 'answered-elsewhere' })
      expect(bob.history).toEqual([])
    })

    it('a late answer from a second device is told answered-elsewhere and changes nothing', async () => {
      const id = await ring()
      bob.online = false // b1 misses b2's copy
      bob2.calls.accept(id, sdp('B2:B2', 'answer'))
      await net.settle()
      bob.online = true
      bob.calls.accept(id, sdp('B1:B1', 'answer'))
      await net.settle()
      expect(alice.calls.get(id)).toMatchObject({ state: 'connecting', peerDevice: 'b2' })
      expect(bob.calls.get(id)).toMatchObject({ state: 'ended', reason: 'answered-elsewhere' })
    })

    it('a decline on one device stops the other from ringing', async () => {
      const id = await ring()
      bob2.calls.decline(id)
      await net.settle()
      expect(bob.calls.get(id)?.reason).toBe('declined')
      expect(alice.calls.get(id)?.reason).toBe('declined')
    })
  })

  describe('hostile signals', () => {
    it('rejects a replayed offer (same call id), even after the call ended', async () => {
      const id = await ring()
      const offer = bob.inbox.find((s) => parseSignal(s.signal).kind === 'offer')!
      bob.calls.decline(id)
      await net.settle()
      await net.deliver(bob, { ...offer, sentAt: net.clock.now() })
      expect(bob.rejected).toEqual(['CALL_REPLAYED'])
      expect(bob.calls.get(id)?.state).toBe('ended')
    })

    it('rejects an offer older than the signaling window (a stored or delayed replay) and one from the future', async () => {
      const callId = new Uint8Array(16).fill(7)
      const signal = encodeSignal({ kind: 'offer', callId, media: 'audio', sdp: sdp() })
      const base = { signal, conversation: A, fromAccount: A, fromDevice: 'a1', fromSelf: false }
      await net.deliver(bob, { ...base, sentAt: net.clock.now() - callConstants.MAX_SIGNAL_AGE_MS - 1 })
      await net.deliver(bob, { ...base, sentAt: net.clock.now() + callConstants.MAX_CLOCK_SKEW_MS + 1 })
      expect(bob.rejected).toEqual(['CALL_STALE', 'CALL_STALE'])
      expect(bob.calls.get(bytesToHex(callId))).toBeUndefined()
    })

    it('rejects an answer whose DTLS fingerprint differs from the one the call pinned', async () => {
      const id = await ring()
      bob.calls.accept(id, sdp('BB:BB', 'answer'))
      await net.settle()
      const forged = encodeSignal({ kind: 'answer', callId: hexToBytes(id), sdp: sdp('EE:11', 'answer') })
      await net.deliver(alice, {
        signal: forged,
        conversation: B,
        fromAccount: B,
        fromDevice: 'b1',
        fromSelf: false,
        sentAt: net.clock.now(),
      })
      expect(alice.rejected).toEqual(['CALL_FINGERPRINT'])
      expect(alice.calls.get(id)?.state).toBe('connecting')
    })

    it('rejects signals for a call from another account or another device than the call is with', async () => {
      const id = await ring()
      bob.calls.accept(id, sdp('BB:BB', 'answer'))
      await net.settle()
      const hangup = encodeSignal({ kind: 'hangup', callId: hexToBytes(id), reason: 'hangup' })
      const base = { signal: hangup, conversation: A, fromSelf: false, sentAt: net.clock.now() }
      await net.deliver(alice, { ...base, fromAccount: M, fromDevice: 'm1' })
      await net.deliver(alice, { ...base, fromAccount: B, fromDevice: 'b9' })
      expect(alice.rejected).toEqual(['CALL_UNKNOWN_PEER', 'CALL_UNKNOWN_PEER'])
      expect(alice.calls.get(id)?.state).toBe('connecting')
    })

    it('a cancel that overtakes its offer keeps the offer from ringing later', async () => {
      const callId = new Uint8Array(16).fill(9)
      const base = { conversation: A, fromAccount: A, fromDevice: 'a1', fromSelf: false, sentAt: net.clock.now() }
      await net.deliver(bob, { ...base, signal: encodeSignal({ kind: 'cancel', callId, reason: 'cancelled' }) })
      await net.deliver(bob, { ...base, signal: encodeSignal({ kind: 'offer', callId, media: 'audio', sdp: sdp() }) })
      expect(bob.rejected).toEqual(['CALL_REPLAYED'])
      expect(bob.calls.get(bytesToHex(callId))).toBeUndefined()
    })

    it('rejects garbage and an SDP without a fingerprint', async () => {
      const base = { conversation: A, fromAccount: A, fromDevice: 'a1', fromSelf: false, sentAt: net.clock.now() }
      await net.deliver(bob, { ...base, signal: new Uint8Array([1, 2, 3]) })
      const bad = encodeSignal({ kind: 'offer', callId: new Uint8Array(16).fill(1), media: 'audio', sdp: 'v=0\r\n' })
      await net.deliver(bob, { ...base, signal: bad })
      expect(bob.rejected).toEqual(['MALFORMED', 'MALFORMED'])
    })

    it('a call from a non-contact does not ring; it rings once the contact is accepted in time', async () => {
      const mallory = net.add(M, 'm1')
      mallory.contacts.add(B)
      const held: string[] = []
      bob.calls.addEventListener('call:held', (e) => held.push(e.detail.from))
      const call = mallory.calls.dial(B, 'audio', sdp('DD:DD'))
      await net.settle()
      expect(held).toEqual([M])
      expect(bob.calls.get(call.id)).toBeUndefined()
      expect(mallory.calls.get(call.id)?.remoteRinging).toBe(false)
      bob.contacts.add(M)
      expect(await bob.calls.releaseHeld(M)).toBe(true)
      await net.settle()
      expect(bob.calls.get(call.id)?.state).toBe('incoming-ringing')
      expect(mallory.calls.get(call.id)?.remoteRinging).toBe(true)
    })

    it('a held call the caller cancelled does not ring when the contact is accepted', async () => {
      const mallory = net.add(M, 'm1')
      mallory.contacts.add(B)
      const call = mallory.calls.dial(B, 'audio', sdp('DD:DD'))
      await net.settle()
      mallory.calls.hangup(call.id)
      await net.settle()
      bob.contacts.add(M)
      expect(await bob.calls.releaseHeld(M)).toBe(false)
      expect(bob.calls.get(call.id)).toBeUndefined()
    })
  })

  it('fingerprints are read from every a=fingerprint line, normalised', () => {
    expect(fingerprintsOf('v=0\r\na=fingerprint:SHA-256 AB:CD\r\nm=video\r\na=fingerprint:sha-256 ab:cd\r\n')).toEqual(['sha-256 ab:cd'])
  })
})
