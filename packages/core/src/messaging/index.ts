export { Messenger, type MessengerInit, type SendResult, type SendOptions, type DeviceDelivery, type CallSignalRoute } from './messenger.js'
export { Contacts, MAX_CONTACT_NAME_LENGTH } from './contacts.js'
export type { MessengerEvents, MessageView, DeliveryPath, FileControlDetail, CallSignalArrival } from './events.js'
export type { DirectPort, MailboxPort, MailItem, DirectoryPort, DirectoryDeviceInfo, DeviceAddress, RelayAddress } from './ports.js'
export { relaysOf, type PeerDevice } from './devices.js'
export {
  encodeEnvelope,
  parseEnvelope,
  envelopeAd,
  encodeDeliveryAck,
  parseDeliveryAck,
  type Envelope,
  type DeliveryAnswer,
} from './envelope.js'
export {
  encodeContent,
  parseContent,
  type MessageContent,
  type ContentBody,
  type ReceiptKind,
  type FileControlKind,
  type MessageTimer,
} from './content.js'
export { acceptSeq, missingSeqs } from './ordering.js'
export { checkDevice, acceptChange, type DeviceVerdict } from './identity-guard.js'
export { SIGNED_PREKEY_ROTATION_MS, SIGNED_PREKEY_KEEP_MS } from './own-prekeys.js'
export * as messagingConstants from './constants.js'
