import type { XchatClient } from '@xchat/core'

/** `xchat listen`'s JSON lines for group events: group-message, group-changed, group-receipt, warnings. */
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
    })
  })
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
