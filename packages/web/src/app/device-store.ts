/**
 * This browser's storage: one browser-level (IndexedDB) database for the
 * device. The web app's own records live in the `web` sublevel, each sealed
 * by the profile's {@link Sealer}; @xchat/core's store (messages, sessions,
 * contacts) uses its own sublevels and seals them with a key derived from
 * the device key.
 */
import { BrowserLevel } from 'browser-level'
import type { AbstractSublevel } from 'abstract-level'
import { openKeystore, sealKeystore, type KeystoreSecrets } from '@xchat/core/identity'
import { deleteIdb, KEY_DB_NAME } from './idb.js'
import { KeptFiles } from './kept-files.js'
import { Sealer, SealedDataError } from './sealer.js'

/** The level database's name (IndexedDB name: `level-js-xchat`). */
export const DB_LOCATION = 'xchat'
const KEYSTORE_RECORD = 'keystore'

/** The database type core's store accepts: string keys, byte values by default. */
export type DeviceDatabase = BrowserLevel<string, Uint8Array>

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** The device's database and the web app's sealed records in it. */
export class DeviceStore {
  readonly db: DeviceDatabase
  readonly #web: AbstractSublevel<DeviceDatabase, Uint8Array, string, Uint8Array>
  #sealer: Sealer | undefined

  private constructor(db: DeviceDatabase, sealer: Sealer | undefined) {
    this.db = db
    this.#web = db.sublevel<string, Uint8Array>('web', { valueEncoding: 'view' })
    this.#sealer = sealer
  }

  /** Open this browser's database (created empty on first use). */
  static async open(): Promise<DeviceStore> {
    const db = new BrowserLevel<string, Uint8Array>(DB_LOCATION, { valueEncoding: 'view' })
    await db.open()
    return new DeviceStore(db, await Sealer.load())
  }

  /** True when this browser holds an account (its sealed keystore). */
  async hasAccount(): Promise<boolean> {
    return (await this.#web.get(KEYSTORE_RECORD)) !== undefined
  }

  /**
   * Keep this device's secrets: the keystore (the same JSON format as the CLI's,
   * without a password) sealed with the profile's non-extractable key.
   */
  async saveAccount(secrets: KeystoreSecrets): Promise<void> {
    this.#sealer ??= await Sealer.loadOrCreate()
    await this.putBytes(KEYSTORE_RECORD, await sealKeystore(secrets, null))
  }

  /**
   * This device's secrets, or undefined when no account is stored here.
   * @throws SealedDataError when the sealing key is gone or the record is damaged
   */
  async loadAccount(): Promise<KeystoreSecrets | undefined> {
    const bytes = await this.getBytes(KEYSTORE_RECORD)
    return bytes === undefined ? undefined : openKeystore(bytes, null)
  }

  /** A sealed byte record of the web app. */
  async getBytes(name: string): Promise<Uint8Array | undefined> {
    const sealed = await this.#web.get(name)
    if (sealed === undefined) return undefined
    this.#sealer ??= await Sealer.load()
    if (this.#sealer === undefined) return this.#missingKey(name)
    return this.#sealer.open(name, sealed)
  }

  /** The profile's sealer (made on first use): for other data sealed at rest, e.g. kept file copies. */
  async sealer(): Promise<Sealer> {
    this.#sealer ??= await Sealer.loadOrCreate()
    return this.#sealer
  }

  async putBytes(name: string, value: Uint8Array): Promise<void> {
    this.#sealer ??= await Sealer.loadOrCreate()
    await this.#web.put(name, await this.#sealer.seal(name, value))
  }

  /** A sealed JSON record of the web app; `fallback` when absent. */
  async getJson<T>(name: string, fallback: T): Promise<T> {
    const bytes = await this.getBytes(name)
    return bytes === undefined ? fallback : (JSON.parse(decoder.decode(bytes)) as T)
  }

  async putJson(name: string, value: unknown): Promise<void> {
    await this.putBytes(name, encoder.encode(JSON.stringify(value)))
  }

  async close(): Promise<void> {
    await this.db.close()
  }

  /** Remove everything xchat keeps in this browser: the database and the sealing key. */
  async destroy(): Promise<void> {
    await this.db.close()
    await BrowserLevel.destroy(DB_LOCATION)
    await deleteIdb(KEY_DB_NAME)
    await KeptFiles.destroy()
    this.#sealer = undefined
  }

  #missingKey(name: string): never {
    throw new SealedDataError(`the key that protects "${name}" is missing from this browser`)
  }
}
