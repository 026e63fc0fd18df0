import { DeviceKeys, peerIdOfDevice, sealKeystore, type ValidMnemonic } from '@xchat/core'
import type { Output } from '../io/output.js'
import { UsageError } from '../cli/exit-codes.js'
import { accountInfo, hasAccount, writeAccount, type AccountInfo } from './data-dir.js'
import { newPassword } from './password.js'

/** What `init` and `recover` need to make a device. */
export interface CreateDeviceOptions {
  readonly dir: string
  readonly mnemonic: ValidMnemonic
  readonly passphrase: string
  readonly deviceIndex: number
  /** false for the explicit --no-password choice */
  readonly usePassword: boolean
  readonly out: Output
  readonly now?: () => number
}

/**
 * Derive a device's keys and write its data folder, all or nothing.
 * @throws UsageError when an account already exists there
 */
export async function createDevice(options: CreateDeviceOptions): Promise<{ keys: DeviceKeys; info: AccountInfo }> {
  const { dir, out } = options
  if (await hasAccount(dir)) {
    throw new UsageError(`an account already exists in ${dir}; "xchat whoami" shows it. Use --data for another folder`)
  }
  const keys = DeviceKeys.fromSecrets({
    mnemonic: options.mnemonic.phrase,
    passphrase: options.passphrase,
    deviceIndex: options.deviceIndex,
    createdAt: (options.now ?? Date.now)(),
  })
  const password = options.usePassword ? await newPassword() : null
  const keystore = await sealKeystore(keys.secrets(), password, {
    onProgress: (f) => out.status(`Encrypting keys with your password… ${Math.round(f * 100)}%`),
  })
  out.clearStatus()
  const info = accountInfo(keys, peerIdOfDevice(keys.device.publicKey).toString())
  await writeAccount(dir, info, keystore)
  return { keys, info }
}
