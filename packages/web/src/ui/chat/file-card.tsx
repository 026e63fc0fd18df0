import type { ChatBackend, ChatFile } from '../../app/chat-backend.js'
import type { Transfer } from '../../app/transfers.js'
import { useTransfer } from './use-transfer.js'
import { formatBytes } from './format.js'

const STATE_TEXT: Record<Transfer['state'], string> = {
  preparing: 'Preparing',
  sending: 'Sending',
  sent: 'Sent in full',
  complete: 'Received by the recipient',
  downloading: 'Downloading',
  done: 'Downloaded',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

const MAILBOX_TEXT: Record<NonNullable<Transfer['mailbox']>, string> = {
  depositing: 'The recipient is offline: sealing the file into their relay mailboxes…',
  stored: 'In the recipient’s relay mailboxes: they get it when they come online, even if this page is closed.',
  waiting:
    'The recipient is offline and their mailboxes cannot take this file (too large or full): keep this page open until they come online.',
}

/**
 * A file message (of a conversation or a group): name, size and type;
 * progress while it moves; a preview for images and a save link once the bytes are here.
 */
export function FileCard({
  backend,
  message,
  file,
  onDownload,
}: {
  backend: ChatBackend
  message: { readonly id: string; readonly direction: 'in' | 'out' }
  file: ChatFile
  /** Fetch the file (1:1: `backend.download`, groups: `backend.downloadGroupFile`). */
  onDownload: () => void
}) {
  const transfer = useTransfer(backend, message.id)
  const running = transfer?.state === 'preparing' || transfer?.state === 'sending' || transfer?.state === 'downloading'
  const url = transfer?.url
  // to an offline recipient the bytes read are the mailbox copy's, not the recipient's: say where the file is instead
  const viaMailbox = transfer?.mailbox !== undefined && (running || transfer.state === 'sent')
  const isImage = file.mime.startsWith('image/')
  return (
    <div class="file-card" data-testid="file-card" data-state={transfer?.state ?? 'idle'}>
      {isImage && url !== undefined ? <img class="file-preview" src={url} alt={file.name} data-testid="file-preview" /> : null}
      <p class="file-name">
        <span aria-hidden="true">📄 </span>
        <span data-testid="file-name">{file.name}</span>
      </p>
      <p class="file-facts muted">
        {formatBytes(file.size)} · {file.mime}
      </p>
      {transfer !== undefined && (running || transfer.state === 'sent') && !viaMailbox ? <TransferProgress transfer={transfer} /> : null}
      {transfer?.mailbox !== undefined && viaMailbox ? (
        <p class="muted" data-testid="file-mailbox" data-state={transfer.mailbox}>
          {MAILBOX_TEXT[transfer.mailbox]}
        </p>
      ) : null}
      {transfer?.state === 'complete' || transfer?.state === 'cancelled' ? (
        <p class="muted" data-testid="file-status">
          {STATE_TEXT[transfer.state]}
        </p>
      ) : null}
      {transfer?.error !== undefined ? (
        <p class="error-text" role="alert">
          {transfer.error} {message.direction === 'in' ? 'Try again when the sender is online.' : ''}
        </p>
      ) : null}
      <div class="file-actions">
        {message.direction === 'in' && (transfer === undefined || transfer.state === 'failed' || transfer.state === 'cancelled') ? (
          <button type="button" class="secondary small" data-testid="file-download" onClick={onDownload}>
            {transfer === undefined ? 'Download' : 'Try again'}
            <span class="visually-hidden"> {file.name}</span>
          </button>
        ) : null}
        {running ? (
          <button type="button" class="secondary small" data-testid="file-cancel" onClick={() => backend.cancelTransfer(message.id)}>
            Cancel<span class="visually-hidden"> {file.name}</span>
          </button>
        ) : null}
        {url !== undefined && message.direction === 'in' ? (
          <a class="button secondary small" href={url} download={file.name} data-testid="file-save">
            Save<span class="visually-hidden"> {file.name}</span>
          </a>
        ) : null}
      </div>
    </div>
  )
}

function TransferProgress({ transfer }: { transfer: Transfer }) {
  const pct = transfer.size === 0 ? 100 : Math.floor((transfer.bytes / transfer.size) * 100)
  const label = `${STATE_TEXT[transfer.state]} ${transfer.name}`
  return (
    <div class="file-progress">
      <progress max={100} value={pct} aria-label={label} data-testid="file-progress" />
      <span class="muted" aria-live="polite">
        {STATE_TEXT[transfer.state]} · {formatBytes(transfer.bytes)} of {formatBytes(transfer.size)} ({pct} %)
      </span>
    </div>
  )
}
