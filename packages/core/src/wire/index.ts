export { DeviceCertificate as DeviceCertificatePb } from './proto/identity.js'
export {
  DeviceEntry as DeviceEntryPb,
  DirectoryRecord as DirectoryRecordPb,
  SignedDirectoryRecord as SignedDirectoryRecordPb,
} from './proto/directory.js'
export {
  RatchetHeader as RatchetHeaderPb,
  RatchetMessage as RatchetMessagePb,
  PreKeyMessage as PreKeyMessagePb,
  PrekeyBundle as PrekeyBundlePb,
  SessionState as SessionStatePb,
  SessionRecord as SessionRecordPb,
} from './proto/session.js'
export { decodeBounded, checkVersion, type Decoder } from './decode.js'
export * as limits from './limits.js'
