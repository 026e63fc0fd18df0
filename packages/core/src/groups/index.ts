export {
  GroupEngine,
  topicOf,
  type GroupEngineInit,
  type GroupEvents,
  type GroupView,
  type GroupSendResult,
  type GroupSendOptions,
} from './engine.js'
export type { ExpiredGroupMessage } from './group-sweeper.js'
export type { GroupControlPort, GroupFanout, ControlSender } from './ports.js'
export type { GroupMessageRecord } from './group-store.js'
export { MemoryControlHub, MemoryFanoutHub } from './memory.js'
export { applyOp, foldChain, isAdmin, isMember, type GroupState, type GroupMember } from './state.js'
export { OpGraph } from './op-graph.js'
export { RelayGroupStore, type RelayGroupStats } from './relay-store.js'
export { signOp, parseOp, signInvite, parseInvite, type GroupOp, type OpInit, type OpKind, type Invite } from './op.js'
export {
  createSenderChain,
  distributionOf,
  chainFromDistribution,
  encryptOnChain,
  decryptOnChain,
  parseGroupMessage,
  keepUntilOf,
  type SenderChain,
  type SenderKeyDistribution,
} from './sender-key.js'
export { encodeControl, parseControl, type GroupControl } from './control.js'
export * as groupConstants from './constants.js'
