/**
 * Hand-made directory records for tests: signed like the real thing but with
 * whatever fields an attacker (or a bug) would put in them.
 */
import { sign, encodeDeviceCertificate, DIRECTORY_RECORD_DOMAIN, DIRECTORY_RECORD_VERSION, type DeviceKeys } from '../src/index.js'
import { DirectoryRecordPb, SignedDirectoryRecordPb } from '../src/wire/index.js'
import type { DeviceEntry, DirectoryRecord } from '../src/wire/proto/directory.js'

export const HOUR = 60 * 60 * 1000

/** A device entry of `keys`' own device. */
export function entryOf(keys: DeviceKeys, overrides: Partial<DeviceEntry> = {}): DeviceEntry {
  return {
    certificate: Uint8Array.from(encodeDeviceCertificate(keys.certificate)),
    addrs: [],
    prekeys: new Uint8Array(0),
    name: '',
    lastSeen: 0n,
    ...overrides,
  }
}

/**
 * A record of `keys`' account with any fields replaced, signed by `signer`
 * (the account key unless given), as the DHT would carry it.
 */
export function craftRecord(
  keys: DeviceKeys,
  fields: Partial<DirectoryRecord> = {},
  signer: Uint8Array = keys.account.privateKey(),
): Uint8Array {
  const record = DirectoryRecordPb.encode({
    version: DIRECTORY_RECORD_VERSION,
    accountPublicKey: Uint8Array.from(keys.account.publicKey),
    seq: 1n,
    expiresAt: BigInt(Date.now() + HOUR),
    devices: [entryOf(keys)],
    ...fields,
  })
  return SignedDirectoryRecordPb.encode({ record, signature: Uint8Array.from(sign(DIRECTORY_RECORD_DOMAIN, record, signer)) })
}

/** The same signed record with one bit of its signature flipped. */
export function flipSignatureBit(bytes: Uint8Array): Uint8Array {
  const signed = SignedDirectoryRecordPb.decode(bytes)
  const signature = Uint8Array.from(signed.signature)
  signature[10] = (signature[10] ?? 0) ^ 0x01
  return SignedDirectoryRecordPb.encode({ record: signed.record, signature })
}
