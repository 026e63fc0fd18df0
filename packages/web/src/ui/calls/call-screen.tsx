import { useEffect, useRef } from 'preact/hooks'
import type { CallController, CallSnapshot } from '../../app/calls/index.js'
import type { ChatContact } from '../../app/chat-backend.js'
import { shortId } from '../chat/format.js'
import { formatDuration, outcomeText, useCall, useElapsed } from './use-call.js'
import './calls.css'

/**
 * The call overlay: the incoming-call screen (accept / decline), the in-call
 * view (remote video, local preview, mute, camera, audio only, hang up,
 * duration) and, once ended, how it ended.
 */
export function CallScreen({ calls, contacts }: { calls: CallController | undefined; contacts: readonly ChatContact[] }) {
  const snapshot = useCall(calls)
  const { call, error } = snapshot
  if (calls === undefined) return null
  if (call === undefined && error === undefined && snapshot.heldFrom !== undefined) {
    const from = snapshot.heldFrom
    return (
      <div class="call-toast notice" role="status" data-testid="call-held">
        <p>
          {shortId(from)} tried to call you but is not in your contacts. <a href={`#add=${from}`}>Add them</a> to take their calls.
        </p>
        <button type="button" class="secondary small" onClick={() => calls.dismiss()}>
          Close
        </button>
      </div>
    )
  }
  if (call === undefined && error === undefined) return null
  if (call === undefined) {
    return (
      <div class="call-toast" role="alert" data-testid="call-error">
        <p>{error}</p>
        <button type="button" class="secondary small" onClick={() => calls.dismiss()}>
          Close
        </button>
      </div>
    )
  }
  const name = contacts.find((c) => c.accountId === call.peer)?.name || shortId(call.peer)
  if (call.state === 'incoming-ringing') return <Incoming calls={calls} name={name} video={call.media === 'video'} />
  return <InCall calls={calls} snapshot={snapshot} name={name} />
}

function Incoming({ calls, name, video }: { calls: CallController; name: string; video: boolean }) {
  const accept = useRef<HTMLButtonElement>(null)
  useEffect(() => accept.current?.focus(), [])
  return (
    <div
      class="call-overlay incoming"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="call-title"
      data-testid="call-screen"
      data-state="incoming-ringing"
    >
      <div class="call-card">
        <p class="call-kind">{video ? 'Video call' : 'Audio call'}</p>
        <h2 id="call-title">{name} is calling…</h2>
        <div class="call-actions">
          <button type="button" class="danger" data-testid="call-decline" onClick={() => calls.decline()}>
            Decline
          </button>
          {video ? (
            <button type="button" class="secondary" data-testid="call-accept-audio" onClick={() => void calls.accept(true)}>
              Accept without video
            </button>
          ) : null}
          <button type="button" class="primary" data-testid="call-accept" ref={accept} onClick={() => void calls.accept()}>
            Accept
          </button>
        </div>
      </div>
    </div>
  )
}

function InCall({ calls, snapshot, name }: { calls: CallController; snapshot: CallSnapshot; name: string }) {
  const call = snapshot.call!
  const seconds = useElapsed(call.state === 'active' ? call.connectedAt : undefined)
  const ended = call.state === 'ended'
  const hangup = useRef<HTMLButtonElement>(null)
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => (ended ? close.current : hangup.current)?.focus(), [ended])
  const status = ended
    ? outcomeText(call.reason ?? 'hangup', call.direction)
    : call.state === 'active'
      ? formatDuration(seconds)
      : call.state === 'connecting'
        ? 'Connecting…'
        : call.remoteRinging
          ? 'Ringing…'
          : 'Calling…'
  return (
    <div
      class={`call-overlay in-call ${snapshot.audioOnly && call.media === 'audio' ? 'audio' : ''}`}
      role="dialog"
      aria-modal="true"
      aria-labelledby="call-title"
      data-testid="call-screen"
      data-state={call.state}
      data-reason={call.reason}
    >
      <div class="call-stage">
        <Video class="remote-video" testId="remote-video" stream={snapshot.remote} muted={false} label={`Video of ${name}`} />
        {snapshot.local && !snapshot.audioOnly ? (
          <Video class="local-video" testId="local-video" stream={snapshot.local} muted label="Your camera" />
        ) : null}
      </div>
      <div class="call-bar">
        <div class="call-title">
          <h2 id="call-title">{name}</h2>
          <p role="status" aria-live="polite" data-testid="call-status">
            {status}
          </p>
        </div>
        {ended ? (
          <div class="call-actions">
            <button type="button" class="secondary" ref={close} data-testid="call-close" onClick={() => calls.dismiss()}>
              Close
            </button>
          </div>
        ) : (
          <div class="call-actions" role="group" aria-label="Call controls">
            <button
              type="button"
              class="secondary"
              aria-pressed={snapshot.muted}
              data-testid="call-mute"
              onClick={() => calls.toggleMute()}
            >
              {snapshot.muted ? 'Unmute' : 'Mute'}
            </button>
            {!snapshot.audioOnly ? (
              <>
                <button
                  type="button"
                  class="secondary"
                  aria-pressed={snapshot.cameraOff}
                  data-testid="call-camera"
                  onClick={() => calls.toggleCamera()}
                >
                  {snapshot.cameraOff ? 'Camera on' : 'Camera off'}
                </button>
                <button type="button" class="secondary" data-testid="call-audio-only" onClick={() => void calls.switchToAudio()}>
                  Audio only
                </button>
              </>
            ) : null}
            <button type="button" class="danger" ref={hangup} data-testid="call-hangup" onClick={() => calls.hangup()}>
              Hang up
            </button>
          </div>
        )}
      </div>
    </div>
  )
}

function Video(props: { class: string; testId: string; stream: MediaStream | undefined; muted: boolean; label: string }) {
  const ref = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    const el = ref.current
    if (el === null) return
    if (el.srcObject !== (props.stream ?? null)) el.srcObject = props.stream ?? null
    if (props.stream !== undefined) void el.play().catch(() => undefined)
  }, [props.stream, props.stream?.getTracks().length])
  return (
    <video ref={ref} class={props.class} data-testid={props.testId} autoplay playsInline muted={props.muted} aria-label={props.label} />
  )
}
