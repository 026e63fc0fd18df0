/**
 * `window.__xchatCall`: the call state and inbound RTP bytes, for tests and
 * benchmarks (page scripts can reach all of it anyway; it holds no secrets).
 */
import type { CallController } from './call-controller.js'
import type { InboundBytes } from './stats.js'

export interface XchatCallDebugHook {
  /** The call's state and end reason, if any. */
  state(): { id: string; state: string; reason?: string } | undefined
  /** Inbound RTP bytes of the current call. */
  stats(): Promise<InboundBytes | undefined>
}

declare global {
  interface Window {
    __xchatCall?: XchatCallDebugHook
  }
}

export function installCallDebug(calls: CallController): void {
  window.__xchatCall = {
    state: () => {
      const c = calls.snapshot.call
      return c === undefined ? undefined : { id: c.id, state: c.state, ...(c.reason === undefined ? {} : { reason: c.reason }) }
    },
    stats: async () => calls.stats(),
  }
}
