import { parseAccountId, type AccountId } from '../identity/index.js'
import type { Contact, StoreOp, XchatStore } from '../store/index.js'

/** Longest contact name, in characters. */
export const MAX_CONTACT_NAME_LENGTH = 64

/**
 * The address book: a name ↔ account ID mapping, both unique. Names compare
 * case-insensitively after Unicode NFKC normalisation.
 */
export class Contacts {
  readonly #store: XchatStore
  readonly #now: () => number

  constructor(store: XchatStore, now: () => number) {
    this.#store = store
    this.#now = now
  }

  /**
   * Add a contact, or rename one.
   * @throws XchatError ACCOUNT_ID_* | INVALID_KEY (bad ID); RangeError for an empty, long or taken name
   * @example await contacts.add('xc1…', 'Bob')
   */
  async add(accountId: string, name: string): Promise<Contact> {
    const id = parseAccountId(accountId)
    const clean = name.trim()
    if (clean.length === 0 || clean.length > MAX_CONTACT_NAME_LENGTH) {
      throw new RangeError(`"name" expected 1..${MAX_CONTACT_NAME_LENGTH} characters, got ${clean.length}`)
    }
    const nameKey = this.#nameKey(clean)
    const owner = await this.#store.contactNames.get(nameKey)
    if (owner !== undefined && owner !== id) throw new RangeError(`"name" "${clean}" already names another contact`)
    const previous = await this.#store.contacts.get(this.#store.blind(id))
    const contact: Contact = { accountId: id, name: clean, addedAt: previous?.addedAt ?? this.#now() }
    const ops: StoreOp[] = [this.#store.contacts.put(this.#store.blind(id), contact), this.#store.contactNames.put(nameKey, id)]
    if (previous !== undefined && this.#nameKey(previous.name) !== nameKey)
      ops.push(this.#store.contactNames.del(this.#nameKey(previous.name)))
    await this.#store.write(ops)
    return contact
  }

  /** A contact by account ID or name. */
  async get(accountIdOrName: string): Promise<Contact | undefined> {
    const id = await this.#resolve(accountIdOrName)
    return id === undefined ? undefined : this.#store.contacts.get(this.#store.blind(id))
  }

  /** Every contact, by name. */
  async list(): Promise<Contact[]> {
    const all: Contact[] = []
    for await (const [, c] of this.#store.contacts.entries()) all.push(c)
    return all.sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Remove a contact (its conversation and history stay). @returns whether one was removed */
  async remove(accountIdOrName: string): Promise<boolean> {
    const contact = await this.get(accountIdOrName)
    if (contact === undefined) return false
    await this.#store.write([
      this.#store.contacts.del(this.#store.blind(contact.accountId)),
      this.#store.contactNames.del(this.#nameKey(contact.name)),
    ])
    return true
  }

  /** An account ID as typed, or the account a contact name stands for. */
  async #resolve(accountIdOrName: string): Promise<AccountId | undefined> {
    try {
      return parseAccountId(accountIdOrName)
    } catch {
      const id = await this.#store.contactNames.get(this.#nameKey(accountIdOrName.trim()))
      return id as AccountId | undefined
    }
  }

  #nameKey(name: string): string {
    return this.#store.blind(`name:${name.normalize('NFKC').toLowerCase()}`)
  }
}
