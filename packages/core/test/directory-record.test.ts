/** Directory records, the DHT validator and selector, and Directory logic — no network. */
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { QueryEvent } from '@libp2p/kad-dht'
import type { PeerStore } from '@libp2p/interface'
import {
  DeviceKeys,
  Directory,
  buildDirectoryRecord,
  parseDirectoryRecord,
  directoryValidator,
  directorySelector,
  directoryKey,
  accountOfDirectoryKey,
  peerIdOfDevice,
  isXchatError,
  DIRECTORY_KEY_PREFIX,
  MAX_RECORD_TTL_MS,
  type DirectoryNode,
  type XchatErrorCode,
} from '../src/index.js'
import { limits } from '../src/wire/index.js'
import { expectXchatError, expectXchatErrorAsync } from './expect-error.js'
import { newDeviceKeys } from './net-fixture.js'
import { craftRecord, entryOf, flipSignatureBit, HOUR } from './directory-forgery.js'

const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'
const T0 = 1_700_000_000_000
const about = DeviceKeys.fromSecrets({ mnemonic: ABOUT, passphrase: '', deviceIndex: 0, createdAt: T0 })
const ADDR = '/ip4/203.0.113.7/tcp/4001'

/**
 * Golden record of ABOUT's device 0 (seq T0+1, expires T0+48h, one address).
 * ECDSA nonces are deterministic (RFC 6979): a change here is a protocol change.
 */
const GOLDEN_RECORD =
  '0ad40108011221033a1eaa44eb9c3051c4d220c8c26b40e33678a5b072db8df0f0266e2021e74b731881d095ffbc3120' +
  '80c0c8d1bd312a9e010a910108011221033a1eaa44eb9c3051c4d220c8c26b40e33678a5b072db8df0f0266e2021e74b' +
  '731a2103ddaa10d4f3bf24c712df864f5db39f33eb29693e4c97bd547fb81dae52147ebb2880d095ffbc313240990e88' +
  '1733d815e3c9624d68cdfe750874d7aed5e9737212cf1c47ebf95746f51fa939ed621d98b4d4db0e59e7206efc04b9b6' +
  '572d3fef15b0325135b5d26e6d120804cb007107060fa1124008403fbdb9d30247e6b9052165f12aac051ab65a53dba1' +
  'e9eab83e75786a875318bd03219502eab8a3a9b6f9713acb49274fe81bf2f55f67ecef58c6bc10157a'

function golden(): Uint8Array {
  return buildDirectoryRecord({
    accountPrivateKey: about.account.privateKey(),
    devices: [{ certificate: about.certificate, addrs: [ADDR] }],
    seq: T0 + 1,
    expiresAt: T0 + 48 * HOUR,
  })
}

function reasonOf(fn: () => unknown, code: XchatErrorCode = 'RECORD_INVALID'): unknown {
  return expectXchatError(fn, code).details['reason']
}

