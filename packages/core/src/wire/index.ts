export { DeviceCertificate as DeviceCertificatePb } from './proto/identity.js'
export { decodeBounded, checkVersion, type Decoder } from './decode.js'
export * as limits from './limits.js'
