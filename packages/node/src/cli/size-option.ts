import { UsageError } from './exit-codes.js'

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
}

/**
 * A byte size from the command line: a whole number with an optional binary
 * unit (`0`, `1048576`, `512k`, `25MiB`, `1g`; k/M/G are 1024-based).
 * @throws UsageError naming the option
 */
export function sizeOption(name: string, text: string): number {
  const match = /^(\d+)\s*([a-z]*)$/iu.exec(text.trim())
  const unit = UNITS[(match?.[2] ?? '').toLowerCase()]
  const n = match === null || unit === undefined ? NaN : Number(match[1]) * unit
  if (!Number.isSafeInteger(n)) throw new UsageError(`${name} expects a size such as 0, 512k or 25MiB, got "${text}"`)
  return n
}
