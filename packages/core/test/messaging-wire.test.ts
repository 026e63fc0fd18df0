/** Messaging wire formats and pure rules: golden bytes, round trips, bounded decoding, ordering, identity. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import {
  acceptSeq,
  acceptChange,
  checkDevice,
  encodeContent,
  encodeDeliveryAck,
  encodeEnvelope,
  envelopeAd,
  issueDeviceCertificate,
  isXchatError,
  missingSeqs,
  parseContent,
  parseDeliveryAck,
  parseEnvelope,
  type AccountId,
  type MessageContent,
} from '../src/index.js'
import { ContentPb, EnvelopePb, limits } from '../src/wire/index.js'
import { publicKeyOf } from '../src/crypto/index.js'
import { expectXchatError } from './expect-error.js'

const ACCOUNT_PRIV = hexToBytes('01'.repeat(32))
const DEVICE_PRIV = hexToBytes('02'.repeat(32))
const RECIPIENT_PRIV = hexToBytes('03'.repeat(32))
const account = publicKeyOf(ACCOUNT_PRIV)
const device = publicKeyOf(DEVICE_PRIV)
const recipient = publicKeyOf(RECIPIENT_PRIV)
const certificate = issueDeviceCertificate(ACCOUNT_PRIV, device, 0, 1_700_000_000_000)

const text: MessageContent = {
  id: hexToBytes('00112233445566778899aabbccddeeff'),
  conversation: recipient,
  sentAt: 1_700_000_000_123,
  seq: 7,
  body: { kind: 'text', text: 'hi' },
}

describe('messaging wire: golden bytes', () => {
  it('encodes a text content exactly so', () => {
    expect(bytesToHex(encodeContent(text))).toBe(
      '08011210' + '00112233445566778899aabbccddeeff' + '1a21' + bytesToHex(recipient) + '20fbd095ffbc31' + '2807' + '5204' + '0a026869',
    )
  })

  it('encodes a delivery ack exactly so', () => {
    expect(bytesToHex(encodeDeliveryAck({ status: 'stored' }))).toBe('08011001')
    expect(bytesToHex(encodeDeliveryAck({ status: 'rejected', reason: 'DECRYPT_FAILED' }))).toBe(
      '08011003' + '1a0e' + bytesToHex(utf8ToBytes('DECRYPT_FAILED')),
    )
  })

  it('authenticates label, version and the three keys as the session AD', () => {
    expect(bytesToHex(envelopeAd(account, device, recipient))).toBe(
      bytesToHex(utf8ToBytes('xchat/envelope/v1')) + '00' + '00000001' + bytesToHex(account) + bytesToHex(device) + bytesToHex(recipient),
    )
  })
})

describe('messaging wire: envelopes', () => {
  const envelope = (): Uint8Array =>
    encodeEnvelope({
      senderAccountKey: account,
      senderDeviceKey: device,
      senderCertificate: certificate,
      recipientDeviceKey: recipient,
      message: { type: 'ratchet', bytes: new Uint8Array([1, 2, 3]) },
    })

  it('round-trips and verifies the sender certificate', () => {
    const parsed = parseEnvelope(envelope(), recipient)
    expect(parsed.message).toEqual({ type: 'ratchet', bytes: new Uint8Array([1, 2, 3]) })
    expect(parsed.senderCertificate.deviceIndex).toBe(0)
  })

  it('refuses an envelope for another device', () => {
    expectXchatError(() => parseEnvelope(envelope(), device), 'MALFORMED')
  })

  it('refuses a certificate of another account or for another device', () => {
    const pb = EnvelopePb.decode(envelope())
    expectXchatError(
      () => parseEnvelope(EnvelopePb.encode({ ...pb, senderAccountKey: Uint8Array.from(recipient) }), recipient),
      'BAD_CERTIFICATE',
    )
    expectXchatError(
      () => parseEnvelope(EnvelopePb.encode({ ...pb, senderDeviceKey: Uint8Array.from(account) }), recipient),
      'BAD_CERTIFICATE',
    )
  })

  it('checks the version first: newer and older are told apart', () => {
    const pb = EnvelopePb.decode(envelope())
    expectXchatError(() => parseEnvelope(EnvelopePb.encode({ ...pb, version: 2 }), recipient), 'VERSION_TOO_NEW')
    expectXchatError(() => parseEnvelope(EnvelopePb.encode({ ...pb, version: 0 }), recipient), 'VERSION_TOO_OLD')
  })

  it('refuses an unknown session type and an oversized frame', () => {
    const pb = EnvelopePb.decode(envelope())
    expectXchatError(() => parseEnvelope(EnvelopePb.encode({ ...pb, sessionType: 9 }), recipient), 'MALFORMED')
    expectXchatError(() => parseEnvelope(new Uint8Array(limits.MAX_MESSAGING_ENVELOPE_BYTES + 1), recipient), 'TOO_LARGE')
  })

  it('gives only typed errors for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseEnvelope(bytes, recipient)
        } catch (err) {
          return isXchatError(err)
        }
        return true
      }),
      { numRuns: 2000 },
    )
  })
})

describe('messaging wire: content', () => {
  it('round-trips every kind', () => {
    const ids = [new Uint8Array(16).fill(1), new Uint8Array(16).fill(2)]
    for (const body of [
      { kind: 'text', text: 'héllo 👋' },
      { kind: 'receipt', receipt: 'read', ids },
      { kind: 'resend', seqs: [3, 4] },
    ] as const) {
      const c = { ...text, seq: body.kind === 'text' ? 7 : 0, body }
      expect(parseContent(encodeContent(c))).toEqual({ ...c, id: Uint8Array.from(c.id), conversation: Uint8Array.from(c.conversation) })
    }
  })

  it('refuses a text over MAX_TEXT_BYTES both ways', () => {
    const long = 'x'.repeat(limits.MAX_TEXT_BYTES + 1)
    expectXchatError(() => encodeContent({ ...text, body: { kind: 'text', text: long } }), 'TOO_LARGE')
    const bytes = ContentPb.encode({
      version: 1,
      messageId: Uint8Array.from(text.id),
      conversation: Uint8Array.from(recipient),
      sentAt: 1n,
      seq: 1n,
      text: { body: long, expireAfterMs: 0n, viewOnce: false },
    })
    expectXchatError(() => parseContent(bytes), 'TOO_LARGE')
  })

  it('refuses a text without a seq, a receipt with one, and a short id', () => {
    expectXchatError(() => parseContent(encodeContent({ ...text, seq: 0 })), 'MALFORMED')
    expectXchatError(() => parseContent(encodeContent({ ...text, body: { kind: 'receipt', receipt: 'delivered', ids: [] } })), 'MALFORMED')
    expectXchatError(() => parseContent(encodeContent({ ...text, id: new Uint8Array(15) })), 'MALFORMED')
  })

  it('reads a kind from a newer client as unknown instead of failing', () => {
    const bytes = ContentPb.encode({
      version: 1,
      messageId: Uint8Array.from(text.id),
      conversation: Uint8Array.from(recipient),
      sentAt: 1n,
      seq: 0n,
    })
    // field 99 (assigned to nothing) as a length-delimited blob; 13 is now the file offer, 14 the timer change
    const withNewKind = new Uint8Array([...bytes, 0x9a, 0x06, 0x01, 0x00])
    expect(parseContent(withNewKind).body).toEqual({ kind: 'unknown' })
    // ordered or not: a newer kind may carry a seq
    const ordered = ContentPb.encode({
      version: 1,
      messageId: Uint8Array.from(text.id),
      conversation: Uint8Array.from(recipient),
      sentAt: 1n,
      seq: 9n,
    })
    expect(parseContent(new Uint8Array([...ordered, 0x9a, 0x06, 0x01, 0x00]))).toMatchObject({ seq: 9, body: { kind: 'unknown' } })
  })

  it('gives only typed errors for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          parseContent(bytes)
        } catch (err) {
          return isXchatError(err)
        }
        return true
      }),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        try {
          parseDeliveryAck(bytes)
        } catch (err) {
          return isXchatError(err)
        }
        return true
      }),
    )
  })
})

describe('messaging: ordering', () => {
  it('takes the first seq as the baseline and follows on', () => {
    let c = acceptSeq(undefined, 5).cursor
    expect(c).toEqual({ next: 6, above: [] })
    c = acceptSeq(c, 6).cursor
    expect(c).toEqual({ next: 7, above: [] })
  })

  it('holds seqs above a gap and closes the gap when the missing ones arrive', () => {
    let c = acceptSeq(undefined, 1).cursor
    c = acceptSeq(c, 4).cursor
    c = acceptSeq(c, 3).cursor
    expect(c).toEqual({ next: 2, above: [3, 4] })
    expect(missingSeqs(c)).toEqual([2])
    const filled = acceptSeq(c, 2)
    expect(filled).toEqual({ cursor: { next: 5, above: [] }, inOrder: true })
    expect(missingSeqs(filled.cursor)).toEqual([])
  })

  it('ignores late copies', () => {
    const c = { next: 10, above: [12] }
    expect(acceptSeq(c, 3).cursor).toBe(c)
    expect(acceptSeq(c, 12).cursor).toBe(c)
  })

  it('lists at most MAX_RESEND_SEQS missing seqs', () => {
    expect(missingSeqs({ next: 1, above: [100_000] })).toHaveLength(limits.MAX_RESEND_SEQS)
  })

  it('gives up a gap once too many seqs wait above it', () => {
    let c = acceptSeq(undefined, 1).cursor
    for (let s = 3; s <= 1030; s++) c = acceptSeq(c, s).cursor
    expect(c.next).toBeGreaterThan(2)
    expect(c.above.length).toBeLessThanOrEqual(1024)
  })
})

describe('messaging: the identity rule', () => {
  const id = 'xc1test' as AccountId

  it('records new devices of an account', () => {
    const v = checkDevice(undefined, id, { index: 0, key: 'aa' }, 1)
    expect(v).toEqual({ kind: 'ok', record: { accountId: id, devices: [{ index: 0, key: 'aa' }] }, changedRecord: true })
    const w = checkDevice(v.record, id, { index: 1, key: 'bb' }, 2)
    expect(w.kind).toBe('ok')
    expect(w.record.devices).toHaveLength(2)
    expect(checkDevice(w.record, id, { index: 1, key: 'bb' }, 3)).toMatchObject({ kind: 'ok', changedRecord: false })
  })

  it('blocks an index that shows another key, until the change is accepted', () => {
    const known = { accountId: id, devices: [{ index: 0, key: 'aa' }] }
    const v = checkDevice(known, id, { index: 0, key: 'cc' }, 5)
    expect(v).toMatchObject({ kind: 'blocked', newlyChanged: true, record: { changed: { index: 0, key: 'cc', seenAt: 5 } } })
    // still blocked, for every device, while the change waits
    expect(checkDevice(v.record, id, { index: 1, key: 'dd' }, 6)).toMatchObject({ kind: 'blocked', newlyChanged: false })
    const accepted = acceptChange(v.record)
    expect(accepted).toEqual({ record: { accountId: id, devices: [{ index: 0, key: 'cc' }] }, replacedKey: 'aa' })
    expect(checkDevice(accepted.record, id, { index: 0, key: 'cc' }, 7).kind).toBe('ok')
  })
})
