import { XchatError } from '../errors.js'
import { MAX_CLOCK_SKEW_MS, MAX_SEEN_CALL_IDS, MAX_SIGNAL_AGE_MS } from './constants.js'

/**
 * Refuses old and replayed signals. A signal whose sender time is more than
 * MAX_SIGNAL_AGE_MS old (or too far ahead) is stale; an offer whose call id
 * was seen within that window is a replay. Older ids need not be kept: their
 * offers fail the age check. (Messaging also drops a repeated message id.)
 */
export class ReplayGuard {
  /** call id (hex) → when it was first seen, oldest first */
  readonly #seen = new Map<string, number>()

  /**
   * @throws XchatError CALL_STALE
   */
  checkFresh(sentAt: number, now: number): void {
    if (now - sentAt > MAX_SIGNAL_AGE_MS) throw new XchatError('CALL_STALE', 'a call signal older than the signaling window')
    if (sentAt - now > MAX_CLOCK_SKEW_MS) throw new XchatError('CALL_STALE', 'a call signal from the future')
  }

  /**
   * Remember an offer's call id.
   * @throws XchatError CALL_REPLAYED when it was seen before (within the window)
   */
  firstOffer(callId: string, now: number): void {
    this.#prune(now)
    if (this.#seen.has(callId)) throw new XchatError('CALL_REPLAYED', 'an offer for a call id seen before')
    this.#seen.set(callId, now)
    if (this.#seen.size > MAX_SEEN_CALL_IDS) this.#seen.delete(this.#seen.keys().next().value ?? '')
  }

  /** Whether a call id was seen (dialled here or offered). */
  has(callId: string): boolean {
    return this.#seen.has(callId)
  }

  #prune(now: number): void {
    for (const [id, at] of this.#seen) {
      if (now - at <= MAX_SIGNAL_AGE_MS + MAX_CLOCK_SKEW_MS) break
      this.#seen.delete(id)
    }
  }
}
