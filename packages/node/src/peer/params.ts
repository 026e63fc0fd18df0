/**
 * Checked reads of operation parameters (they come over the local IPC socket
 * as JSON, or from a command): a wrong type is a TypeError naming the field.
 */
type Params = Readonly<Record<string, unknown>>

/** A required string parameter. */
export function str(params: Params, name: string): string {
  const v = params[name]
  if (typeof v !== 'string') throw new TypeError(`"${name}" expected a string`)
  return v
}

/** A message's disappearing timer (core checks the range again). */
export function timerParams(p: Params): { expireAfterMs?: number; viewOnce?: boolean } {
  const ms = p['expireAfterMs']
  if (ms !== undefined && typeof ms !== 'number') throw new TypeError('"expireAfterMs" expected a number')
  return { ...(ms === undefined ? {} : { expireAfterMs: ms }), ...(p['viewOnce'] === true ? { viewOnce: true } : {}) }
}
