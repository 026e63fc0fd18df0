/** The local camera and microphone of a call. */
import type { CallMedia } from '@xchat/core'

/**
 * Open the microphone (and camera for video).
 * @throws Error with a user-facing message when the browser refuses
 */
export async function openLocalMedia(media: CallMedia): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: media === 'video' ? { width: 640, height: 480 } : false })
  } catch (err) {
    const name = err instanceof DOMException ? err.name : ''
    if (name === 'NotAllowedError') throw new Error('The browser did not allow the microphone or camera.')
    if (name === 'NotFoundError') throw new Error('No microphone or camera was found.')
    throw new Error('The microphone or camera could not be opened.')
  }
}

/** Mute or unmute the microphone (the track keeps running; the other side gets silence). */
export function setMuted(stream: MediaStream | undefined, muted: boolean): void {
  for (const t of stream?.getAudioTracks() ?? []) t.enabled = !muted
}

/** Turn the camera picture off or on (black frames meanwhile). */
export function setCameraOff(stream: MediaStream | undefined, off: boolean): void {
  for (const t of stream?.getVideoTracks() ?? []) t.enabled = !off
}

/** Stop every track (the camera light goes off). */
export function stopMedia(stream: MediaStream | undefined): void {
  for (const t of stream?.getTracks() ?? []) t.stop()
}
