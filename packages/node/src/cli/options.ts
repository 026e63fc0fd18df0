import { UsageError } from './exit-codes.js'

/** Commander collector for repeatable options (`--listen a --listen b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

/** Environment variable with comma-separated bootstrap relay addresses. */
export const BOOTSTRAP_ENV = 'XCHAT_BOOTSTRAP'

/** Bootstrap addresses from `--bootstrap` flags, else $XCHAT_BOOTSTRAP. */
export function bootstrapList(flags: readonly string[]): string[] {
  if (flags.length > 0) return [...flags]
  return (process.env[BOOTSTRAP_ENV] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Parse a whole number option, naming the option in the error. */
export function intOption(name: string, text: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text)
  if (!/^\d+$/u.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} expects a whole number from ${min} to ${max}, got "${text}"`)
  }
  return n
}

/** Resolve when the process gets SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals): void => {
      process.off('SIGINT', on)
      process.off('SIGTERM', on)
      resolve(sig)
    }
    process.on('SIGINT', on)
    process.on('SIGTERM', on)
  })
}
