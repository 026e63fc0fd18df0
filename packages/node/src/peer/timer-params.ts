/** A message's disappearing timer from IPC/operation parameters (core checks the range again). */
export function timerParams(p: Readonly<Record<string, unknown>>): { expireAfterMs?: number; viewOnce?: boolean } {
  const ms = p['expireAfterMs']
  if (ms !== undefined && typeof ms !== 'number') throw new TypeError('"expireAfterMs" expected a number')
  return { ...(ms === undefined ? {} : { expireAfterMs: ms }), ...(p['viewOnce'] === true ? { viewOnce: true } : {}) }
}
