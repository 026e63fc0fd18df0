import { mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, basename, join, resolve } from 'node:path'
import { homedir } from 'node:os'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import {
  decodeDeviceCertificate,
  encodeDeviceCertificate,
  decodeAccountId,
  XchatError,
  type DeviceIdentity,
  type DeviceKeys,
} from '@xchat/core'
import { writeFileAtomic } from './atomic-write.js'

/** Files in a data folder. */
export const KEYSTORE_FILE = 'keystore.json'
export const ACCOUNT_FILE = 'account.json'

/** The public, unencrypted description of this device (account.json). */
export interface AccountInfo extends DeviceIdentity {
  readonly version: 1
  readonly peerId: string
  readonly createdAt: number
  /** hex of the encoded device certificate */
  readonly certificate: string
}

/** The data folder: `--data`, else $XCHAT_DATA, else ~/.xchat. */
export function resolveDataDir(option: string | undefined): string {
  return resolve(option ?? process.env['XCHAT_DATA'] ?? join(homedir(), '.xchat'))
}

/** True if an account exists in `dir` (its keystore is the commit point). */
export async function hasAccount(dir: string): Promise<boolean> {
  return exists(join(dir, KEYSTORE_FILE))
}

/** account.json contents for a device. */
export function accountInfo(keys: DeviceKeys, peerId: string): AccountInfo {
  return {
    version: 1,
    ...keys.identity(),
    peerId,
    createdAt: keys.certificate.createdAt,
    certificate: bytesToHex(encodeDeviceCertificate(keys.certificate)),
  }
}

/**
 * Create an account's files in `dir`, all or nothing. A missing folder is
 * built beside it under a temporary name and renamed into place; an existing
 * empty folder gets account.json first and keystore.json last, so an account
 * exists exactly when its keystore does.
 * @throws XchatError-free Error when an account already exists (checked by the caller first)
 */
export async function writeAccount(dir: string, info: AccountInfo, keystore: Uint8Array): Promise<void> {
  const accountJson = `${JSON.stringify(info, null, 2)}\n`
  if (!(await exists(dir))) {
    await mkdir(dirname(dir), { recursive: true })
    const tmp = await mkdtemp(join(dirname(dir), `.${basename(dir)}.creating-`))
    try {
      await writeFileAtomic(join(tmp, ACCOUNT_FILE), accountJson)
      await writeFileAtomic(join(tmp, KEYSTORE_FILE), keystore)
      await rename(tmp, dir)
    } catch (err) {
      await rm(tmp, { recursive: true, force: true })
      throw err
    }
    return
  }
  await writeFileAtomic(join(dir, ACCOUNT_FILE), accountJson)
  await writeFileAtomic(join(dir, KEYSTORE_FILE), keystore)
}

/** Read the keystore bytes of the account in `dir`. */
export async function readKeystore(dir: string): Promise<Uint8Array> {
  return readFile(join(dir, KEYSTORE_FILE))
}

/**
 * Read and check account.json: its certificate must verify and match the
 * fields next to it, so a damaged or edited file is caught here.
 * @throws XchatError NOT_FOUND when there is no account; KEYSTORE_CORRUPT when the file is damaged
 */
export async function readAccountInfo(dir: string): Promise<AccountInfo> {
  if (!(await hasAccount(dir))) {
    throw new XchatError('NOT_FOUND', `no account in ${dir}: run "xchat init" or "xchat recover" (or pass --data)`)
  }
  let info: AccountInfo
  try {
    info = JSON.parse(await readFile(join(dir, ACCOUNT_FILE), 'utf8')) as AccountInfo
    const cert = decodeDeviceCertificate(hexToBytes(info.certificate), decodeAccountId(info.accountId))
    if (bytesToHex(cert.devicePublicKey) !== info.devicePublicKey || cert.deviceIndex !== info.deviceIndex) {
      throw new Error('certificate does not match the device')
    }
  } catch (cause) {
    throw new XchatError(
      'KEYSTORE_CORRUPT',
      `${join(dir, ACCOUNT_FILE)} is damaged; recover the account from its words into a new folder`,
      {
        cause,
      },
    )
  }
  return info
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}
