export {
  resolveDataDir,
  hasAccount,
  accountInfo,
  writeAccount,
  readAccountInfo,
  readKeystore,
  KEYSTORE_FILE,
  ACCOUNT_FILE,
  type AccountInfo,
} from './data-dir.js'
export { writeFileAtomic } from './atomic-write.js'
export { newPassword, existingPassword, PASSWORD_ENV } from './password.js'
export { unlockDevice } from './unlock.js'
export { createDevice } from './create-device.js'
