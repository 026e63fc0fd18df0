import { bytesToHex } from '@noble/hashes/utils.js'
import { parseMnemonic, mnemonicToSeed, type ValidMnemonic } from './mnemonic.js'
import { deriveAccountKey, deriveDeviceKey, type HdKeyPair } from './hd-keys.js'
import { encodeAccountId, type AccountId } from './account-id.js'
import { issueDeviceCertificate, type DeviceCertificate } from './device-cert.js'
import type { KeystoreSecrets } from './keystore.js'

/** The public face of one device of an account; safe to print and store in clear. */
export interface DeviceIdentity {
  readonly accountId: AccountId
  readonly accountPublicKey: string
  readonly derivationPath: string
  readonly deviceIndex: number
  readonly devicePath: string
  readonly devicePublicKey: string
}

const inspect = Symbol.for('nodejs.util.inspect.custom')

/**
 * Every key of one device of an account, derived from the words. Holds
 * secrets: `toJSON()` and inspection show only the public {@link DeviceIdentity}.
 */
export class DeviceKeys {
  readonly account: HdKeyPair
  readonly device: HdKeyPair
  readonly accountId: AccountId
  readonly certificate: DeviceCertificate
  readonly #secrets: KeystoreSecrets

  private constructor(secrets: KeystoreSecrets, mnemonic: ValidMnemonic) {
    const seed = mnemonicToSeed(mnemonic, secrets.passphrase)
    this.#secrets = { ...secrets, mnemonic: mnemonic.phrase }
    this.account = deriveAccountKey(seed)
    this.device = deriveDeviceKey(seed, secrets.deviceIndex)
    seed.fill(0)
    this.accountId = encodeAccountId(this.account.publicKey)
    this.certificate = issueDeviceCertificate(this.account.privateKey(), this.device.publicKey, secrets.deviceIndex, secrets.createdAt)
  }

  /**
   * Derive a device's keys from its secrets (words validated first).
   * @throws XchatError BAD_WORD_COUNT | UNKNOWN_WORD | BAD_CHECKSUM
   */
  static fromSecrets(secrets: KeystoreSecrets): DeviceKeys {
    return new DeviceKeys(secrets, parseMnemonic(secrets.mnemonic))
  }

  get deviceIndex(): number {
    return this.#secrets.deviceIndex
  }

  /** What a keystore must hold to rebuild this object. Explicit: it contains the words. */
  secrets(): KeystoreSecrets {
    return this.#secrets
  }

  /** The public identity of this device. */
  identity(): DeviceIdentity {
    return {
      accountId: this.accountId,
      accountPublicKey: bytesToHex(this.account.publicKey),
      derivationPath: this.account.path,
      deviceIndex: this.deviceIndex,
      devicePath: this.device.path,
      devicePublicKey: bytesToHex(this.device.publicKey),
    }
  }

  toJSON(): DeviceIdentity {
    return this.identity()
  }

  [inspect](): string {
    return `DeviceKeys(${this.accountId}, device ${this.deviceIndex})`
  }
}
