import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'
import { seal, open, passwordKey, randomBytes, DEFAULT_SCRYPT, type ScryptParams } from '../crypto/index.js'
import { limits } from '../wire/index.js'

/** What a keystore protects: enough to re-derive every key of this device. */
export interface KeystoreSecrets {
  readonly mnemonic: string
  readonly passphrase: string
  readonly deviceIndex: number
  /** ms since epoch; the device certificate's creation time */
  readonly createdAt: number
}

/** Options for sealing and opening. */
export interface KeystoreOptions {
  /** scrypt cost; defaults to {@link DEFAULT_SCRYPT}. Stored in the file. */
  readonly scrypt?: ScryptParams
  /** 0..1 while the password key is derived. */
  readonly onProgress?: (fraction: number) => void
}

const FORMAT = 'xchat-keystore'
const VERSION = 1
const SALT_BYTES = 32
/**
 * Most scrypt work a keystore may ask for: 128·N·r·p bytes-worth, 8× the default
 * (2^17·8·128 = 128 MiB). A damaged or hostile file must not make us allocate
 * gigabytes or spin for minutes before the password is even checked.
 */
const MAX_SCRYPT_WORK = 2 ** 30

type KdfHeader = { name: 'scrypt'; N: number; r: number; p: number; salt: string } | { name: 'none' }

interface KeystoreFile {
  format: typeof FORMAT
  version: number
  kdf: KdfHeader
  cipher?: 'xchacha20-poly1305'
  nonce?: string
  ciphertext?: string
  /** Only with kdf "none" (the explicit --no-password choice). */
  plaintext?: string
}

/**
 * Seal secrets into keystore bytes (JSON). With a password: scrypt →
 * XChaCha20-Poly1305, the header bound as associated data so its parameters
 * cannot be swapped. With `null`: stored unencrypted, marked `kdf: none`.
 */
export async function sealKeystore(secrets: KeystoreSecrets, password: string | null, options: KeystoreOptions = {}): Promise<Uint8Array> {
  const body = utf8ToBytes(JSON.stringify(secrets))
  if (password === null) {
    const file: KeystoreFile = { format: FORMAT, version: VERSION, kdf: { name: 'none' }, plaintext: bytesToHex(body) }
    return utf8ToBytes(JSON.stringify(file, null, 2))
  }
  if (password.length === 0) throw new XchatError('WRONG_PASSWORD', 'the password is empty: choose one, or use --no-password')
  const params = options.scrypt ?? DEFAULT_SCRYPT
  if (!scryptParamsOk(params)) {
    throw new RangeError(
      `"scrypt" expected N a power of 2 ≥ 2, r and p positive integers, 128·N·r·p ≤ 2**30, got ${JSON.stringify({ N: params.N, r: params.r, p: params.p })}`,
    )
  }
  const salt = randomBytes(SALT_BYTES)
  const kdf: KdfHeader = { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: bytesToHex(salt) }
  const key = await passwordKey(password, salt, params, options.onProgress)
  const box = seal(key, body, headerAad(kdf))
  const file: KeystoreFile = {
    format: FORMAT,
    version: VERSION,
    kdf,
    cipher: 'xchacha20-poly1305',
    nonce: bytesToHex(box.nonce),
    ciphertext: bytesToHex(box.ciphertext),
  }
  return utf8ToBytes(JSON.stringify(file, null, 2))
}

/** True if opening these keystore bytes needs a password. */
export function keystoreNeedsPassword(bytes: Uint8Array): boolean {
  return parseFile(bytes).kdf.name !== 'none'
}

/**
 * Open keystore bytes.
 * @throws XchatError WRONG_PASSWORD (also for a damaged ciphertext: the two look alike) | KEYSTORE_CORRUPT | VERSION_TOO_NEW
 */
