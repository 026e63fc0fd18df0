/**
 * The browser peer end to end: real Chromium pages against a real
 * `xchat start` relay. The people share one relay and carry state from test
 * to test (accounts, contacts, history), in order.
 */
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DeviceKeys, generateMnemonic } from '@xchat/core'
import {
  addContact,
  createAccount,
  deviceOf,
  launchPerson,
  myAccountId,
  openConversation,
  sendMessage,
  startServer,
  waitOnline,
  type Person,
  type XchatServer,
} from './fixtures.js'

const MSG_PROTOCOL = '/xchat/msg/1.0.0'
/** A 1×1 PNG. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

describe('the browser peer', () => {
  let server: XchatServer
  let alice: Person
  let bob: Person
  let carol: Person | undefined
  /** The device index the recovered browser picked. */
  let recoveredIndex = -1
  let dave: Person | undefined
  const ids = { alice: '', bob: '' }
  let aliceWords: string[] = []

  beforeAll(async () => {
    server = await startServer()
    ;[alice, bob] = await Promise.all([launchPerson(), launchPerson()])
    await Promise.all([alice.page.goto(server.url), bob.page.goto(server.url)])
  })

  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close(), carol?.close().catch(() => undefined), dave?.close()])
    await server?.stop()
  })

  it('creates an account: shows 12 words with a warning, asks for some back, names a wrong one, then shows the account ID', async () => {
    const { page } = alice
    await page.getByRole('button', { name: 'Create an account' }).click()
    await expect.poll(() => page.getByRole('note').innerText()).toMatch(/Write these 12 words/u)
    const words = (await page.getByTestId('mnemonic').innerText()).split(/\s+/u).filter(Boolean)
    expect(words).toHaveLength(12)
    // Continue stays disabled until the user says the words are written down
    await expect.poll(() => page.getByRole('button', { name: 'Continue' }).isDisabled()).toBe(true)
    await page.getByTestId('words-written').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    const inputs = await page.getByTestId('confirm-word').all()
    expect(inputs.length).toBe(3)
    const positions = await Promise.all(inputs.map(async (i) => Number(await i.getAttribute('data-position'))))
    // a wrong word is named and nothing is created
    await inputs[0]!.fill('wrongword')
    for (const [i, input] of inputs.entries()) if (i > 0) await input.fill(words[positions[i]! - 1]!)
    await page.getByRole('button', { name: 'Create my account' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toContain(`Word ${positions[0]} does not match`)
    await inputs[0]!.fill(words[positions[0]! - 1]!)
    await page.getByRole('button', { name: 'Create my account' }).click()
    ids.alice = await myAccountId(page)
    aliceWords = words
    expect(ids.alice).toMatch(/^xc1[02-9ac-hj-np-z]{59}$/u)

    const created = await createAccount(bob.page)
    ids.bob = created.accountId
    expect(ids.bob).toMatch(/^xc1/u)
    expect(ids.bob).not.toBe(ids.alice)
    expect(created.words).not.toEqual(words)
  })

  it('keeps the account across a page reload', async () => {
    await alice.page.reload()
    expect(await myAccountId(alice.page)).toBe(ids.alice)
    expect((await deviceOf(alice.page)).deviceIndex).toBe(0)
  })

  it('goes online through the relay (a reservation) and resolves another account in the directory', async () => {
    await Promise.all([waitOnline(alice.page), waitOnline(bob.page)])
    const bobPeer = (await deviceOf(bob.page)).peerId
    expect(bobPeer).toMatch(/^16Uiu2HA/u)
    const resolved = await alice.page.evaluate(async (id) => window.__xchat!.resolve(id), ids.bob)
    expect(resolved.devices.map((d) => d.peerId)).toEqual([bobPeer])
    expect(resolved.devices[0]!.addrs.some((a) => a.includes('/p2p-circuit/webrtc'))).toBe(true)
  })

  it('adds a contact from a share link and shows the same safety number on both sides', async () => {
    const link = await alice.page.getByTestId('share-link').inputValue()
    expect(link).toContain(`#add=${ids.alice}`)
    // Bob opens Alice's link: the add screen is filled in
    await bob.page.goto(link)
    await expect.poll(() => bob.page.getByTestId('add-contact-input').inputValue()).toBe(ids.alice)
    await bob.page.getByTestId('add-contact-name').fill('Alice')
    await bob.page.getByRole('button', { name: 'Add contact' }).click()
    await bob.page.getByRole('heading', { name: 'Alice' }).waitFor()
    // Alice pastes Bob's bare ID
    await addContact(alice.page, ids.bob, 'Bob')

    await alice.page.getByRole('link', { name: 'Verify' }).click()
    await bob.page.getByRole('link', { name: 'Verify' }).click()
    const digits = await Promise.all([alice.page, bob.page].map(async (p) => p.getByTestId('safety-number').innerText()))
    expect(digits[0]!.replace(/\s+/gu, ' ').trim()).toMatch(/^(\d{5} ){11}\d{5}$/u)
    expect(digits[0]).toBe(digits[1])
    await alice.page.getByRole('button', { name: 'Mark as verified' }).click()
    await alice.page.getByTestId('verified-state').waitFor()
    await alice.page.getByRole('link', { name: /Back to\s*Chat/u }).click()
    await alice.page.getByRole('link', { name: '✓ Verified' }).waitFor()
  })

  it('exchanges messages both ways over a direct WebRTC connection, with delivered/read states', async () => {
    await sendMessage(alice.page, 'Hello Bob, over WebRTC')
    const sent = alice.page.getByTestId('message').filter({ hasText: 'Hello Bob, over WebRTC' })
    await sent.waitFor()
    expect(await sent.getAttribute('data-direction')).toBe('out')

    await openConversation(bob.page, ids.alice)
    await bob.page.getByTestId('message').filter({ hasText: 'Hello Bob, over WebRTC' }).waitFor({ timeout: 30_000 })
    // Bob has the chat open: Alice sees her message read
    await alice.page.locator('[data-testid="message"][data-state="read"]').filter({ hasText: 'Hello Bob' }).waitFor({ timeout: 30_000 })

    // Shift+Enter makes a new line, Enter sends
    const composer = bob.page.getByTestId('composer')
    await composer.fill('Hi Alice!')
    await composer.press('Shift+Enter')
    await composer.pressSequentially('Second line')
    await composer.press('Enter')
    const reply = alice.page.getByTestId('message').filter({ hasText: 'Second line' })
    await reply.waitFor({ timeout: 30_000 })
    expect(await reply.getAttribute('data-direction')).toBe('in')
    expect(await reply.locator('.text').innerText()).toBe('Hi Alice!\nSecond line')
    await expect.poll(() => composer.inputValue()).toBe('')

    // the conversation runs over a direct browser-to-browser WebRTC connection, not the relay's circuit
    const bobPeer = (await deviceOf(bob.page)).peerId
    const conns = await alice.page.evaluate((peer) => window.__xchat!.connections(peer), bobPeer)
    const direct = conns.filter((c) => c.multiplexer === '/webrtc' && !c.limited && c.status === 'open')
    expect(direct, JSON.stringify(conns)).toHaveLength(1)
    expect(direct[0]!.protocols, JSON.stringify(conns)).toContain(MSG_PROTOCOL)
    for (const c of conns.filter((x) => x.limited)) expect(c.protocols, JSON.stringify(conns)).not.toContain(MSG_PROTOCOL)
  })

  it('sends files both ways: bytes verified, progress on both sides, image previews', async () => {
    // more than two 256 KiB chunks of random bytes, so the transfer has several requests
    const bytes = randomBytes(700 * 1024)
    await alice.page.getByTestId('file-input').setInputFiles({ name: 'report.bin', mimeType: 'application/octet-stream', buffer: bytes })
    const sent = alice.page.getByTestId('message').filter({ hasText: 'report.bin' })
    await sent.waitFor({ timeout: 30_000 })
    expect(await sent.getAttribute('data-direction')).toBe('out')

    const received = bob.page.getByTestId('message').filter({ hasText: 'report.bin' })
    await received.waitFor({ timeout: 30_000 })
    expect(await received.getByTestId('file-card').innerText()).toContain('700 KB')
    await received.getByTestId('file-download').click()
    const save = received.getByTestId('file-save')
    await save.waitFor({ timeout: 60_000 })
    expect(await save.getAttribute('download')).toBe('report.bin')
    const href = (await save.getAttribute('href')) ?? ''
    const digest = await bob.page.evaluate(async (url) => {
      const data = await (await fetch(url)).arrayBuffer()
      return [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))].map((b) => b.toString(16).padStart(2, '0')).join('')
    }, href)
    expect(digest).toBe(createHash('sha256').update(bytes).digest('hex'))
    // the recipient's device reported the whole file verified: the sender's card says so
    const card = alice.page.locator('[data-testid="file-card"][data-state="complete"]').filter({ hasText: 'report.bin' })
    await card.waitFor({ timeout: 30_000 })
    expect(await card.getByTestId('file-status').innerText()).toBe('Received by the recipient')

    // an image goes the other way and shows as a preview on arrival, without a click
    await bob.page
      .getByTestId('file-input')
      .setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1X1, 'base64') })
    const image = alice.page.getByTestId('message').filter({ hasText: 'dot.png' })
    await image.getByTestId('file-preview').waitFor({ timeout: 60_000 })
    expect(await image.getByTestId('file-preview').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1)
  })

  it('still serves a sent file after the sender reloads its page (a copy kept in OPFS)', async () => {
    const bytes = randomBytes(600 * 1024)
    await alice.page.getByTestId('file-input').setInputFiles({ name: 'kept.bin', mimeType: 'application/octet-stream', buffer: bytes })
    const received = bob.page.getByTestId('message').filter({ hasText: 'kept.bin' })
    await received.getByTestId('file-download').waitFor({ timeout: 30_000 })
    // the copy is committed when the file is prepared and sent; sealed at rest: 256 KiB blocks, 29 bytes more each
    await alice.page.getByTestId('message').filter({ hasText: 'kept.bin' }).waitFor({ timeout: 30_000 })
    const sealedSize = bytes.length + 29 * Math.ceil(bytes.length / (256 * 1024))
    const copies = async (): Promise<{ size: number; plaintext: boolean }[]> =>
      alice.page.evaluate(async (probeHex) => {
        const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('xchat-sent-files')
        const dir = await root.getDirectoryHandle('direct')
        const probe = probeHex.match(/../gu)?.map((h) => parseInt(h, 16)) ?? []
        const out: { size: number; plaintext: boolean }[] = []
        for await (const handle of (dir as unknown as { values(): AsyncIterable<FileSystemFileHandle> }).values()) {
          const data = new Uint8Array(await (await handle.getFile()).arrayBuffer())
          const found = data.some((_, at) => probe.every((b, k) => data[at + k] === b))
          out.push({ size: data.length, plaintext: found })
        }
        return out
      }, bytes.subarray(1000, 1032).toString('hex'))
    await expect.poll(async () => (await copies()).map((c) => c.size), { timeout: 30_000 }).toContain(sealedSize)
    expect((await copies()).filter((c) => c.plaintext)).toEqual([])
    await alice.page.reload()
    await waitOnline(alice.page)
    await received.getByTestId('file-download').click()
    const save = received.getByTestId('file-save')
    await save.waitFor({ timeout: 90_000 })
    const digest = await bob.page.evaluate(
      async (url) => {
        const data = await (await fetch(url)).arrayBuffer()
        return [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))].map((b) => b.toString(16).padStart(2, '0')).join('')
      },
      (await save.getAttribute('href')) ?? '',
    )
    expect(digest).toBe(createHash('sha256').update(bytes).digest('hex'))
    await openConversation(alice.page, ids.bob)
  })

  it('disappearing messages: a timer change both sides see, a countdown, then the message is gone on both', async () => {
    await alice.page.getByTestId('timer-select').selectOption('5000')
    await alice.page.getByTestId('system-message').filter({ hasText: 'You set messages to disappear after 5 seconds' }).waitFor()
    await bob.page
      .getByTestId('system-message')
      .filter({ hasText: 'set messages to disappear after 5 seconds' })
      .waitFor({ timeout: 30_000 })
    await expect.poll(() => bob.page.getByTestId('timer-select').inputValue(), { timeout: 30_000 }).toBe('5000')

    await sendMessage(alice.page, 'This will vanish')
    const onBob = bob.page.getByTestId('message').filter({ hasText: 'This will vanish' })
    await onBob.waitFor({ timeout: 30_000 })
    // Bob has the chat open: read, so his clock runs and shows
    await onBob.getByTestId('message-countdown').filter({ hasText: /\ds/u }).waitFor({ timeout: 30_000 })
    const onAlice = alice.page.getByTestId('message').filter({ hasText: 'This will vanish' })
    await onAlice.getByTestId('message-countdown').waitFor()
    // five seconds after sending (Alice) and after reading (Bob) it is deleted on both sides
    await expect.poll(() => onBob.count(), { timeout: 30_000 }).toBe(0)
    await expect.poll(() => onAlice.count(), { timeout: 30_000 }).toBe(0)

    await alice.page.getByTestId('timer-select').selectOption('off')
    await bob.page.getByTestId('system-message').filter({ hasText: 'turned off disappearing messages' }).waitFor({ timeout: 30_000 })
    await sendMessage(alice.page, 'This one stays')
    await bob.page.getByTestId('message').filter({ hasText: 'This one stays' }).waitFor({ timeout: 30_000 })
    expect(await bob.page.getByTestId('message').filter({ hasText: 'This one stays' }).getByTestId('message-countdown').count()).toBe(0)
  })

  it('keeps contacts and history across a reload', async () => {
    await alice.page.reload()
    await openConversation(alice.page, ids.bob)
    await alice.page.getByTestId('message').filter({ hasText: 'Second line' }).waitFor()
    const texts = await alice.page.getByTestId('message').allInnerTexts()
    expect(texts.join('\n')).toContain('Hello Bob, over WebRTC')
    expect(texts.join('\n')).toContain('Second line')
  })

  it('recovers an account from its words as a new device, naming a mistyped word with suggestions', async () => {
    carol = await launchPerson()
    const { page } = carol
    await page.goto(server.url)
    await page.getByRole('button', { name: 'I have an account' }).click()
    const typo = [...aliceWords]
    typo[2] = `${aliceWords[2]!.slice(0, -1)}q`
    await page.getByTestId('mnemonic-input').fill(typo.join(' '))
    await page.getByRole('button', { name: 'Recover account' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/Word 3, “.*”, is not a recovery word/u)
    // the fixed words recover the same account on another device
    await page.getByTestId('mnemonic-input').fill(aliceWords.join('  \n'))
    await page.getByRole('button', { name: 'Recover account' }).click()
    expect(await myAccountId(page)).toBe(ids.alice)
    await waitOnline(page)
    const [recovered, original] = await Promise.all([deviceOf(page), deviceOf(alice.page)])
    expect(recovered.deviceIndex).toBeGreaterThanOrEqual(1)
    expect(recovered.deviceIndex).toBeLessThan(2 ** 20)
    expect(recovered.peerId).not.toBe(original.peerId)
    recoveredIndex = recovered.deviceIndex
    // contacts and history come back from the account's vault on the relay
    await openConversation(page, ids.bob, 60_000)
    await page.getByTestId('message').filter({ hasText: 'Second line' }).waitFor({ timeout: 60_000 })
  }, 120_000)

  it('shows what a user pasted wrong when adding a contact', async () => {
    const { page } = bob
    await page.getByTestId('add-contact').click()
    await page.getByTestId('add-contact-input').fill(`${ids.alice.slice(0, -1)}${ids.alice.endsWith('q') ? 'p' : 'q'}`)
    await page.getByRole('button', { name: 'Add contact' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('That account ID has a typo.')
    await page.getByTestId('add-contact-input').fill(ids.bob)
    await page.getByRole('button', { name: 'Add contact' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('That is your own ID.')
  })

  it('gives a failed send back: the reason shown, the text back in the box, nothing stored', async () => {
    const { page } = bob
    // a valid account that never went online: the directory has no record of it
    const nobody = DeviceKeys.fromSecrets({ mnemonic: generateMnemonic().phrase, passphrase: '', deviceIndex: 0, createdAt: Date.now() })
    await page.evaluate((hash) => {
      location.hash = hash
    }, `#/chat/${nobody.accountId}`)
    await sendMessage(page, 'Anyone there?')
    await page.getByRole('alert').filter({ hasText: 'has no directory entry' }).waitFor({ timeout: 60_000 })
    await expect.poll(() => page.getByTestId('composer').inputValue()).toBe('Anyone there?')
    expect(await page.getByTestId('message').filter({ hasText: 'Anyone there?' }).count()).toBe(0)
    await page.getByTestId('composer').fill('')
  })

  it('delivers a new message to both devices of the recovered account', async () => {
    dave = await launchPerson()
    await dave.page.goto(server.url)
    const { accountId: daveId } = await createAccount(dave.page)
    await waitOnline(dave.page)
    await addContact(dave.page, ids.alice, 'Alice')
    await sendMessage(dave.page, 'Hi Alice, this is Dave')
    await dave.page
      .locator('[data-testid="message"][data-state="delivered"], [data-testid="message"][data-state="read"]')
      .waitFor({ timeout: 60_000 })
    for (const device of [alice, carol!]) {
      // the second device may get it by a later outbox retry, not the first attempt
      await openConversation(device.page, daveId, 90_000)
      await device.page.getByTestId('message').filter({ hasText: 'this is Dave' }).waitFor({ timeout: 60_000 })
    }
  }, 240_000)

  it("keeps a message and a small file to a closed browser in its relay mailbox ('sent', not delivered) and delivers both when that browser comes back", async () => {
    // Alice's other device takes copies of her messages: closed too, both copies can only go to mailboxes
    await Promise.all([bob.close({ keepProfile: true }), carol?.close()])
    await openConversation(alice.page, ids.bob)
    await sendMessage(alice.page, 'While you were away')
    // both devices name one relay (the local one): the envelopes are stored in its mailboxes, nothing has reached a device
    const waiting = alice.page.locator('[data-testid="message"][data-state="sent"]').filter({ hasText: 'While you were away' })
    await waiting.waitFor({ timeout: 60_000 })
    expect(await waiting.getByTestId('message-state').innerText()).toContain('Sent')
    // a small file goes into the mailboxes too, and the card says so
    const away = randomBytes(300 * 1024)
    await alice.page.getByTestId('file-input').setInputFiles({ name: 'away.bin', mimeType: 'application/octet-stream', buffer: away })
    const awayCard = alice.page.getByTestId('message').filter({ hasText: 'away.bin' })
    await expect.poll(() => awayCard.getByTestId('file-mailbox').getAttribute('data-state'), { timeout: 60_000 }).toBe('stored')
    // the sender goes offline too: from now on the file can only come from the mailboxes
    await alice.close({ keepProfile: true })

    bob = await launchPerson({ profile: bob.profile })
    await bob.page.goto(server.url)
    expect(await myAccountId(bob.page)).toBe(ids.bob)
    await waitOnline(bob.page)
    await openConversation(bob.page, ids.alice)
    await bob.page.getByTestId('message').filter({ hasText: 'While you were away' }).waitFor({ timeout: 90_000 })
    const fromMailbox = bob.page.getByTestId('message').filter({ hasText: 'away.bin' })
    await fromMailbox.getByTestId('file-download').click({ timeout: 90_000 })
    const save = fromMailbox.getByTestId('file-save')
    await save.waitFor({ timeout: 60_000 })
    const digest = await bob.page.evaluate(
      async (url) => {
        const data = await (await fetch(url)).arrayBuffer()
        return [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))].map((b) => b.toString(16).padStart(2, '0')).join('')
      },
      (await save.getAttribute('href')) ?? '',
    )
    expect(digest).toBe(createHash('sha256').update(away).digest('hex'))

    // the sender comes back and learns the message was read
    alice = await launchPerson({ profile: alice.profile })
    await alice.page.goto(server.url)
    await waitOnline(alice.page)
    await openConversation(alice.page, ids.bob)
    await alice.page
      .locator('[data-testid="message"][data-state="read"]')
      .filter({ hasText: 'While you were away' })
      .waitFor({ timeout: 60_000 })
  }, 360_000)

  it("lists the account's devices in settings: this browser and the recovered one", async () => {
    await alice.page.getByRole('link', { name: 'Settings' }).click()
    await alice.page.locator('[data-testid="device"][data-device-index="0"]').filter({ hasText: 'this browser' }).waitFor()
    await alice.page.locator(`[data-testid="device"][data-device-index="${recoveredIndex}"]`).waitFor()
  })

  it('keeps pages free of errors', () => {
    for (const p of [alice, bob, carol, dave]) expect(p?.errors ?? []).toEqual([])
  })
})
