import { XchatError } from '../errors.js'
import { assertPublicKey, PUBLIC_KEY_LENGTH } from '../crypto/index.js'
import { DIRECTORY_KEY_PREFIX } from './constants.js'

const PREFIX = new TextEncoder().encode(DIRECTORY_KEY_PREFIX)

/**
 * The DHT key of an account's record: `/xchat-dir/` ‖ 33-byte account public key.
 * @throws XchatError INVALID_KEY
 */
export function directoryKey(accountPublicKey: Uint8Array): Uint8Array {
  assertPublicKey(accountPublicKey, 'account public key')
  const key = new Uint8Array(PREFIX.length + PUBLIC_KEY_LENGTH)
  key.set(PREFIX)
  key.set(accountPublicKey, PREFIX.length)
  return key
}

/**
 * The account public key named by a directory DHT key.
 * @throws XchatError RECORD_INVALID (`details.reason` "key") for any other key shape
 */
export function accountOfDirectoryKey(key: Uint8Array): Uint8Array {
  if (key.length !== PREFIX.length + PUBLIC_KEY_LENGTH || !PREFIX.every((b, i) => key[i] === b)) {
    throw new XchatError('RECORD_INVALID', `a directory key is "${DIRECTORY_KEY_PREFIX}" and a ${PUBLIC_KEY_LENGTH}-byte account key`, {
      details: { reason: 'key' },
    })
  }
  return key.subarray(PREFIX.length)
}
