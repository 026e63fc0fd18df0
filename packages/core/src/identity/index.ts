export {
  generateMnemonic,
  parseMnemonic,
  normaliseMnemonic,
  mnemonicToSeed,
  suggestWords,
  type WordCount,
  type ValidMnemonic,
} from './mnemonic.js'
export {
  deriveKey,
  deriveExtendedKey,
  type ExtendedKey,
  deriveAccountKey,
  deriveDeviceKey,
  devicePath,
  assertDeviceIndex,
  HdKeyPair,
  XCHAT_ROOT_PATH,
  ACCOUNT_KEY_PATH,
  VAULT_KEY_PATH,
  MAX_DEVICE_INDEX,
} from './hd-keys.js'
export { encodeAccountId, decodeAccountId, parseAccountId, ACCOUNT_ID_PREFIX, type AccountId } from './account-id.js'
export {
  issueDeviceCertificate,
  verifyDeviceCertificate,
  encodeDeviceCertificate,
  decodeDeviceCertificate,
  CERTIFICATE_VERSION,
  CERTIFICATE_DOMAIN,
  type DeviceCertificate,
} from './device-cert.js'
export { safetyNumber, SAFETY_NUMBER_ITERATIONS, type SafetyNumber } from './safety-number.js'
export { sealKeystore, openKeystore, keystoreNeedsPassword, type KeystoreSecrets, type KeystoreOptions } from './keystore.js'
export { DeviceKeys, type DeviceIdentity } from './account.js'
