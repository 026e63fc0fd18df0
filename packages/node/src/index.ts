/** @xchat/node: the `xchat` CLI. */
export { main } from './cli/main.js'
export { hasNativeSecp256k1, nativeEcdh } from './crypto/index.js'
