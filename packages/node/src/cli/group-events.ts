import { parseManifest, type XchatClient } from '@xchat/core'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'

/** What a file message's line shows of its manifest (the name is the sender's, unsanitised). */
function fileInfo(manifestHex: string): Record<string, unknown> {
  try {
    const { manifest, id } = parseManifest(hexToBytes(manifestHex))
    return { fileId: bytesToHex(id), name: manifest.name, size: manifest.size, mime: manifest.mime }
  } catch {
    return {}
  }
}

/**
 * `xchat listen`'s JSON lines for group events: group-message, group-changed,
 * group-receipt, group-timer, group-expired, warnings. As in 1:1 chats, the
 * CLI's "read" is "shown by listen": a shown message is marked read (a
 * disappearing message's clock starts then).
 */
export function printGroupEvents(client: XchatClient, emit: (event: Record<string, unknown>) => void): void {
  const events = client.groupEvents
  events.addEventListener('group:message', (evt) => {
    const m = evt.detail
    emit({
      type: 'group-message',
      group: m.group,
      from: m.sender,
      id: m.id,
      seq: m.seq,
      text: m.text,
      sentAt: m.sentAt,
      file: m.file !== undefined,
      ...(m.file === undefined ? {} : { fileInfo: fileInfo(m.file.manifest) }),
      ...(m.expireAfterMs === undefined ? {} : { expireAfterMs: m.expireAfterMs }),
      ...(m.viewOnce === true ? { viewOnce: true } : {}),
      ...(m.system === undefined ? {} : { system: m.system }),
    })
    if (m.direction === 'in') void client.markGroupRead(m.group).catch(() => undefined)
  })
  events.addEventListener('group:timer', (evt) =>
    emit({ type: 'group-timer', group: evt.detail.group, expireAfterMs: evt.detail.expireAfterMs, by: evt.detail.by }),
  )
  events.addEventListener('group:expired', (evt) =>
    emit({
      type: 'group-expired',
      group: evt.detail.group,
      id: evt.detail.id,
      ...(evt.detail.file === undefined ? {} : { file: evt.detail.file }),
    }),
  )
  events.addEventListener('group:changed', (evt) =>
    emit({ type: 'group-changed', group: evt.detail.group, kind: evt.detail.kind, epoch: evt.detail.epoch }),
  )
  events.addEventListener('group:receipt', (evt) =>
    emit({ type: 'group-receipt', group: evt.detail.group, kind: evt.detail.kind, ids: evt.detail.ids, from: evt.detail.from }),
  )
  events.addEventListener('group:gap', (evt) => emit({ type: 'group-gap', group: evt.detail.group, missing: evt.detail.missing }))
  events.addEventListener('group:rejected', (evt) =>
    emit({ type: 'warning', message: `dropped group ${evt.detail.where}: ${evt.detail.reason}` }),
  )
}
