/**
 * Audio and video calls between real Chromium pages (fake camera and
 * microphone: --use-fake-device-for-media-stream --use-fake-ui-for-media-stream)
 * against a real `xchat start` relay, on loopback with no STUN server. The
 * people carry state from test to test (accounts, contacts), in order.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { addContact, createAccount, launchPerson, startServer, waitOnline, type Person, type XchatServer } from './fixtures.js'
import type {} from '../src/app/calls/debug.js'

const LONG = 60_000

/** The call overlay in a state (and with an end reason). */
async function callScreen(page: Page, state: string, reason?: string): Promise<void> {
  const reasonSel = reason === undefined ? '' : `[data-reason="${reason}"]`
  try {
    await page.locator(`[data-testid="call-screen"][data-state="${state}"]${reasonSel}`).waitFor({ timeout: LONG })
  } catch (err) {
    // say where the call is instead, to tell a slow network from a wrong state
    const now = await page.evaluate(() => window.__xchatCall?.state())
    throw new Error(`call screen not ${state}${reason ? ` (${reason})` : ''}; the call is ${JSON.stringify(now)}`, { cause: err })
  }
}

/** End and close whatever call a page still shows (a failed test must not leave its call to the next). */
async function clearCall(page: Page): Promise<void> {
  const screen = page.getByTestId('call-screen')
  if ((await screen.count()) === 0) return
  const hangup = page.getByTestId('call-hangup')
  if ((await hangup.count()) > 0) await hangup.click()
  const decline = page.getByTestId('call-decline')
  if ((await decline.count()) > 0) await decline.click()
  await page.getByTestId('call-close').click({ timeout: LONG })
}

async function closeCall(page: Page): Promise<void> {
  await page.getByTestId('call-close').click()
  await page.getByTestId('call-screen').waitFor({ state: 'detached' })
}

async function inbound(page: Page): Promise<{ audio: number; video: number }> {
  return page.evaluate(async () => (await window.__xchatCall?.stats()) ?? { audio: 0, video: 0 })
}

/** Inbound RTP bytes of both kinds are above zero and rise. */
async function expectMediaFlowing(page: Page, kinds: ('audio' | 'video')[]): Promise<void> {
  await expect.poll(async () => inbound(page).then((b) => kinds.every((k) => b[k] > 0)), { timeout: LONG }).toBe(true)
  const first = await inbound(page)
  await expect.poll(async () => inbound(page).then((b) => kinds.every((k) => b[k] > first[k])), { timeout: LONG }).toBe(true)
}

async function openChat(page: Page, accountId: string, name: string): Promise<void> {
  await page.evaluate((id) => (location.hash = `#/chat/${id}`), accountId)
  await page.getByRole('heading', { name }).waitFor()
}

