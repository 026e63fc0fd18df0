import { execFile } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The built CLI: tests run what users run. */
export const XCHAT_BIN = fileURLToPath(new URL('../dist/bin/xchat.js', import.meta.url))

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Run `xchat args…` with optional stdin and environment; never throws on a non-zero exit. */
export function runCli(args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [XCHAT_BIN, ...args],
      { env: { ...process.env, XCHAT_PASSWORD: '', XCHAT_DATA: '', ...options.env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1
        resolve({ code, stdout, stderr })
      },
    )
    child.stdin?.end(options.input ?? '')
  })
}

/** A fresh temp folder for one test. */
export function tempDir(prefix = 'xchat-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}
