import { buildProgram, CommanderError } from './program.js'
import { EXIT_BAD_INPUT, EXIT_OK, exitCodeFor } from './exit-codes.js'

/**
 * Run the CLI on argv and return the exit code: 0 ok, 2 bad input (one line
 * naming the problem on stderr), 1 runtime failure.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync(argv)
    return EXIT_OK
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has printed its own message (or the help) already
      return err.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT
    }
    const code = exitCodeFor(err)
    const message = err instanceof Error ? err.message : String(err)
    process.stderr.write(`xchat: ${message}\n`)
    if (process.env['XCHAT_DEBUG'] && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`)
    return code
  }
}
