export { goOnline, relaysOf, type OnlineOptions, type OnlinePeer } from './online.js'
