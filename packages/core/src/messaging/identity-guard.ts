import type { AccountId } from '../identity/index.js'
import type { IdentityRecord } from '../store/index.js'

/** What the guard decided about one device of an account. */
export type DeviceVerdict =
  /** Known, or new and recorded (`record` then holds it). */
  | { readonly kind: 'ok'; readonly record: IdentityRecord; readonly changedRecord: boolean }
  /** A known device index came back with another key, or an earlier change is not accepted yet. */
  | { readonly kind: 'blocked'; readonly record: IdentityRecord; readonly newlyChanged: boolean }

/**
 * The identity rule. An account's key is fixed by its account ID, and every
 * device key must carry a certificate from it (checked before this). A device
 * key is derived from the words and its index, so one index never
 * legitimately shows two keys: that means the account key signed a key it did
 * not derive (a stolen account key). Such a change blocks the account, both
 * ways, until the user accepts it. New indexes (new devices) are normal.
 */
export function checkDevice(
  record: IdentityRecord | undefined,
  accountId: AccountId,
  device: { readonly index: number; readonly key: string },
  now: number,
): DeviceVerdict {
  const current: IdentityRecord = record ?? { accountId, devices: [] }
  if (current.changed !== undefined) return { kind: 'blocked', record: current, newlyChanged: false }
  const known = current.devices.find((d) => d.index === device.index)
  if (known === undefined) {
    return { kind: 'ok', record: { ...current, devices: [...current.devices, device] }, changedRecord: true }
  }
  if (known.key === device.key) return { kind: 'ok', record: current, changedRecord: record === undefined }
  return { kind: 'blocked', record: { ...current, changed: { ...device, seenAt: now } }, newlyChanged: true }
}

/** The record after the user accepted the change: the new key replaces the old at its index. */
export function acceptChange(record: IdentityRecord): { record: IdentityRecord; replacedKey?: string } {
  const changed = record.changed
  if (changed === undefined) return { record }
  const replaced = record.devices.find((d) => d.index === changed.index)
  const devices = [...record.devices.filter((d) => d.index !== changed.index), { index: changed.index, key: changed.key }]
  return { record: { accountId: record.accountId, devices }, ...(replaced === undefined ? {} : { replacedKey: replaced.key }) }
}
