import type { Conversation } from '../store/index.js'

/**
 * A conversation record with its timer set (ms) or removed (undefined), every
 * other field kept as it is.
 */
export function withTimerMs(conv: Conversation, timerMs: number | undefined): Conversation {
  const copy: { -readonly [K in keyof Conversation]: Conversation[K] } = { ...conv }
  delete copy.timerMs
  return timerMs === undefined ? copy : { ...copy, timerMs }
}
