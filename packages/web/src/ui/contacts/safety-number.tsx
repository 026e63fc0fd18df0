import { useMemo, useState } from 'preact/hooks'
import { decodeAccountId, safetyNumber } from '@xchat/core/identity'
import type { XchatSession } from '../../app/session.js'
import { QrCode } from '../common/qr-code.js'
import { useFocusOnMount, useSnapshot } from '../hooks.js'
import { routeHref } from '../router.js'

/** The safety number of this account and a contact, to compare in person; mark the contact verified. */
export function SafetyNumberView({ session, accountId, name }: { session: XchatSession; accountId: string; name: string }) {
  const snapshot = useSnapshot(session)
  const sn = useMemo(
    () => safetyNumber(snapshot.device.accountPublicKey, decodeAccountId(accountId)),
    [snapshot.device.accountPublicKey, accountId],
  )
  const verified = snapshot.verified[accountId]
  const [scanned, setScanned] = useState('')
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const scannedDigits = scanned.replace(/^xchat-sn:1:/u, '').replace(/\D/gu, '')
  const match = scannedDigits.length === 0 ? undefined : scannedDigits === sn.groups.join('')

  return (
    <section aria-labelledby="verify-title">
      <header class="pane-header">
        <a class="back always" href={routeHref({ name: 'chat', accountId })}>
          <span aria-hidden="true">←</span> <span class="visually-hidden">Back to </span>Chat
        </a>
        <h2 id="verify-title" tabIndex={-1} ref={heading}>
          Verify {name}
        </h2>
      </header>
      <div class="pad">
        <p>
          Compare these numbers with {name}, in person or on a call you trust. If they are the same on both screens, nobody is in between
          and your messages reach {name} only.
        </p>
        <ol class="safety-number" data-testid="safety-number" aria-label="Safety number">
          {sn.groups.map((g, i) => (
            <li key={i}>{g}</li>
          ))}
        </ol>
        <div class="qr-box">
          <QrCode text={sn.qr} label="QR code of the safety number" />
          <p class="muted">Or scan each other's code</p>
        </div>
        <div class="field">
          <label for="scanned-sn">Paste a scanned code or typed digits to compare</label>
          <input
            id="scanned-sn"
            value={scanned}
            onInput={(e) => setScanned(e.currentTarget.value)}
            aria-describedby="sn-compare"
            autocomplete="off"
          />
          <p id="sn-compare" role="status" class={match === undefined ? 'muted small' : match ? 'ok small' : 'error small'}>
            {match === undefined ? '' : match ? 'They match.' : 'They do not match: do not mark this contact verified.'}
          </p>
        </div>
        <div class="actions">
          {verified !== undefined ? (
            <>
              <p class="ok" data-testid="verified-state">
                ✓ Verified on {new Date(verified).toLocaleDateString()}
              </p>
              <button type="button" class="secondary" onClick={() => void session.setVerified(accountId, false)}>
                Clear verification
              </button>
            </>
          ) : (
            <button type="button" class="primary" onClick={() => void session.setVerified(accountId, true)}>
              Mark as verified
            </button>
          )}
        </div>
      </div>
    </section>
  )
}