export async function openKeystore(bytes: Uint8Array, password: string | null, options: KeystoreOptions = {}): Promise<KeystoreSecrets> {
  const file = parseFile(bytes)
  let body: Uint8Array | undefined
  if (file.kdf.name === 'none') {
    body = hexField(file.plaintext, 'plaintext')
  } else {
    if (password === null || password.length === 0) {
      throw new XchatError('WRONG_PASSWORD', 'this keystore is protected by a password: provide it')
    }
    const { N, r, p } = file.kdf
    if (!scryptParamsOk({ N, r, p })) {
      throw new XchatError('KEYSTORE_CORRUPT', 'keystore scrypt parameters are out of range')
    }
    let key: Uint8Array
    try {
      key = await passwordKey(password, hexField(file.kdf.salt, 'salt'), { N, r, p }, options.onProgress)
    } catch (cause) {
      if (cause instanceof XchatError) throw cause
      throw new XchatError('KEYSTORE_CORRUPT', 'keystore scrypt parameters are not usable', { cause })
    }
    body = open(key, { nonce: hexField(file.nonce, 'nonce'), ciphertext: hexField(file.ciphertext, 'ciphertext') }, headerAad(file.kdf))
    if (body === undefined) throw new XchatError('WRONG_PASSWORD', 'wrong password (or the keystore file is damaged)')
  }
  return parseSecrets(body)
}

/** scrypt needs N a power of 2 (≥ 2); the total cost is capped by {@link MAX_SCRYPT_WORK}. */
function scryptParamsOk({ N, r, p }: ScryptParams): boolean {
  if (![N, r, p].every((v) => Number.isSafeInteger(v) && v > 0)) return false
  // the cap first: it keeps N below 2^31, where the bit test below is exact
  return 128 * N * r * p <= MAX_SCRYPT_WORK && N >= 2 && (N & (N - 1)) === 0
}

function headerAad(kdf: KdfHeader): Uint8Array {
  return utf8ToBytes(JSON.stringify({ format: FORMAT, version: VERSION, kdf }))
}

function parseFile(bytes: Uint8Array): KeystoreFile {
  if (bytes.length > limits.MAX_KEYSTORE_BYTES) throw new XchatError('KEYSTORE_CORRUPT', 'keystore file is too large')
  let file: unknown
  try {
    file = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (cause) {
    throw new XchatError('KEYSTORE_CORRUPT', 'keystore file is not valid JSON', { cause })
  }
  if (!isRecord(file) || file['format'] !== FORMAT) {
    throw new XchatError('KEYSTORE_CORRUPT', 'not an xchat keystore file')
  }
  const version = file['version']
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new XchatError('KEYSTORE_CORRUPT', 'keystore version is missing or not a positive integer')
  }
  if (version > VERSION) throw new XchatError('VERSION_TOO_NEW', `keystore version ${version} is newer than this xchat: update it`)
  const kdf = file['kdf']
  if (!isRecord(kdf) || (kdf['name'] !== 'none' && kdf['name'] !== 'scrypt')) {
    throw new XchatError('KEYSTORE_CORRUPT', 'keystore names an unknown key derivation')
  }
  return file as unknown as KeystoreFile
}

function parseSecrets(body: Uint8Array): KeystoreSecrets {
  let s: unknown
  try {
    s = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch (cause) {
    throw new XchatError('KEYSTORE_CORRUPT', 'keystore contents are not valid', { cause })
  }
  if (
    !isRecord(s) ||
    typeof s['mnemonic'] !== 'string' ||
    typeof s['passphrase'] !== 'string' ||
    !Number.isInteger(s['deviceIndex']) ||
    !Number.isInteger(s['createdAt'])
  ) {
    throw new XchatError('KEYSTORE_CORRUPT', 'keystore contents are incomplete')
  }
  return {
    mnemonic: s['mnemonic'],
    passphrase: s['passphrase'],
    deviceIndex: s['deviceIndex'] as number,
    createdAt: s['createdAt'] as number,
  }
}

function hexField(value: unknown, name: string): Uint8Array {
  if (typeof value !== 'string' || !/^(?:[0-9a-f]{2})*$/u.test(value)) {
    throw new XchatError('KEYSTORE_CORRUPT', `keystore field "${name}" is missing or not hex`)
  }
  return hexToBytes(value)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
