export { libp2pPrivateKey, peerIdOfDevice } from './peer-id.js'
