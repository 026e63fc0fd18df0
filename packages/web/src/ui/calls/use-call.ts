import { useEffect, useState } from 'preact/hooks'
import type { CallController, CallSnapshot } from '../../app/calls/index.js'

const NONE: CallSnapshot = { muted: false, cameraOff: false, audioOnly: false }

/** The call controller's snapshot, re-rendering on every change. */
export function useCall(calls: CallController | undefined): CallSnapshot {
  const [snapshot, setSnapshot] = useState(calls?.snapshot ?? NONE)
  useEffect(() => {
    if (calls === undefined) return
    setSnapshot(calls.snapshot)
    return calls.subscribe(() => setSnapshot(calls.snapshot))
  }, [calls])
  return calls === undefined ? NONE : snapshot
}

/** Seconds since `since` (ms epoch), ticking every second while set. */
export function useElapsed(since: number | undefined): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    if (since === undefined) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [since])
  return since === undefined ? 0 : Math.max(0, Math.floor((now - since) / 1000))
}

/** 75 → "1:15"; 3700 → "1:01:40". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

/** How a call ended, in words. */
export function outcomeText(outcome: string, direction: 'in' | 'out'): string {
  switch (outcome) {
    case 'hangup':
      return 'Call ended'
    case 'declined':
      return direction === 'out' ? 'Declined' : 'You declined'
    case 'busy':
      return direction === 'out' ? 'Busy' : 'Missed call (you were in another call)'
    case 'no-answer':
      return direction === 'out' ? 'No answer' : 'Missed call'
    case 'cancelled':
      return direction === 'out' ? 'Cancelled' : 'Missed call'
    case 'failed':
      return 'Call failed: no connection could be made'
    case 'answered-elsewhere':
      return 'Answered on another device'
    default:
      return 'Call ended'
  }
}
