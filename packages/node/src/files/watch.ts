import type { XchatClient } from '@xchat/core'

/** Where a file this device offered stands. */
export interface FileStatus {
  readonly fileId: string
  /** serving: on offer; complete: the recipient holds it; cancelled: by either side; unknown: not offered here. */
  readonly state: 'serving' | 'complete' | 'cancelled' | 'unknown'
  readonly size?: number
  /** Plaintext bytes the recipient asked for so far (this run of the process). */
  readonly served?: number
  /** The file's copy in the recipient's mailboxes: depositing, stored (on ≥ 2 relays), failed, too-large. */
  readonly mailbox?: string
  /** Why the mailbox copy failed (an error code, e.g. QUOTA_EXCEEDED). */
  readonly mailboxError?: string
}

/** Remembers the end of this device's file offers (`file:complete` / `file:cancelled`) for `file.status`. */
export class FileWatch {
  readonly #client: XchatClient
  readonly #ended = new Map<string, 'complete' | 'cancelled'>()

  constructor(client: XchatClient) {
    this.#client = client
    client.events.addEventListener('file:complete', (e) => this.#end(e.detail.fileId, 'complete'))
    client.events.addEventListener('file:cancelled', (e) => this.#end(e.detail.fileId, 'cancelled'))
  }

  /** Mark a file ended here (a cancel by this device). */
  cancelled(fileId: string): void {
    this.#end(fileId, 'cancelled')
  }

  status(fileId: string): FileStatus {
    const offer = this.#client.fileOffers().find((o) => o.fileId === fileId)
    const ended = this.#ended.get(fileId)
    if (ended !== undefined) return { fileId, state: ended }
    if (offer === undefined) return { fileId, state: 'unknown' }
    return {
      fileId,
      state: 'serving',
      size: offer.size,
      served: offer.served,
      ...(offer.mailbox === undefined ? {} : { mailbox: offer.mailbox }),
      ...(offer.mailboxError === undefined ? {} : { mailboxError: offer.mailboxError }),
    }
  }

  #end(fileId: string, state: 'complete' | 'cancelled'): void {
    // only offers of ours: a cancel of a download is not an offer's end
    if (!this.#ended.has(fileId)) this.#ended.set(fileId, state)
  }
}
