import { XchatError } from '../errors.js'

/**
 * The DTLS certificate fingerprints an SDP names (`a=fingerprint:<hash> <hex>`,
 * RFC 8122), normalised and sorted. They travel inside the encrypted signal,
 * so the media's DTLS handshake is bound to the device that sent them.
 * @throws XchatError MALFORMED when the SDP names none
 * @example fingerprintsOf('v=0\r\na=fingerprint:sha-256 AB:CD\r\n') // ['sha-256 ab:cd']
 */
export function fingerprintsOf(sdp: string): string[] {
  const found = new Set<string>()
  for (const line of sdp.split(/\r?\n/u)) {
    const m = /^a=fingerprint:(\S+)\s+([0-9A-Fa-f:]+)\s*$/u.exec(line)
    if (m?.[1] !== undefined && m[2] !== undefined) found.add(`${m[1].toLowerCase()} ${m[2].toLowerCase()}`)
  }
  if (found.size === 0) throw new XchatError('MALFORMED', 'a session description without a DTLS fingerprint')
  return [...found].sort()
}

/** Whether two fingerprint lists (from {@link fingerprintsOf}) are the same. */
export function sameFingerprints(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i])
}
