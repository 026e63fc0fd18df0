import { buildProgram, CommanderError } from './program.js'
import { isXchatError, setEcdhImplementation, type XchatErrorCode } from '@xchat/core'
import { hasNativeSecp256k1, nativeEcdh } from '../crypto/index.js'
import { EXIT_BAD_INPUT, EXIT_OK, exitCodeFor } from './exit-codes.js'

/** What to do next, for errors whose message cannot know the CLI's commands. */
const HINTS: Partial<Record<XchatErrorCode, string>> = {
  IDENTITY_CHANGED: 'compare safety numbers with "xchat verify <accountId>", then send again with --accept-identity',
  UNDELIVERED: 'it stays queued: it is retried while "xchat listen" runs',
  NO_BOOTSTRAP: 'check that the relay runs and its address ends in /p2p/<PeerId>',
  VAULT_UNAVAILABLE: 'the device exists; run "xchat vault sync --all" once a relay is reachable',
  DEVICE_REVOKED: 'recover the account again from its words to use it on this machine as a new device',
}

/**
 * Run the CLI on argv and return the exit code: 0 ok, 2 bad input (one line
 * naming the problem on stderr), 1 runtime failure.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // every ratchet step, handshake and sealed envelope: OpenSSL's secp256k1 where Node has it
  if (hasNativeSecp256k1()) setEcdhImplementation(nativeEcdh)
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
    const hint = isXchatError(err) ? HINTS[err.code] : undefined
    process.stderr.write(`xchat: ${message}${hint ? ` (${hint})` : ''}\n`)
    if (process.env['XCHAT_DEBUG'] && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`)
    return code
  }
}
