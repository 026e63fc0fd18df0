import { parseDuration, parseTimer } from '@xchat/core'
import { UsageError } from './exit-codes.js'

/** `--expire 30s` etc. as ms; out of 5 s … 4 weeks or not a duration is bad input (exit 2), naming the option. */
export function durationOption(name: string, text: string): number {
  try {
    return parseDuration(text)
  } catch (err) {
    throw new UsageError(`${name}: ${err instanceof Error ? err.message : String(err)}`)
  }
}

/** A timer argument: a duration or `off` (null). */
export function timerArgument(text: string): number | null {
  try {
    return parseTimer(text)
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
}
