/** Where a command writes: results to stdout, status and errors to stderr. */
export interface Output {
  /** Print a result line (human mode). */
  line(text?: string): void
  /** Print one JSON value on one line. */
  json(value: unknown): void
  /** A transient status line on stderr (only on a terminal and not in --json mode). */
  status(text: string): void
  /** Clear the status line. */
  clearStatus(): void
  /** A warning on stderr. */
  warn(text: string): void
}

/** Output bound to the process streams. */
export function processOutput(jsonMode: boolean): Output {
  const tty = process.stderr.isTTY && !jsonMode
  let statusShown = false
  return {
    line: (text = '') => void process.stdout.write(`${text}\n`),
    json: (value) => void process.stdout.write(`${JSON.stringify(value)}\n`),
    status(text) {
      if (!tty) return
      process.stderr.write(`\r\x1b[2K${text}`)
      statusShown = true
    },
    clearStatus() {
      if (!statusShown) return
      process.stderr.write('\r\x1b[2K')
      statusShown = false
    },
    warn: (text) => void process.stderr.write(`${text}\n`),
  }
}
