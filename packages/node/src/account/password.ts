import { UsageError } from '../cli/exit-codes.js'
import { ask, canPrompt } from '../io/prompt.js'

/** Environment variable a script may use to pass the keystore password. */
export const PASSWORD_ENV = 'XCHAT_PASSWORD'

/**
 * The password protecting a new keystore: $XCHAT_PASSWORD, else asked twice
 * on the terminal. Never from argv (it would land in shell history and `ps`).
 */
export async function newPassword(): Promise<string> {
  const fromEnv = process.env[PASSWORD_ENV]
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (!canPrompt()) {
    throw new UsageError(`a password is needed to encrypt your keys: set ${PASSWORD_ENV}, or pass --no-password to store them unencrypted`)
  }
  const first = await ask('Choose a password for this device: ', true)
  if (first === '') throw new UsageError('the password is empty: choose one, or pass --no-password')
  const again = await ask('Type it again: ', true)
  if (again !== first) throw new UsageError('the two passwords differ; nothing was written')
  return first
}

/** The password of an existing keystore: $XCHAT_PASSWORD, else asked once. */
export async function existingPassword(): Promise<string> {
  const fromEnv = process.env[PASSWORD_ENV]
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (!canPrompt()) throw new UsageError(`this account's keys are password-protected: set ${PASSWORD_ENV}`)
  return ask('Password: ', true)
}
