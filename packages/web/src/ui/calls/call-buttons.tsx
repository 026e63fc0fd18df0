import type { CallController } from '../../app/calls/index.js'
import { useCall } from './use-call.js'

/** Audio and video call buttons for a chat's header. */
export function CallButtons({ calls, accountId, name }: { calls: CallController | undefined; accountId: string; name: string }) {
  const { call } = useCall(calls)
  const busy = calls === undefined || (call !== undefined && call.state !== 'ended')
  return (
    <div class="call-buttons" role="group" aria-label="Call">
      <button
        type="button"
        class="secondary small"
        data-testid="call-audio"
        disabled={busy}
        aria-label={`Audio call with ${name}`}
        onClick={() => void calls?.start(accountId, 'audio')}
      >
        Call
      </button>
      <button
        type="button"
        class="secondary small"
        data-testid="call-video"
        disabled={busy}
        aria-label={`Video call with ${name}`}
        onClick={() => void calls?.start(accountId, 'video')}
      >
        Video
      </button>
    </div>
  )
}
