export { CallService, type CallInfo, type CallEvents, type CallServiceInit } from './call-service.js'
export { next as nextCallState, canMove as canMoveCall, ENDS_FROM, type CallState, type CallTransition } from './state-machine.js'
export {
  encodeSignal,
  parseSignal,
  type CallSignal,
  type CallMedia,
  type EndReason,
  type SignalKind,
  type IceCandidate,
} from './signal.js'
export { fingerprintsOf, sameFingerprints } from './sdp.js'
export { ReplayGuard } from './replay-guard.js'
export { systemClock, type CallClock, type CallPorts, type InboundSignal, type SignalRoute } from './ports.js'
export * as callConstants from './constants.js'
