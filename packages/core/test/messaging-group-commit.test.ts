/** Group commit: what queues while a group is worked on goes in the next group, in call order. */
import { describe, expect, it } from 'vitest'
import { GroupCommit } from '../src/messaging/group-commit.js'
import { Mutex } from '../src/messaging/lock.js'

/** A GroupCommit whose work records each group and can be held until released. */
function recorder(maxGroup = 64) {
  const groups: number[][] = []
  let release: () => void = () => undefined
  let gate: Promise<void> = Promise.resolve()
  const hold = (): void => {
    gate = new Promise((r) => (release = r))
  }
  const lock = new Mutex()
  const commit = new GroupCommit<number, number>(lock, maxGroup, async (items) => {
    groups.push([...items])
    await gate
    if (items.includes(-1)) throw new Error('store failed')
    return items.map((n) => (n === 13 ? { ok: false, error: new RangeError('unlucky') } : { ok: true, value: n * 10 }))
  })
  return { groups, commit, lock, hold, release: () => release() }
}

describe('messaging: group commit', () => {
  it('sends a lone item at once, and groups what queued meanwhile, in call order', async () => {
    const r = recorder()
    r.hold()
    const first = r.commit.run(1)
    await new Promise((resolve) => setTimeout(resolve, 0))
    const rest = [2, 3, 4].map(async (n) => r.commit.run(n))
    r.release()
    expect(await first).toBe(10)
    r.hold()
    r.release()
    expect(await Promise.all(rest)).toEqual([20, 30, 40])
    expect(r.groups).toEqual([[1], [2, 3, 4]])
  })

  it('fails an item alone when its work says so, and the whole group when the work throws', async () => {
    const r = recorder()
    const results = await Promise.allSettled([12, 13, 14].map(async (n) => r.commit.run(n)))
    expect(results.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    const failed = await Promise.allSettled([5, -1, 6].map(async (n) => r.commit.run(n)))
    expect(failed.every((x) => x.status === 'rejected')).toBe(true)
    // and it goes on afterwards
    expect(await r.commit.run(7)).toBe(70)
  })

  it('takes at most maxGroup items per group and runs each group under the mutex', async () => {
    const lock = new Mutex()
    const events: string[] = []
    const groups: number[][] = []
    const commit = new GroupCommit<number, number>(lock, 3, async (items) => {
      events.push('group')
      groups.push([...items])
      return Promise.resolve(items.map((n) => ({ ok: true, value: n })))
    })
    const other = lock.run(async () => {
      events.push('other:start')
      await new Promise((resolve) => setTimeout(resolve, 5))
      events.push('other:end')
    })
    const all = Promise.all([1, 2, 3, 4, 5, 6, 7].map(async (n) => commit.run(n)))
    await other
    expect(await all).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(events.slice(0, 2)).toEqual(['other:start', 'other:end'])
    expect(groups).toEqual([[1, 2, 3], [4, 5, 6], [7]])
  })
})
