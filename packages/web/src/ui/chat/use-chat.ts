import { useEffect, useState } from 'preact/hooks'
import type { ChatBackend, ChatContact, ChatMessage, ConversationSummary } from '../../app/chat-backend.js'

/** Contacts and conversations, kept current from backend events. */
export function useContacts(backend: ChatBackend | undefined): {
  contacts: readonly ChatContact[]
  conversations: readonly ConversationSummary[]
  loaded: boolean
} {
  const [state, setState] = useState<{ contacts: ChatContact[]; conversations: ConversationSummary[]; loaded: boolean }>({
    contacts: [],
    conversations: [],
    loaded: false,
  })
  useEffect(() => {
    if (backend === undefined) return
    let live = true
    const load = (): void => {
      void Promise.all([backend.contacts(), backend.conversations()]).then(([contacts, conversations]) => {
        if (live) setState({ contacts, conversations, loaded: true })
      })
    }
    load()
    const off = backend.subscribe((e) => {
      if (e.type !== 'warning' && e.type !== 'groups') load()
    })
    return () => {
      live = false
      off()
    }
  }, [backend])
  return state
}

/** One conversation's messages, oldest first, updated in place as states change. */
export function useMessages(backend: ChatBackend | undefined, accountId: string): { messages: readonly ChatMessage[]; loaded: boolean } {
  const [state, setState] = useState<{ messages: ChatMessage[]; loaded: boolean }>({ messages: [], loaded: false })
  useEffect(() => {
    setState({ messages: [], loaded: false })
    if (backend === undefined) return
    let live = true
    const pending: ChatMessage[] = []
    let loaded = false
    const off = backend.subscribe((e) => {
      if (e.type === 'expired' && e.conversation === accountId) {
        setState((st) => ({ messages: st.messages.filter((m) => m.id !== e.id), loaded: st.loaded }))
        return
      }
      if (e.type !== 'message' || e.message.conversation !== accountId) return
      if (!loaded) pending.push(e.message)
      else setState((s) => ({ messages: upsert(s.messages, e.message), loaded: true }))
    })
    void backend.history(accountId, { limit: 500 }).then((history) => {
      if (!live) return
      loaded = true
      setState({ messages: pending.reduce(upsert, history), loaded: true })
    })
    return () => {
      live = false
      off()
    }
  }, [backend, accountId])
  return state
}

function upsert(list: ChatMessage[], message: ChatMessage): ChatMessage[] {
  const i = list.findIndex((m) => m.id === message.id)
  if (i < 0) return [...list, message].sort((a, b) => a.sentAt - b.sentAt)
  const next = [...list]
  next[i] = message
  return next
}

/** A conversation's disappearing timer (ms; null: off), kept current from backend events. */
export function useTimer(backend: ChatBackend, accountId: string): number | null | undefined {
  const [timer, setTimer] = useState<number | null | undefined>(undefined)
  useEffect(() => {
    let live = true
    setTimer(undefined)
    void backend.timer(accountId).then((t) => live && setTimer(t))
    const off = backend.subscribe((e) => {
      if (e.type === 'timer' && e.conversation === accountId) setTimer(e.expireAfterMs)
    })
    return () => {
      live = false
      off()
    }
  }, [backend, accountId])
  return timer
}

/** The current time, ticking every second while `active` (for countdowns). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [active])
  return now
}