describe('directory records', () => {
  it('round-trips a record through build and parse', () => {
    const record = parseDirectoryRecord(golden(), { now: T0, expectedAccount: about.account.publicKey })
    expect(record.seq).toBe(BigInt(T0 + 1))
    expect(record.expiresAt).toBe(T0 + 48 * HOUR)
    expect(record.accountPublicKey).toEqual(about.account.publicKey)
    expect(record.devices).toHaveLength(1)
    expect(record.devices[0]?.addrs).toEqual([ADDR])
    expect(record.devices[0]?.certificate.devicePublicKey).toEqual(about.device.publicKey)
  })

  it('encodes the golden record byte for byte', () => {
    expect(bytesToHex(golden())).toBe(GOLDEN_RECORD)
  })

  it('rejects a record whose signature does not verify', () => {
    expect(reasonOf(() => parseDirectoryRecord(flipSignatureBit(golden()), { now: T0 }))).toBe('signature')
  })

  it('rejects a record signed by another account key', () => {
    const other = newDeviceKeys()
    expect(reasonOf(() => parseDirectoryRecord(craftRecord(about, {}, other.account.privateKey()), { now: Date.now() }))).toBe('signature')
  })

  it('rejects a valid record of another account than the expected one', () => {
    const other = newDeviceKeys()
    const bytes = craftRecord(other)
    expect(reasonOf(() => parseDirectoryRecord(bytes, { now: Date.now(), expectedAccount: about.account.publicKey }))).toBe('account')
  })

  it('rejects a record listing a device certified by another account', () => {
    const other = newDeviceKeys()
    expect(reasonOf(() => parseDirectoryRecord(craftRecord(about, { devices: [entryOf(other)] }), { now: Date.now() }))).toBe('certificate')
  })

  it('rejects a record listing a device twice', () => {
    const bytes = craftRecord(about, { devices: [entryOf(about), entryOf(about)] })
    expect(reasonOf(() => parseDirectoryRecord(bytes, { now: Date.now() }))).toBe('duplicate-device')
  })

  it('rejects an expired record', () => {
    expectXchatError(() => parseDirectoryRecord(golden(), { now: T0 + 48 * HOUR }), 'RECORD_EXPIRED')
  })

  it('rejects a record that expires too far in the future', () => {
    const bytes = craftRecord(about, { expiresAt: BigInt(Date.now() + MAX_RECORD_TTL_MS + HOUR) })
    expect(reasonOf(() => parseDirectoryRecord(bytes, { now: Date.now() }))).toBe('expiry')
  })

  it('rejects seq 0', () => {
    expect(reasonOf(() => parseDirectoryRecord(craftRecord(about, { seq: 0n }), { now: Date.now() }))).toBe('seq')
  })

  it('rejects an address that is not a multiaddr', () => {
    const bytes = craftRecord(about, { devices: [entryOf(about, { addrs: [Uint8Array.from([0xff, 0xff, 0xff, 0x0f])] })] })
    expect(reasonOf(() => parseDirectoryRecord(bytes, { now: Date.now() }))).toBe('address')
  })

  it('rejects a record larger than MAX_DIRECTORY_RECORD_BYTES', () => {
    const bytes = craftRecord(about, { devices: [entryOf(about, { prekeys: new Uint8Array(limits.MAX_DIRECTORY_RECORD_BYTES) })] })
    expectXchatError(() => parseDirectoryRecord(bytes, { now: Date.now() }), 'TOO_LARGE')
  })

  it('rejects more devices than MAX_DEVICES_PER_RECORD', () => {
    const devices = Array.from({ length: limits.MAX_DEVICES_PER_RECORD + 1 }, () => entryOf(about))
    expectXchatError(() => parseDirectoryRecord(craftRecord(about, { devices }), { now: Date.now() }), 'TOO_LARGE')
  })

  it('rejects more addresses than MAX_ADDRS_PER_DEVICE', () => {
    const addrs = Array.from({ length: limits.MAX_ADDRS_PER_DEVICE + 1 }, () => Uint8Array.from([4, 127, 0, 0, 1]))
    expectXchatError(
      () => parseDirectoryRecord(craftRecord(about, { devices: [entryOf(about, { addrs })] }), { now: Date.now() }),
      'TOO_LARGE',
    )
  })

  it('rejects a version newer or older than supported', () => {
    expectXchatError(() => parseDirectoryRecord(craftRecord(about, { version: 2 }), { now: Date.now() }), 'VERSION_TOO_NEW')
    expectXchatError(() => parseDirectoryRecord(craftRecord(about, { version: 0 }), { now: Date.now() }), 'VERSION_TOO_OLD')
  })

  it('rejects garbage bytes as MALFORMED', () => {
    expectXchatError(() => parseDirectoryRecord(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), { now: Date.now() }), 'MALFORMED')
  })

  it('throws only XchatErrors for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        try {
          parseDirectoryRecord(bytes, { now: Date.now() })
        } catch (err) {
          return isXchatError(err)
        }
        return true
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses to build a record with a device of another account', () => {
    const other = newDeviceKeys()
    expectXchatError(
      () =>
        buildDirectoryRecord({
          accountPrivateKey: about.account.privateKey(),
          devices: [{ certificate: other.certificate, addrs: [] }],
          seq: 1,
          expiresAt: T0,
        }),
      'BAD_CERTIFICATE',
    )
  })

  it('refuses to build with seq 0, a bad address, or too many addresses', () => {
    const base = { accountPrivateKey: about.account.privateKey(), expiresAt: T0 }
    expect(() => buildDirectoryRecord({ ...base, devices: [], seq: 0 })).toThrow(RangeError)
    expect(() =>
      buildDirectoryRecord({ ...base, devices: [{ certificate: about.certificate, addrs: ['not an address'] }], seq: 1 }),
    ).toThrow(TypeError)
    const addrs = Array.from({ length: limits.MAX_ADDRS_PER_DEVICE + 1 }, () => ADDR)
    expectXchatError(() => buildDirectoryRecord({ ...base, devices: [{ certificate: about.certificate, addrs }], seq: 1 }), 'TOO_LARGE')
  })
})

