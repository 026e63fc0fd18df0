import type { DeviceInfo } from '../../app/session.js'

/** This device: account ID, device index, PeerId, device key. */
export function DeviceDetails({ device, peerId }: { device: DeviceInfo; peerId: string | undefined }) {
  return (
    <section class="settings-section" aria-labelledby="device-title">
      <h3 id="device-title">This device</h3>
      <dl class="facts">
        <dt>Account ID</dt>
        <dd>
          <code class="account-id" data-testid="settings-account-id">
            {device.accountId}
          </code>
        </dd>
        <dt>Device index</dt>
        <dd data-testid="device-index">{device.deviceIndex}</dd>
        <dt>PeerId</dt>
        <dd>
          <code data-testid="peer-id">{peerId ?? 'starting…'}</code>
        </dd>
        <dt>Device key</dt>
        <dd>
          <code>{device.devicePublicKey}</code>
        </dd>
        <dt>Set up</dt>
        <dd>{new Date(device.createdAt).toLocaleString()}</dd>
      </dl>
    </section>
  )
}
