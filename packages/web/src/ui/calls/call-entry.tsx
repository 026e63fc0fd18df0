import type { ChatMessage } from '../../app/chat-backend.js'
import { formatDuration, outcomeText } from './use-call.js'

/** A call in the chat history: "Video call · 1:15", "Missed audio call", "No answer"… */
export function CallEntryText({ call, direction }: { call: NonNullable<ChatMessage['call']>; direction: 'in' | 'out' }) {
  const kind = call.media === 'video' ? 'Video call' : 'Audio call'
  const text =
    call.durationMs > 0
      ? `${kind} · ${formatDuration(Math.round(call.durationMs / 1000))}`
      : `${kind} · ${outcomeText(call.outcome, direction)}`
  return <>{text}</>
}
