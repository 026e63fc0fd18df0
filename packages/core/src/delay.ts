/**
 * Wait `ms`, or less: resolves early (never rejects) when `signal` aborts, so
 * the caller decides what an abort means (its own typed error, or stopping quietly).
 */
export async function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted === true) return
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
    function done(): void {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
  })
}
