import { Command, CommanderError } from 'commander'
import { initCommand } from './init.js'
import { recoverCommand } from './recover.js'
import { whoamiCommand } from './whoami.js'
import { verifyCommand } from './verify.js'
import { relayCommand } from './relay.js'
import { listenCommand } from './listen.js'
import { resolveCommand } from './resolve.js'
import { startCommand } from './start.js'
import { sendCommand } from './send.js'
import { sendFileCommand } from './send-file.js'
import { cancelFileCommand } from './cancel-file.js'
import { historyCommand } from './history.js'
import { contactsCommand } from './contacts.js'
import { timerCommand } from './timer.js'
import { vaultCommand } from './vault.js'
import { devicesCommand } from './devices.js'
import { groupCommand } from './group.js'

/** Each command registers itself on the program; order is the order in --help. */
const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  initCommand,
  recoverCommand,
  whoamiCommand,
  verifyCommand,
  listenCommand,
  sendCommand,
  sendFileCommand,
  cancelFileCommand,
  historyCommand,
  contactsCommand,
  timerCommand,
  vaultCommand,
  devicesCommand,
  groupCommand,
  resolveCommand,
  relayCommand,
  startCommand,
]

/** The `xchat` program with every command. */
export function buildProgram(): Command {
  const program = new Command('xchat')
    .description('xchat: end-to-end encrypted chat with no phone number and no central server')
    .version('0.1.0')
    .option('--data <dir>', 'data folder (default: $XCHAT_DATA or ~/.xchat)')
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
  for (const add of COMMANDS) add(program)
  for (const cmd of program.commands) cmd.exitOverride()
  return program
}

export { CommanderError }
