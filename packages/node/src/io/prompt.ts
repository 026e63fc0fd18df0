import { createInterface } from 'node:readline'

/**
 * Read all of stdin as text (for words piped in by scripts). Capped: no
 * recovery phrase is longer than a few hundred bytes.
 */
export async function readStdin(maxBytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer
    size += buf.length
    if (size > maxBytes) throw new RangeError(`stdin is larger than ${maxBytes} bytes`)
    chunks.push(buf)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Ask one question on the terminal. With `hidden`, typed characters are not
 * echoed (passwords, passphrases, the words themselves).
 */
export async function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
  if (hidden) {
    // readline echoes through _writeToOutput; swallow everything after the prompt
    const mutable = rl as unknown as { _writeToOutput: (s: string) => void }
    let prompted = false
    mutable._writeToOutput = (s: string) => {
      if (!prompted) {
        process.stderr.write(s)
        prompted = true
      }
    }
  }
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve))
  } finally {
    if (hidden) process.stderr.write('\n')
    rl.close()
  }
}

/** True when both stdin and stderr are a terminal, so we may prompt. */
export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY)
}
