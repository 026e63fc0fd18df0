/**
 * Which contacts the user verified by comparing safety numbers. The number
 * depends on the two account keys only, and a contact is its account key, so
 * a verification stays valid until the user undoes it.
 */
import type { DeviceStore } from './device-store.js'

const VERIFIED_RECORD = 'verified'

/** accountId → ms since the Unix epoch it was marked verified. */
export type VerifiedMap = Readonly<Record<string, number>>

export async function loadVerified(store: DeviceStore): Promise<VerifiedMap> {
  return store.getJson<VerifiedMap>(VERIFIED_RECORD, {})
}

/** Mark or unmark one contact; returns the new map. */
export async function setVerified(store: DeviceStore, accountId: string, verified: boolean, now = Date.now()): Promise<VerifiedMap> {
  const current = await loadVerified(store)
  const next: Record<string, number> = { ...current }
  if (verified) next[accountId] = now
  else delete next[accountId]
  await store.putJson(VERIFIED_RECORD, next)
  return next
}
