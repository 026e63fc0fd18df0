/**
 * File transfers of this page: what the UI shows under a file message
 * (progress, the finished Blob, why it failed). Kept in memory: a download
 * lives as long as the page; after a reload the file is fetched again from
 * the sender.
 */

/**
 * Where a transfer stands. Outgoing: preparing → sending → sent (every byte
 * pulled) → complete (the recipient reported the whole file verified);
 * incoming: downloading → done. Either: failed, cancelled.
 */
export type TransferState = 'preparing' | 'sending' | 'sent' | 'complete' | 'downloading' | 'done' | 'failed' | 'cancelled'

/**
 * An outgoing file whose recipient device was offline: `depositing` (being sealed
 * into the recipient's relay mailboxes), `stored` (it is there: the recipient
 * gets it without this page), `waiting` (too large for the mailboxes, or they
 * refused it: it goes when the recipient comes online while this page is open).
 */
export type MailboxState = 'depositing' | 'stored' | 'waiting'

/** One file transfer as the UI shows it. */
export interface Transfer {
  /** The file message's id (hex); `pending:<n>` while a file is still being prepared. */
  readonly id: string
  readonly conversation: string
  readonly direction: 'in' | 'out'
  readonly name: string
  readonly size: number
  readonly state: TransferState
  /** Bytes read (preparing), served (sending) or verified (downloading). */
  readonly bytes: number
  /** Object URL of the file (outgoing files, finished downloads). */
  readonly url?: string
  /** What went wrong, for the user. */
  readonly error?: string
  /** Outgoing, to an offline device: where its relay-mailbox copy stands. */
  readonly mailbox?: MailboxState
}

/** Transfers by message id, with change notifications. */
export class Transfers {
  readonly #all = new Map<string, Transfer>()
  readonly #listeners = new Set<(t: Transfer) => void>()
  readonly #cancels = new Map<string, () => void>()

  get(id: string): Transfer | undefined {
    return this.#all.get(id)
  }

  list(): Transfer[] {
    return [...this.#all.values()]
  }

  /** Add or change a transfer and tell the listeners. */
  set(t: Transfer): Transfer {
    const old = this.#all.get(t.id)
    if (old?.url !== undefined && old.url !== t.url) URL.revokeObjectURL(old.url)
    this.#all.set(t.id, t)
    for (const l of this.#listeners) l(t)
    return t
  }

  update(id: string, change: Partial<Omit<Transfer, 'id'>>): void {
    const t = this.#all.get(id)
    if (t !== undefined) this.set({ ...t, ...change })
  }

  /** Move a transfer to another id (a prepared file gets its message id); the old one is dropped quietly. */
  rename(from: string, to: string): void {
    const t = this.#all.get(from)
    if (t === undefined) return
    this.#all.delete(from)
    const cancel = this.#cancels.get(from)
    this.#cancels.delete(from)
    if (cancel !== undefined) this.#cancels.set(to, cancel)
    this.set({ ...t, id: to })
  }

  /** Forget a transfer (its message is gone) and release its object URL. */
  remove(id: string): void {
    const t = this.#all.get(id)
    if (t?.url !== undefined) URL.revokeObjectURL(t.url)
    this.#all.delete(id)
    this.#cancels.delete(id)
  }

  /** Register how to stop a running transfer. */
  onCancel(id: string, cancel: () => void): void {
    this.#cancels.set(id, cancel)
  }

  cancel(id: string): void {
    this.#cancels.get(id)?.()
    this.#cancels.delete(id)
  }

  /** @returns unsubscribe */
  subscribe(listener: (t: Transfer) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Release every object URL. */
  clear(): void {
    for (const c of this.#cancels.values()) c()
    for (const t of this.#all.values()) if (t.url !== undefined) URL.revokeObjectURL(t.url)
    this.#all.clear()
    this.#cancels.clear()
  }
}
