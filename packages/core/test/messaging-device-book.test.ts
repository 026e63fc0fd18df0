// How the device book rides out directory misses: a miss is asked again after
// a short wait, a known contact stays reachable while its record is unexpired,
// and errors that are not misses are not retried.
import { describe, expect, it } from 'vitest'
import { DeviceBook } from '../src/messaging/devices.js'
import type { DirectoryPort } from '../src/messaging/ports.js'
import { XchatError } from '../src/errors.js'
import { expectXchatErrorAsync } from './expect-error.js'
import { newDeviceKeys } from './net-fixture.js'

const bob = newDeviceKeys()
const DEVICE = { deviceIndex: 0, devicePublicKey: '02'.padEnd(66, 'ab'), peerId: '12D3KooWBob', addrs: [] }

type Answer = 'hit' | 'miss' | 'unreachable' | 'stale'

/** A directory answering from a script, one entry per lookup. */
function scripted(answers: Answer[], expiresAt: () => number): DirectoryPort & { asked: number } {
  const port = {
    asked: 0,
    resolve: async () => {
      port.asked++
      await Promise.resolve()
      const answer = answers.shift() ?? 'miss'
      if (answer === 'miss') throw new XchatError('NOT_FOUND', 'no directory record for this account')
      if (answer === 'unreachable') throw new XchatError('UNREACHABLE', 'no directory server answered')
      if (answer === 'stale') throw new XchatError('RECORD_STALE', 'older than one seen before')
      return { devices: [DEVICE], expiresAt: expiresAt() }
    },
  }
  return port
}

describe('DeviceBook lookups', () => {
  it('asks again after a miss and returns the record found then', async () => {
    const directory = scripted(['miss', 'hit'], () => Date.now() + 60_000)
    const devices = await new DeviceBook(directory, Date.now).devicesOf(bob.accountId)
    expect(devices.map((d) => d.peerId)).toEqual([DEVICE.peerId])
    expect(directory.asked).toBe(2)
  })

  it('gives NOT_FOUND after its retries for an account never found', async () => {
    const directory = scripted(['miss', 'miss', 'miss', 'hit'], () => Date.now() + 60_000)
    await expectXchatErrorAsync(new DeviceBook(directory, Date.now).devicesOf(bob.accountId), 'NOT_FOUND')
    expect(directory.asked).toBe(3)
  })

  it('keeps a known contact reachable through a directory outage while its record is valid', async () => {
    const directory = scripted(['hit', 'unreachable', 'miss', 'unreachable'], () => Date.now() + 60_000)
    const book = new DeviceBook(directory, Date.now)
    await book.devicesOf(bob.accountId)
    book.forget(bob.accountId)
    const devices = await book.devicesOf(bob.accountId)
    expect(devices.map((d) => d.peerId)).toEqual([DEVICE.peerId])
    expect(directory.asked).toBe(4)
  })

  it('does not fall back to a record that has expired', async () => {
    let clock = Date.now()
    const directory = scripted(['hit', 'unreachable', 'unreachable', 'unreachable'], () => clock + 1_000)
    const book = new DeviceBook(directory, () => clock)
    await book.devicesOf(bob.accountId)
    clock += 10 * 60_000
    await expectXchatErrorAsync(book.devicesOf(bob.accountId), 'UNREACHABLE')
  })

  it('does not retry or fall back on an error that is not a miss', async () => {
    const directory = scripted(['hit', 'stale'], () => Date.now() + 60_000)
    const book = new DeviceBook(directory, Date.now)
    await book.devicesOf(bob.accountId)
    await expectXchatErrorAsync(book.devicesOf(bob.accountId, { fresh: true }), 'RECORD_STALE')
    expect(directory.asked).toBe(2)
  })

  it('stops waiting when the lookup is aborted', async () => {
    const directory = scripted(['miss', 'miss', 'miss'], () => Date.now() + 60_000)
    const controller = new AbortController()
    const lookup = new DeviceBook(directory, Date.now).devicesOf(bob.accountId, { signal: controller.signal })
    controller.abort()
    await expectXchatErrorAsync(lookup, 'NOT_FOUND')
    expect(directory.asked).toBe(1)
  })
})
