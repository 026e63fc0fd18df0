/** The address book over a real level database: names ↔ account IDs, both unique. */
import { afterEach, describe, expect, it } from 'vitest'
import { Level } from 'level'
import { Contacts, openStore } from '../src/index.js'
import { cleanupMessaging, deviceKeys, tempFolder } from './messaging-fixture.js'

const dbs: Level<string, Uint8Array>[] = []

async function contacts(): Promise<Contacts> {
  const db = new Level<string, Uint8Array>(await tempFolder('xchat-contacts-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  dbs.push(db)
  return new Contacts(await openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() }), () => 1_000)
}

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close()
  await cleanupMessaging()
})

describe('contacts', () => {
  const bob = deviceKeys().accountId
  const carol = deviceKeys().accountId

  it('adds, finds by ID or name (any case), lists by name and removes', async () => {
    const book = await contacts()
    await book.add(bob, 'Bob')
    await book.add(carol.toUpperCase(), '  Carol ')
    expect((await book.list()).map((c) => [c.name, c.accountId])).toEqual([
      ['Bob', bob],
      ['Carol', carol],
    ])
    expect((await book.get('bob'))?.accountId).toBe(bob)
    expect((await book.get(carol))?.name).toBe('Carol')
    expect(await book.remove('BOB')).toBe(true)
    expect(await book.remove('BOB')).toBe(false)
    expect(await book.get(bob)).toBeUndefined()
    expect((await book.list()).map((c) => c.name)).toEqual(['Carol'])
  })

  it('renames a contact and frees the old name', async () => {
    const book = await contacts()
    await book.add(bob, 'Bob')
    await book.add(bob, 'Robert')
    expect(await book.get('Bob')).toBeUndefined()
    expect((await book.get('robert'))?.addedAt).toBe(1_000)
    await book.add(carol, 'Bob')
    expect((await book.get('Bob'))?.accountId).toBe(carol)
  })

  it('refuses a name that names another contact, an empty name and a bad account ID', async () => {
    const book = await contacts()
    await book.add(bob, 'Bob')
    await expect(book.add(carol, 'bob')).rejects.toThrow(RangeError)
    await expect(book.add(carol, '   ')).rejects.toThrow(RangeError)
    await expect(book.add('xc1nope', 'Nope')).rejects.toMatchObject({ name: 'XchatError' })
    expect((await book.list()).map((c) => c.name)).toEqual(['Bob'])
  })
})
