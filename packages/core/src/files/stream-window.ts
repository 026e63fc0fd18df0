/**
 * A larger yamux receive window for a files stream, granted in few updates.
 * js-yamux grants credit back after every data frame it receives, and on
 * loopback never grows its 256 KiB window (it grows only when a window is
 * used up within 4 round trips, and a round trip measures 0 ms): a 1 GiB
 * download sent ~5,000 window-update frames, each its own Noise message,
 * socket write and wake-up of the sender. Here the window is raised to
 * {@link FILE_STREAM_WINDOW} once and credit is granted back only when half
 * of it is used: at most ~500 updates per GiB (yamux's own tuning may then
 * double the window up to its 16 MiB maximum, which makes them rarer still). The bytes in flight are still bounded
 * by the download's requests (REQUESTS_IN_FLIGHT × REQUEST_BYTES), so the
 * larger window does not raise memory.
 *
 * Raising a window through a window update is plain yamux (any peer
 * accepts it); only this side's bookkeeping is reached into, duck-typed: a
 * stream that is not a js-yamux stream (another muxer, a test double) is
 * left as it is.
 */

/** The receive window of a files stream: above what the requests in flight can bring, so it never throttles them. */
export const FILE_STREAM_WINDOW = 4 * 1024 * 1024

/** The fields of a js-yamux 8 stream used here. */
interface YamuxReceiveWindow {
  recvWindow: number
  recvWindowCapacity: number
  readonly maxStreamWindowSize: number
  sendWindowUpdate(): void
}

function isYamuxStream(stream: unknown): stream is YamuxReceiveWindow {
  const s = stream as Partial<Record<keyof YamuxReceiveWindow, unknown>> | null | undefined
  return (
    typeof s?.recvWindow === 'number' &&
    typeof s.recvWindowCapacity === 'number' &&
    typeof s.maxStreamWindowSize === 'number' &&
    typeof s.sendWindowUpdate === 'function'
  )
}

/**
 * Raise `stream`'s receive window to `bytes` (at most the muxer's maximum)
 * and from then on grant credit back only once half the window is used.
 * Call it on an open, negotiated stream.
 * @returns whether the stream is a yamux stream that was changed
 */
export function widenReceiveWindow(stream: unknown, bytes = FILE_STREAM_WINDOW): boolean {
  if (!isYamuxStream(stream)) return false
  const update = stream.sendWindowUpdate.bind(stream)
  stream.recvWindow = Math.max(stream.recvWindow, Math.min(bytes, stream.maxStreamWindowSize))
  stream.sendWindowUpdate = () => {
    if (stream.recvWindowCapacity > stream.recvWindow / 2) return
    update()
  }
  // grant the difference now: the sender may use the whole window from the start
  update()
  return true
}
