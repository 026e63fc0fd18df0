export { hasNativeSecp256k1, nativeEcdh } from './native-ecdh.js'
