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
export {
  SealedEnvelope as SealedEnvelopePb,
  KeyProof as KeyProofPb,
  OneTimePrekey as MailboxOneTimePrekeyPb,
  MailboxRequest as MailboxRequestPb,
  MailboxResponse as MailboxResponsePb,
  MailboxStatus as MailboxStatusPb,
  StoredEnvelope as StoredEnvelopePb,
  StoredMail as StoredMailPb,
  MailboxUsage as MailboxUsagePb,
} from './proto/mailbox.js'
export {
  Envelope as EnvelopePb,
  Content as ContentPb,
  Text as TextPb,
  Receipt as ReceiptPb,
  ResendRequest as ResendRequestPb,
  DeliveryAck as DeliveryAckPb,
  FileOffer as FileOfferPb,
} from './proto/messaging.js'
export {
  GroupOp as GroupOpPb,
  GroupOpBody as GroupOpBodyPb,
  GroupInvite as GroupInvitePb,
  GroupInviteBody as GroupInviteBodyPb,
  SenderKeyDistribution as SenderKeyDistributionPb,
  GroupControl as GroupControlPb,
  GroupMessage as GroupMessagePb,
  GroupPayload as GroupPayloadPb,
  GroupFetchRequest as GroupFetchRequestPb,
  GroupFetchResponse as GroupFetchResponsePb,
} from './proto/groups.js'
export {
  FileManifest as FileManifestPb,
  FileRequest as FileRequestPb,
  FileChunk as FileChunkPb,
  FileMail as FileMailPb,
} from './proto/files.js'
export { CallSignal as CallSignalPb, IceCandidate as IceCandidatePb } from './proto/calls.js'
export {
  VaultEntry as VaultEntryPb,
  VaultBlob as VaultBlobPb,
  SealedVaultBlob as SealedVaultBlobPb,
  VaultRequest as VaultRequestPb,
  VaultResponse as VaultResponsePb,
  VaultStatus as VaultStatusPb,
  VaultProof as VaultProofPb,
  VaultUsage as VaultUsagePb,
} from './proto/vault.js'
export { decodeBounded, checkVersion, type Decoder } from './decode.js'
export * as limits from './limits.js'
