import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, members, until } from './groups-fixture.js'

afterEach(cleanup)

describe('a group larger than one op', () => {
  it('creates a 300-member group (a create op and an add op) and delivers to all', async () => {
    const all = await members(300)
    const [admin, ...rest] = all
    const view = await admin!.engine.createGroup(
      'big',
      rest.map((m) => m.keys.accountId),
    )
    expect(view.members).toHaveLength(300)
    await until(() => rest.every((m) => m.engine.groups().length === 1), 60_000, 'the chain everywhere')
    await admin!.engine.send(view.id, 'hi')
    await until(() => rest.every((m) => m.received.length === 1), 60_000, 'delivery')
  }, 300_000)
})
