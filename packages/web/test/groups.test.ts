/**
 * Group chats in the browser end to end: three real Chromium pages against a
 * real `xchat start` relay create accounts, add each other, and chat in a
 * group (gossipsub fan-out, membership ops over 1:1 sessions). State carries
 * from test to test, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { addContact, createAccount, launchPerson, startServer, waitOnline, type Person, type XchatServer } from './fixtures.js'

/** Group ops and messages travel over the network: allow for relay round trips. */
const ARRIVE_MS = 60_000

const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

async function sendGroupMessage(page: Page, text: string): Promise<void> {
  const composer = page.getByTestId('composer')
  await composer.fill(text)
  await composer.press('Enter')
}

async function openGroup(page: Page, groupId: string): Promise<void> {
  await page.locator(`[data-testid="group"][data-group-id="${groupId}"]`).click({ timeout: ARRIVE_MS })
  await page.getByTestId('group-view').waitFor()
}

function groupMessage(page: Page, text: string) {
  return page.getByTestId('group-message').filter({ hasText: text })
}

describe('group chats in the browser', () => {
  let server: XchatServer
  let people: Person[] = []
  const ids: string[] = []
  let groupId = ''

  beforeAll(async () => {
    server = await startServer()
    people = await Promise.all([launchPerson(), launchPerson(), launchPerson()])
    await Promise.all(people.map((p) => p.page.goto(server.url)))
  })

  afterAll(async () => {
    await Promise.all(people.map((p) => p.close()))
    await server?.stop()
  })

  it('three accounts come online and add each other as contacts', async () => {
    for (const p of people) ids.push((await createAccount(p.page)).accountId)
    await Promise.all(people.map((p) => waitOnline(p.page)))
    const names = ['Alice', 'Bob', 'Carol']
    for (const [i, p] of people.entries()) {
      for (const [j, id] of ids.entries()) if (i !== j) await addContact(p.page, id, names[j]!)
    }
  })

  it('A creates a group with B and C by picking contacts; all three see it with three members', async () => {
    const [alice] = people
    const page = alice!.page
    await page.getByTestId('new-group').click()
    await page.getByTestId('group-name-input').fill('Hikers')
    for (const id of [ids[1]!, ids[2]!]) await page.locator(`[data-testid="group-member-option"][data-account-id="${id}"]`).check()
    await page.getByTestId('create-group').click()
    const view = page.getByTestId('group-view')
    await view.waitFor()
    groupId = (await view.getAttribute('data-group-id')) ?? ''
    expect(groupId).toMatch(/^[0-9a-f]{64}$/u)
    for (const p of people) {
      await openGroup(p.page, groupId)
      await p.page.getByRole('heading', { name: 'Hikers' }).waitFor({ timeout: ARRIVE_MS })
      await p.page.getByRole('button', { name: 'Members' }).click()
      await expect.poll(() => p.page.getByTestId('group-member').count(), { timeout: ARRIVE_MS }).toBe(3)
    }
    // A is the admin and sees admin actions; B does not
    await expect
      .poll(() => page.locator(`[data-testid="group-member"][data-account-id="${ids[0]}"]`).getAttribute('data-admin'))
      .toBe('true')
    await expect.poll(() => page.getByTestId('group-remove').count()).toBe(2)
    expect(await people[1]!.page.getByTestId('group-remove').count()).toBe(0)
  })

  it('messages from A and from B reach the other two, with the sender named', async () => {
    const [alice, bob, carol] = people.map((p) => p.page)
    await sendGroupMessage(alice!, 'Hello hikers, from Alice')
    for (const p of [bob!, carol!]) await groupMessage(p, 'Hello hikers, from Alice').waitFor({ timeout: ARRIVE_MS })
    expect(await groupMessage(bob!, 'Hello hikers, from Alice').getAttribute('data-sender')).toBe(ids[0])
    await expect.poll(() => groupMessage(carol!, 'Hello hikers, from Alice').innerText()).toContain('Alice')

    await sendGroupMessage(bob!, 'Bob here, count me in')
    for (const p of [alice!, carol!]) await groupMessage(p, 'Bob here, count me in').waitFor({ timeout: ARRIVE_MS })
    // the group row shows the last message
    await expect
      .poll(() => alice!.locator(`[data-testid="group"][data-group-id="${groupId}"]`).innerText(), { timeout: ARRIVE_MS })
      .toContain('Bob here, count me in')
  })

  it('A removes C: C sees it was removed and gets nothing sent after that', async () => {
    const [alice, bob, carol] = people.map((p) => p.page)
    await alice!.locator(`[data-testid="group-member"][data-account-id="${ids[2]}"]`).getByTestId('group-remove').click()
    await expect.poll(() => alice!.getByTestId('group-member').count(), { timeout: ARRIVE_MS }).toBe(2)
    await carol!.getByTestId('group-removed').waitFor({ timeout: ARRIVE_MS })
    expect(await carol!.getByTestId('composer').count()).toBe(0)
    await expect.poll(() => bob!.getByTestId('group-member').count(), { timeout: ARRIVE_MS }).toBe(2)

    await sendGroupMessage(alice!, 'After Carol left')
    await groupMessage(bob!, 'After Carol left').waitFor({ timeout: ARRIVE_MS })
    await sendGroupMessage(bob!, 'Bob after the removal')
    await groupMessage(alice!, 'Bob after the removal').waitFor({ timeout: ARRIVE_MS })
    // Bob's message reached Alice after Alice's: had Carol been sent either, it would have had the same time to arrive
    expect(await carol!.getByTestId('group-message').filter({ hasText: 'After Carol left' }).count()).toBe(0)
    expect(await carol!.getByTestId('group-message').filter({ hasText: 'Bob after the removal' }).count()).toBe(0)
    const history = await carol!.getByTestId('group-message').allInnerTexts()
    expect(history.join('\n')).toContain('Bob here, count me in')
  })

  it('A makes B an admin, B renames the group for everyone, and C rejoins with an invite link', async () => {
    const [alice, bob, carol] = people.map((p) => p.page)
    const bobRow = (page: Page) => page.locator(`[data-testid="group-member"][data-account-id="${ids[1]}"]`)
    await bobRow(alice!).getByRole('button', { name: 'Make admin' }).click()
    await expect.poll(() => bobRow(bob!).getAttribute('data-admin'), { timeout: ARRIVE_MS }).toBe('true')
    // B now gets the admin actions (remove for A)
    await expect.poll(() => bob!.getByTestId('group-remove').count(), { timeout: ARRIVE_MS }).toBe(1)
    await bob!.getByLabel('Group name').fill('Hikers 2027')
    await bob!.getByRole('button', { name: 'Rename' }).click()
    await alice!.getByRole('heading', { name: 'Hikers 2027' }).waitFor({ timeout: ARRIVE_MS })

    await alice!.getByRole('button', { name: 'Create invite link' }).click()
    const link = await alice!.getByTestId('group-invite-link').inputValue()
    expect(link).toMatch(/^xchat-group:[0-9a-f]+$/u)
    await carol!.getByTestId('new-group').click()
    await carol!.getByTestId('group-join-input').fill(link)
    await carol!.getByRole('button', { name: 'Join group' }).click()
    await carol!.getByTestId('composer').waitFor({ timeout: ARRIVE_MS })
    await expect.poll(() => alice!.getByTestId('group-member').count(), { timeout: ARRIVE_MS }).toBe(3)
    await sendGroupMessage(carol!, 'Carol is back')
    for (const p of [alice!, bob!]) await groupMessage(p, 'Carol is back').waitFor({ timeout: ARRIVE_MS })
  })

  it('a file sent to the group arrives on the other pages: card, progress, Save, and an image preview', async () => {
    const [alice, bob, carol] = people.map((p) => p.page)
    const bytes = Buffer.alloc(300 * 1024, 7)
    await alice!.getByTestId('file-input').setInputFiles({ name: 'route.gpx', mimeType: 'application/gpx+xml', buffer: bytes })
    for (const p of [bob!, carol!]) {
      const card = groupMessage(p, 'route.gpx').getByTestId('file-card')
      await card.waitFor({ timeout: ARRIVE_MS })
      expect(await card.innerText()).toContain('300 KB')
      await card.getByTestId('file-download').click()
      await card.getByTestId('file-save').waitFor({ timeout: ARRIVE_MS })
      const saved = await card
        .getByTestId('file-save')
        .evaluate(async (a) => Array.from(new Uint8Array(await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer())))
      expect(Buffer.from(saved).equals(bytes)).toBe(true)
    }
    // both members hold it: the sender's card says so
    await alice!
      .locator('[data-testid="file-card"][data-state="complete"]')
      .filter({ hasText: 'route.gpx' })
      .waitFor({ timeout: ARRIVE_MS })

    // an image from Bob shows as a preview on the others' pages without a click
    await bob!
      .getByTestId('file-input')
      .setInputFiles({ name: 'summit.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1X1, 'base64') })
    for (const p of [alice!, carol!]) {
      const image = groupMessage(p, 'summit.png')
      await image.getByTestId('file-preview').waitFor({ timeout: ARRIVE_MS })
      expect(await image.getByTestId('file-preview').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1)
    }
  })

  it('a group timer set by a member: every page shows it, and a message under it disappears on all pages', async () => {
    const [alice, bob, carol] = people.map((p) => p.page)
    // Carol is no admin: any member sets the timer
    await carol!.getByTestId('timer-select').selectOption('5000')
    await carol!.getByTestId('system-message').filter({ hasText: 'You set messages to disappear after 5 seconds' }).waitFor()
    for (const p of [alice!, bob!]) {
      await p
        .getByTestId('system-message')
        .filter({ hasText: 'Carol set messages to disappear after 5 seconds' })
        .waitFor({ timeout: ARRIVE_MS })
      await expect.poll(() => p.getByTestId('timer-select').inputValue(), { timeout: ARRIVE_MS }).toBe('5000')
    }

    await sendGroupMessage(alice!, 'This hike plan will vanish')
    const on = (p: Page) => groupMessage(p, 'This hike plan will vanish')
    for (const p of [bob!, carol!]) {
      await on(p).waitFor({ timeout: ARRIVE_MS })
      // the group is open: read, so the clock runs and shows
      await on(p).getByTestId('message-countdown').filter({ hasText: /\ds/u }).waitFor({ timeout: ARRIVE_MS })
    }
    for (const p of [alice!, bob!, carol!]) await expect.poll(() => on(p).count(), { timeout: ARRIVE_MS }).toBe(0)

    await alice!.getByTestId('timer-select').selectOption('off')
    for (const p of [bob!, carol!])
      await p.getByTestId('system-message').filter({ hasText: 'turned off disappearing messages' }).waitFor({ timeout: ARRIVE_MS })
    await sendGroupMessage(alice!, 'This plan stays')
    await groupMessage(carol!, 'This plan stays').waitFor({ timeout: ARRIVE_MS })
    expect(await groupMessage(carol!, 'This plan stays').getByTestId('message-countdown').count()).toBe(0)
  })

  it('no page errors', () => {
    for (const p of people) expect(p.errors).toEqual([])
  })
})
