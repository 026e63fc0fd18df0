import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { mkdir } from 'node:fs/promises'
import { randomBytes, isXchatError, XchatError } from '@xchat/core'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { writeFileAtomic } from '../account/index.js'

/** File holding the relay's own secp256k1 key (hex), mode 0600. */
export const RELAY_KEY_FILE = 'relay-key.hex'

/**
 * The relay's private key: loaded from `dir`, or made and stored on first
 * start, so a restarted relay keeps its PeerId (peers and other relays
 * bootstrap from it by that id).
 */
export async function loadOrCreateRelayKey(dir: string): Promise<Uint8Array> {
  const path = join(dir, RELAY_KEY_FILE)
  try {
    const hex = (await readFile(path, 'utf8')).trim()
    if (!/^[0-9a-f]{64}$/u.test(hex)) throw new XchatError('KEYSTORE_CORRUPT', `${path} is damaged: delete it to make a new relay identity`)
    return hexToBytes(hex)
  } catch (err) {
    if (isXchatError(err) || (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  await mkdir(dir, { recursive: true, mode: 0o700 })
  // secp256k1 private keys must be < n; 32 random bytes are out of range with probability ~2^-128
  const key = randomBytes(32)
  await writeFileAtomic(path, `${bytesToHex(key)}\n`)
  return key
}
