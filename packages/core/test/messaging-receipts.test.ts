/** Delivered and read receipts between two devices. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPair, stopMessaging, waitFor, type TestDevice } from './messaging-fixture.js'

describe('messaging: receipts', () => {
  let alice: TestDevice
  let bob: TestDevice

  beforeAll(async () => ({ alice, bob } = await startPair()), 60_000)
  afterAll(stopMessaging)

  it('marks a message delivered when the receiver stored it, then read when it was read', async () => {
    const receipts: { kind: string; ids: readonly string[] }[] = []
    alice.client.events.addEventListener('receipt:received', (e) => receipts.push(e.detail))
    const one = await alice.client.send(bob.client.accountId, 'one')
    const two = await alice.client.send(bob.client.accountId, 'two')

    const delivered = (): string[] => receipts.filter((r) => r.kind === 'delivered').flatMap((r) => r.ids)
    await waitFor(alice, 'receipt:received', () => delivered().length === 2, 10_000, 'delivered receipts')
    expect(new Set(delivered())).toEqual(new Set([one.id, two.id]))
    expect((await alice.client.history(bob.client.accountId)).map((m) => m.status)).toEqual(['delivered', 'delivered'])
    expect((await bob.client.conversations())[0]).toMatchObject({ accountId: alice.client.accountId, unread: 2 })

    expect(await bob.client.markRead(alice.client.accountId)).toBe(2)
    expect((await bob.client.conversations())[0]?.unread).toBe(0)
    expect((await bob.client.history(alice.client.accountId)).map((m) => m.status)).toEqual(['read', 'read'])
    const read = (): string[] => receipts.filter((r) => r.kind === 'read').flatMap((r) => r.ids)
    await waitFor(alice, 'receipt:received', () => read().length === 2, 10_000, 'read receipts')
    expect((await alice.client.history(bob.client.accountId)).map((m) => m.status)).toEqual(['read', 'read'])
    // nothing left to mark
    expect(await bob.client.markRead(alice.client.accountId)).toBe(0)
  })

  it('never lowers a status: read stays read whichever receipt comes last', async () => {
    const seen = new Set<string>()
    alice.client.events.addEventListener('receipt:received', (e) => {
      for (const id of e.detail.ids) seen.add(`${e.detail.kind}:${id}`)
    })
    const sent = await alice.client.send(bob.client.accountId, 'three')
    // read at once: the batched delivered receipt may well arrive after the read one
    await waitFor(bob, 'message:received', () => bob.received.some((m) => m.id === sent.id))
    await bob.client.markRead(alice.client.accountId)
    await waitFor(alice, 'receipt:received', () => seen.has(`delivered:${sent.id}`) && seen.has(`read:${sent.id}`), 10_000, 'both receipts')
    expect((await alice.client.history(bob.client.accountId)).find((m) => m.id === sent.id)?.status).toBe('read')
  })
})
