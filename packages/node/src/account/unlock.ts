import { DeviceKeys, keystoreNeedsPassword, openKeystore } from '@xchat/core'
import type { Output } from '../io/output.js'
import { readKeystore } from './data-dir.js'
import { existingPassword } from './password.js'

/** Open the keystore in `dir` (asking for the password if it has one) and derive this device's keys. */
export async function unlockDevice(dir: string, out: Output): Promise<DeviceKeys> {
  const bytes = await readKeystore(dir)
  const password = keystoreNeedsPassword(bytes) ? await existingPassword() : null
  const secrets = await openKeystore(bytes, password, {
    onProgress: (f) => out.status(`Unlocking keys… ${Math.round(f * 100)}%`),
  })
  out.clearStatus()
  return DeviceKeys.fromSecrets(secrets)
}