describe('directory DHT keys', () => {
  it('is the prefix followed by the 33-byte account key, and back', () => {
    const key = directoryKey(about.account.publicKey)
    expect(new TextDecoder().decode(key.subarray(0, DIRECTORY_KEY_PREFIX.length))).toBe('/xchat-dir/')
    expect(key.length).toBe(DIRECTORY_KEY_PREFIX.length + 33)
    expect(accountOfDirectoryKey(key)).toEqual(about.account.publicKey)
  })

  it('rejects keys of another shape', () => {
    expect(reasonOf(() => accountOfDirectoryKey(new TextEncoder().encode('/xchat-dir/short')))).toBe('key')
    const wrongPrefix = directoryKey(about.account.publicKey)
    wrongPrefix[1] = 'y'.charCodeAt(0)
    expect(reasonOf(() => accountOfDirectoryKey(wrongPrefix))).toBe('key')
  })
})

describe('the directory DHT validator', () => {
  const key = directoryKey(about.account.publicKey)

  it('accepts a valid record under its own account key', async () => {
    await directoryValidator()(key, craftRecord(about))
  })

  it("rejects another account's valid record under this account's key", async () => {
    const err = await expectXchatErrorAsync(directoryValidator()(key, craftRecord(newDeviceKeys())), 'RECORD_INVALID')
    expect(err.details['reason']).toBe('account')
  })

  it('rejects an expired record by its clock', async () => {
    await expectXchatErrorAsync(directoryValidator({ now: () => Date.now() + 2 * HOUR })(key, craftRecord(about)), 'RECORD_EXPIRED')
  })

  it('rejects a record older than the stored one, accepts the same or newer', async () => {
    const stored = craftRecord(about, { seq: 10n })
    const validate = directoryValidator({ storedRecord: () => Promise.resolve(stored) })
    await expectXchatErrorAsync(validate(key, craftRecord(about, { seq: 9n })), 'RECORD_STALE')
    await validate(key, stored)
    await validate(key, craftRecord(about, { seq: 11n }))
  })

  it('lets a new record replace a stored one that has expired', async () => {
    const stored = craftRecord(about, { seq: 10n, expiresAt: BigInt(Date.now() + 1000) })
    const validate = directoryValidator({ now: () => Date.now() + 2000, storedRecord: () => Promise.resolve(stored) })
    await validate(key, craftRecord(about, { seq: 2n, expiresAt: BigInt(Date.now() + HOUR) }))
  })
})

describe('the directory DHT selector', () => {
  const key = directoryKey(about.account.publicKey)
  const select = directorySelector()

  it('picks the highest seq', () => {
    expect(select(key, [craftRecord(about, { seq: 3n }), craftRecord(about, { seq: 7n }), craftRecord(about, { seq: 5n })])).toBe(1)
  })

  it('picks the first of equal seqs', () => {
    const a = craftRecord(about, { seq: 4n })
    const b = craftRecord(about, { seq: 4n, devices: [] })
    expect(select(key, [a, b])).toBe(0)
  })

  it('never picks a record that does not parse, whatever its seq', () => {
    const forged = flipSignatureBit(craftRecord(about, { seq: 99n }))
    expect(select(key, [forged, craftRecord(about, { seq: 1n }), Uint8Array.from([1, 2, 3])])).toBe(1)
  })
})

