import { shareLink } from '../../app/links.js'
import { CopyButton } from '../common/copy-button.js'
import { QrCode } from '../common/qr-code.js'
import { useFocusOnMount } from '../hooks.js'

/** This account's ID as text, QR code and share link. */
export function MyId({ accountId, intro }: { accountId: string; intro?: string }) {
  const link = shareLink(accountId)
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const canShare = typeof navigator.share === 'function'
  return (
    <section class="my-id" aria-labelledby="my-id-title">
      <header class="pane-header">
        <a class="back" href="#/">
          <span aria-hidden="true">←</span> <span class="visually-hidden">Back to </span>Chats
        </a>
        <h2 id="my-id-title" tabIndex={-1} ref={heading}>
          My ID
        </h2>
      </header>
      <div class="pad">
        {intro ? <p class="lead">{intro}</p> : null}
        <p>People add you with this ID. It is safe to share: it lets them write to you, nothing more.</p>
        <div class="id-box">
          <code data-testid="my-account-id" class="account-id">
            {accountId}
          </code>
          <CopyButton text={accountId} label="Copy ID" />
        </div>
        <div class="qr-box">
          <QrCode text={link} label="QR code of your share link" />
          <p class="muted">Scan to add me</p>
        </div>
        <div class="field">
          <label for="share-link">Share link</label>
          <div class="inline">
            <input id="share-link" data-testid="share-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={link} label="Copy link" />
            {canShare ? (
              <button
                type="button"
                class="secondary"
                onClick={() => void navigator.share({ title: 'Add me on xchat', url: link }).catch(() => undefined)}
              >
                Share…
              </button>
            ) : null}
          </div>
        </div>
      </div>
    </section>
  )
}
