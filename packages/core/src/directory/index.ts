export {
  Directory,
  type DirectoryInit,
  type DirectoryNode,
  type DirectoryEvents,
  type PublishResult,
  type ResolvedAccount,
  type ResolvedDevice,
  type RevokeResult,
} from './directory.js'
export {
  buildDirectoryRecord,
  parseDirectoryRecord,
  type BuildDirectoryRecordInit,
  type ParseDirectoryRecordOptions,
  type DirectoryRecord,
  type DirectoryDevice,
  type DirectoryDeviceInput,
  type RecordInvalidReason,
} from './record.js'
export { directoryValidator, type DirectoryValidatorInit, type DhtValidateFn } from './validator.js'
export { directorySelector, type DhtSelectFn } from './selector.js'
export { directoryKey, accountOfDirectoryKey } from './key.js'
export {
  DIRECTORY_NAMESPACE,
  DIRECTORY_KEY_PREFIX,
  DIRECTORY_RECORD_VERSION,
  DIRECTORY_RECORD_DOMAIN,
  DEFAULT_RECORD_TTL_MS,
  DEFAULT_REPUBLISH_MS,
  MAX_RECORD_TTL_MS,
} from './constants.js'
