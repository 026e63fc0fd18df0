import type { RefObject } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { XchatSession, SessionSnapshot } from '../app/session.js'

/** The session's snapshot, re-rendering on every change. */
export function useSnapshot(session: XchatSession): SessionSnapshot {
  const [snapshot, setSnapshot] = useState(session.snapshot)
  useEffect(() => {
    setSnapshot(session.snapshot)
    return session.subscribe(() => setSnapshot(session.snapshot))
  }, [session])
  return snapshot
}

/** Focus an element when it mounts (headings of new screens, for keyboard and screen-reader users). */
export function useFocusOnMount<T extends HTMLElement>(deps: readonly unknown[] = []): RefObject<T | null> {
  const ref = useRef<T>(null)
  useEffect(() => {
    ref.current?.focus()
  }, deps)
  return ref
}
