export { CallController, type CallSnapshot, type CallControllerInit } from './call-controller.js'
export {
  loadCallSettings,
  saveCallSettings,
  parseIceServers,
  formatIceServers,
  rtcConfigOf,
  DEFAULT_CALL_SETTINGS,
  RING_SECONDS,
  type CallSettings,
  type IceServerSetting,
} from './call-settings.js'
export type { InboundBytes } from './stats.js'