describe('Directory without a network', () => {
  /**
   * A node whose DHT returns `values` (one list per get: a server answers, with
   * these records; `'silent'`: no server answers) and records puts.
   */
  function stubNode(values: (Uint8Array[] | 'silent' | 'correction-refused')[], puts: Uint8Array[] = []): DirectoryNode {
    const peerId = peerIdOfDevice(about.device.publicKey)
    return {
      peerId,
      peerStore: { merge: () => Promise.resolve({}) } as unknown as PeerStore,
      getMultiaddrs: () => [],
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      services: {
        dht: {
          async *get() {
            await Promise.resolve()
            const answer = values.shift() ?? []
            if (answer === 'silent') return
            if (answer === 'correction-refused') {
              // what kad-dht throws when a server that answered an older record refuses the newer one
              throw Object.assign(new Error('Could not send correction'), { name: 'QueryError' })
            }
            yield { name: 'PEER_RESPONSE', messageName: 'GET_VALUE', from: peerId } as unknown as QueryEvent
            for (const value of answer) yield { name: 'VALUE', value, from: peerId } as unknown as QueryEvent
          },
          async *put(_key: Uint8Array, value: Uint8Array) {
            await Promise.resolve()
            puts.push(value)
            yield { name: 'PEER_RESPONSE', messageName: 'FIND_NODE', record: undefined } as unknown as QueryEvent
            for (let i = 0; i < 2; i++) {
              yield { name: 'PEER_RESPONSE', messageName: 'PUT_VALUE', record: { value } } as unknown as QueryEvent
            }
          },
        },
      },
    }
  }

  it('throws NOT_FOUND when the DHT has no record', async () => {
    const directory = new Directory({ node: stubNode([[]]), keys: newDeviceKeys() })
    await expectXchatErrorAsync(directory.resolve(about.accountId), 'NOT_FOUND')
  })

  it('asks again when kad-dht could not correct a stale server, and resolves then', async () => {
    const directory = new Directory({ node: stubNode(['correction-refused', [craftRecord(about, { seq: 9n })]]), keys: newDeviceKeys() })
    expect((await directory.resolve(about.accountId)).seq).toBe(9n)
  })

  it('gives up after the second refused correction with UNREACHABLE (try again)', async () => {
    const directory = new Directory({
      node: stubNode(['correction-refused', 'correction-refused', [craftRecord(about, {})]]),
      keys: newDeviceKeys(),
    })
    await expectXchatErrorAsync(directory.resolve(about.accountId), 'UNREACHABLE')
  })

  it('throws UNREACHABLE, not NOT_FOUND, when no directory server answered', async () => {
    const directory = new Directory({ node: stubNode(['silent']), keys: newDeviceKeys() })
    await expectXchatErrorAsync(directory.resolve(about.accountId), 'UNREACHABLE')
  })

  it('refuses a record older than one it resolved before (RECORD_STALE)', async () => {
    const directory = new Directory({
      node: stubNode([[craftRecord(about, { seq: 8n })], [craftRecord(about, { seq: 5n })]]),
      keys: newDeviceKeys(),
    })
    expect((await directory.resolve(about.accountId)).seq).toBe(8n)
    await expectXchatErrorAsync(directory.resolve(about.accountId), 'RECORD_STALE')
  })

  it('resolves to verified devices with their PeerIds', async () => {
    const directory = new Directory({
      node: stubNode([[craftRecord(about, { devices: [entryOf(about, { addrs: [Uint8Array.from([4, 127, 0, 0, 1])] })] })]]),
      keys: newDeviceKeys(),
    })
    const account = await directory.resolve(about.accountId.toUpperCase())
    expect(account.accountId).toBe(about.accountId)
    expect(account.devices).toEqual([
      {
        deviceIndex: 0,
        peerId: peerIdOfDevice(about.device.publicKey).toString(),
        devicePublicKey: bytesToHex(about.device.publicKey),
        addrs: ['/ip4/127.0.0.1'],
        createdAt: T0,
        name: '',
        lastSeen: 0,
      },
    ])
    expect(account.revoked).toEqual([])
  })

  it('counts the servers that echoed the PUT and never lets seq go back when the clock does', async () => {
    const puts: Uint8Array[] = []
    let clock = Date.now()
    const directory = new Directory({ node: stubNode([], puts), keys: about, now: () => clock })
    const first = await directory.publish(['/ip4/127.0.0.1/tcp/1'])
    expect(first).toEqual({ stored: 2, seq: BigInt(clock), addrs: ['/ip4/127.0.0.1/tcp/1'] })
    clock -= HOUR
    const second = await directory.publish([])
    expect(second.seq).toBe(first.seq + 1n)
    const record = parseDirectoryRecord(puts[1] as Uint8Array, { now: clock, expectedAccount: about.account.publicKey })
    expect(record.seq).toBe(second.seq)
  })
})

describe('directory record: device names and revocations', () => {
  const about = newDeviceKeys()

  it('carries device names, last-seen times and revoked keys through build and parse', () => {
    const revokedKey = newDeviceKeys().device.publicKey
    const bytes = buildDirectoryRecord({
      accountPrivateKey: about.account.privateKey(),
      devices: [{ certificate: about.certificate, addrs: [], name: 'laptop', lastSeen: 1234 }],
      seq: 1,
      expiresAt: Date.now() + 60_000,
      revoked: [revokedKey],
    })
    const record = parseDirectoryRecord(bytes, { now: Date.now() })
    expect(record.devices[0]).toMatchObject({ name: 'laptop', lastSeen: 1234 })
    expect(record.revoked.map((k) => bytesToHex(k))).toEqual([bytesToHex(revokedKey)])
  })

  it('refuses to list a device it also revokes', () => {
    expect(() =>
      buildDirectoryRecord({
        accountPrivateKey: about.account.privateKey(),
        devices: [{ certificate: about.certificate, addrs: [] }],
        seq: 1,
        expiresAt: Date.now() + 60_000,
        revoked: [about.device.publicKey],
      }),
    ).toThrow(/revoked/)
  })
})