describe('calls between browser peers', () => {
  let server: XchatServer
  let alice: Person
  let bob: Person
  let carol: Person
  const ids = { alice: '', bob: '', carol: '' }

  beforeAll(async () => {
    server = await startServer()
    ;[alice, bob, carol] = await Promise.all([launchPerson(), launchPerson(), launchPerson()])
    await Promise.all([alice, bob, carol].map(async (p) => p.page.goto(server.url)))
    ids.alice = (await createAccount(alice.page)).accountId
    ids.bob = (await createAccount(bob.page)).accountId
    ids.carol = (await createAccount(carol.page)).accountId
    await Promise.all([alice, bob, carol].map(async (p) => waitOnline(p.page, LONG)))
    await addContact(alice.page, ids.bob, 'Bob')
    await addContact(bob.page, ids.alice, 'Alice')
    await addContact(carol.page, ids.bob, 'Bob')
    await addContact(bob.page, ids.carol, 'Carol')
    await openChat(bob.page, ids.alice, 'Alice')
  }, 180_000)

  afterEach(async () => {
    await Promise.all([alice, bob, carol].map(async (p) => clearCall(p.page).catch(() => undefined)))
  })

  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close(), carol?.close()])
    await server?.stop()
  })

  it('A video-calls B, B accepts: both receive audio and video (inbound RTP bytes rising); A hangs up and both end', async () => {
    await alice.page.getByTestId('call-video').click()
    await callScreen(bob.page, 'incoming-ringing')
    await expect.poll(() => alice.page.getByTestId('call-status').innerText(), { timeout: LONG }).toBe('Ringing…')
    await bob.page.getByTestId('call-accept').click()
    await Promise.all([callScreen(alice.page, 'active'), callScreen(bob.page, 'active')])
    await Promise.all([expectMediaFlowing(alice.page, ['audio', 'video']), expectMediaFlowing(bob.page, ['audio', 'video'])])
    expect(await alice.page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => v.srcObject !== null)).toBe(true)

    await alice.page.getByTestId('call-hangup').click()
    await Promise.all([callScreen(alice.page, 'ended', 'hangup'), callScreen(bob.page, 'ended', 'hangup')])
    await Promise.all([closeCall(alice.page), closeCall(bob.page)])
    // the finished call is in both histories
    await alice.page.locator('[data-testid="call-entry"][data-outcome="hangup"]').waitFor({ timeout: LONG })
    await bob.page.locator('[data-testid="call-entry"][data-outcome="hangup"]').waitFor({ timeout: LONG })
  })

  it('mute, camera off and audio only keep the call up; the callee hangs up and both end', async () => {
    await alice.page.getByTestId('call-video').click()
    await callScreen(bob.page, 'incoming-ringing')
    await bob.page.getByTestId('call-accept').click()
    await Promise.all([callScreen(alice.page, 'active'), callScreen(bob.page, 'active')])
    await alice.page.getByTestId('call-mute').click()
    expect(await alice.page.getByTestId('call-mute').getAttribute('aria-pressed')).toBe('true')
    await alice.page.getByTestId('call-camera').click()
    expect(await alice.page.getByTestId('call-camera').getAttribute('aria-pressed')).toBe('true')
    await alice.page.getByTestId('call-audio-only').click()
    await alice.page.getByTestId('local-video').waitFor({ state: 'detached' })
    await expectMediaFlowing(alice.page, ['audio'])

    await bob.page.getByTestId('call-hangup').click()
    await Promise.all([callScreen(alice.page, 'ended', 'hangup'), callScreen(bob.page, 'ended', 'hangup')])
    await Promise.all([closeCall(alice.page), closeCall(bob.page)])
  })

  it('B declines an audio call: A sees declined', async () => {
    await alice.page.getByTestId('call-audio').click()
    await callScreen(bob.page, 'incoming-ringing')
    await bob.page.getByTestId('call-decline').click()
    await callScreen(alice.page, 'ended', 'declined')
    await closeCall(alice.page)
    await alice.page.locator('[data-testid="call-entry"][data-outcome="declined"]').waitFor({ timeout: LONG })
  })

  it('B is already in a call: C hears busy, and B’s call goes on', async () => {
    await alice.page.getByTestId('call-audio').click()
    await callScreen(bob.page, 'incoming-ringing')
    await bob.page.getByTestId('call-accept').click()
    await callScreen(bob.page, 'active')
    await openChat(carol.page, ids.bob, 'Bob')
    await carol.page.getByTestId('call-audio').click()
    await callScreen(carol.page, 'ended', 'busy')
    await closeCall(carol.page)
    expect(await bob.page.getByTestId('call-screen').getAttribute('data-state')).toBe('active')
    await alice.page.getByTestId('call-hangup').click()
    await Promise.all([callScreen(alice.page, 'ended', 'hangup'), callScreen(bob.page, 'ended', 'hangup')])
    await Promise.all([closeCall(alice.page), closeCall(bob.page)])
  })

  it('nobody answers: after the (configured) ring time A sees no answer and B a missed call', async () => {
    await alice.page.evaluate(() => (location.hash = '#/settings'))
    await alice.page.getByTestId('ring-seconds').fill('3')
    await alice.page.getByTestId('save-call-settings').click()
    await alice.page.getByText('Used from the next call on').waitFor()
    await openChat(alice.page, ids.bob, 'Bob')
    await alice.page.getByTestId('call-audio').click()
    await callScreen(bob.page, 'incoming-ringing')
    await Promise.all([callScreen(alice.page, 'ended', 'no-answer'), callScreen(bob.page, 'ended', 'no-answer')])
    await Promise.all([closeCall(alice.page), closeCall(bob.page)])
    await bob.page.locator('[data-testid="call-entry"][data-outcome="no-answer"]').waitFor({ timeout: LONG })
    expect(await bob.page.locator('[data-testid="call-entry"][data-outcome="no-answer"]').innerText()).toContain('Missed call')
  })

  it('a call from someone who is not a contact does not ring; it rings once the user adds the contact', async () => {
    await addContact(carol.page, ids.alice, 'Alice')
    await carol.page.getByTestId('call-audio').click()
    await alice.page.getByTestId('call-held').waitFor({ timeout: LONG })
    expect(await alice.page.getByTestId('call-screen').count()).toBe(0)
    await alice.page.getByTestId('call-held').getByRole('link', { name: 'Add them' }).click()
    await expect.poll(() => alice.page.getByTestId('add-contact-input').inputValue()).toBe(ids.carol)
    await alice.page.getByTestId('add-contact-name').fill('Carol')
    await alice.page.getByRole('button', { name: 'Add contact' }).click()
    await callScreen(alice.page, 'incoming-ringing')
    await alice.page.getByTestId('call-decline').click()
    await callScreen(carol.page, 'ended', 'declined')
  })

  it('pages logged no errors', () => {
    const errors = [alice, bob, carol].flatMap((p) => p.errors).filter((e) => !/Failed to load resource|WebSocket/u.test(e))
    expect(errors).toEqual([])
  })
})
