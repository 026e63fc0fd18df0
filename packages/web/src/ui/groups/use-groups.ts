import { useEffect, useState } from 'preact/hooks'
import type { ChatBackend, GroupChatMessage, GroupSummary } from '../../app/chat-backend.js'

/** This account's groups, re-read whenever a `groups` event says one changed. */
export function useGroups(backend: ChatBackend | undefined): readonly GroupSummary[] {
  const [groups, setGroups] = useState<GroupSummary[]>([])
  useEffect(() => {
    if (backend === undefined) return
    let live = true
    const load = (): void => {
      backend.groups().then(
        (list) => live && setGroups(list),
        () => undefined,
      )
    }
    load()
    const off = backend.subscribe((e) => {
      if (e.type === 'groups') load()
    })
    return () => {
      live = false
      off()
    }
  }, [backend])
  return groups
}

/** One group's messages, oldest first, re-read when the group changes. */
export function useGroupMessages(backend: ChatBackend, groupId: string): { messages: readonly GroupChatMessage[]; loaded: boolean } {
  const [state, setState] = useState<{ messages: GroupChatMessage[]; loaded: boolean }>({ messages: [], loaded: false })
  useEffect(() => {
    setState({ messages: [], loaded: false })
    let live = true
    const load = (): void => {
      backend.groupHistory(groupId, { limit: 500 }).then(
        (messages) => live && setState({ messages, loaded: true }),
        () => live && setState((s) => ({ ...s, loaded: true })),
      )
    }
    load()
    const off = backend.subscribe((e) => {
      if (e.type === 'groups' && e.group === groupId) load()
    })
    return () => {
      live = false
      off()
    }
  }, [backend, groupId])
  return state
}

/** A group's disappearing timer (ms; null: off; undefined while loading), kept current from `timer` events. */
export function useGroupTimer(backend: ChatBackend, groupId: string): number | null | undefined {
  const [timer, setTimer] = useState<number | null | undefined>(undefined)
  useEffect(() => {
    let live = true
    setTimer(undefined)
    void backend.groupTimer(groupId).then(
      (t) => live && setTimer(t),
      () => undefined,
    )
    const off = backend.subscribe((e) => {
      if (e.type === 'timer' && e.conversation === groupId) setTimer(e.expireAfterMs)
    })
    return () => {
      live = false
      off()
    }
  }, [backend, groupId])
  return timer
}
