/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** Structured fields of a log line: never secrets, never message contents. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>

/** A structured logger writing one JSON object per line. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/**
 * A JSON-lines logger on a writable stream (stderr by default), so operators
 * can feed it to journald, Loki or jq.
 */
export function jsonLogger(options: { level?: LogLevel; write?: (line: string) => void; now?: () => Date } = {}): Logger {
  const min = ORDER[options.level ?? 'info']
  const write = options.write ?? ((line: string) => void process.stderr.write(line))
  const now = options.now ?? (() => new Date())
  const log =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (ORDER[level] < min) return
      write(`${JSON.stringify({ time: now().toISOString(), level, msg, ...fields })}\n`)
    }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}
