import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { XCHAT_BIN } from './run-cli.js'

/** A long-running `xchat` process (relay, listen) and the JSON lines it printed. */
export interface XchatProcess {
  readonly child: ChildProcess
  readonly lines: Record<string, unknown>[]
  /** Resolve with the first JSON line matching `pred` (already printed or to come); rejects on exit or timeout. */
  waitFor(pred: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>
  /** SIGTERM and wait for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  stderr(): string
}

const running = new Set<XchatProcess>()

/** Start `xchat args…`; stdout lines that parse as JSON are collected. */
export function startXchat(args: readonly string[], env: Record<string, string> = {}): XchatProcess {
  const child = spawn(process.execPath, [XCHAT_BIN, ...args], {
    env: { ...process.env, XCHAT_PASSWORD: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: Record<string, unknown>[] = []
  const waiters = new Set<() => void>()
  let stderr = ''
  let exited: number | null | undefined
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>)
    } catch {
      return
    }
    for (const w of waiters) w()
  })
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exited = code
      for (const w of waiters) w()
      resolve(code)
    }),
  )
  const proc: XchatProcess = {
    child,
    lines,
    stderr: () => stderr,
    waitFor(pred, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const hit = lines.find(pred)
          if (hit) return finish(() => resolve(hit))
          if (exited !== undefined)
            finish(() => reject(new Error(`xchat ${args[0]} exited (${String(exited)}) before the expected line; stderr: ${stderr}`)))
        }
        const timer = setTimeout(
          () => finish(() => reject(new Error(`timed out waiting for a line from xchat ${args[0]}; stderr: ${stderr}`))),
          timeoutMs,
        )
        const finish = (then: () => void): void => {
          clearTimeout(timer)
          waiters.delete(check)
          then()
        }
        waiters.add(check)
        check()
      })
    },
    async stop(signal = 'SIGTERM') {
      running.delete(proc)
      if (exited === undefined) child.kill(signal)
      return exit
    },
  }
  running.add(proc)
  return proc
}

/** Stop every process a test left running. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map(async (p) => p.stop('SIGKILL')))
}
