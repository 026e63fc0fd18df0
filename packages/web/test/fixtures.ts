/**
 * Browser test fixtures: a real `xchat start` process (relay + web app +
 * bootstrap.json) and Debian's Chromium driven by playwright-core, each
 * context with a fresh profile. Everything waits on selectors or events with
 * timeouts; nothing sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import type {} from '../src/app/debug.js'

/** The built CLI and web app: tests run what users run. */
export const XCHAT_BIN = fileURLToPath(new URL('../../node/dist/bin/xchat.js', import.meta.url))
export const WEB_DIST = fileURLToPath(new URL('../dist', import.meta.url))
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

/** Flags from shared/PLATFORM.md; `--allow-loopback-in-peer-connection` lets WebRTC use 127.0.0.1. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
]

export interface XchatServer {
  /** e.g. http://127.0.0.1:41234/ */
  readonly url: string
  stop(): Promise<void>
}

/** Start `xchat start --port 0` with a temporary data folder; resolves with its URL. */
export async function startServer(timeoutMs = 30_000): Promise<XchatServer> {
  const data = await mkdtemp(join(tmpdir(), 'xchat-web-test-'))
  const child = spawn(process.execPath, [XCHAT_BIN, 'start', '--port', '0', '--data', join(data, 'relay'), '--web', WEB_DIST], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`xchat start printed no URL in ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs)
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /running at (http:\/\/\S+)/u.exec(line)
      if (m?.[1]) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`xchat start exited (${String(code)}); stderr: ${stderr}`))
    })
  })
  return {
    url,
    async stop() {
      await stopChild(child)
      await rm(data, { recursive: true, force: true })
    },
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

/** A browser "person": its own Chromium profile (user-data-dir) and one page. */
export interface Person {
  readonly context: BrowserContext
  readonly page: Page
  /** The Chromium user-data-dir. */
  readonly profile: string
  /** Browser console errors and page errors seen so far. */
  readonly errors: string[]
  /** Close the browser; the profile is deleted unless kept (to reopen it later). */
  close(options?: { keepProfile?: boolean }): Promise<void>
}

/** Launch Chromium with a fresh profile (or reopen a kept one) and open one page (not navigated yet). */
export async function launchPerson(options: { profile?: string } = {}): Promise<Person> {
  const profile = options.profile ?? (await mkdtemp(join(tmpdir(), 'xchat-chromium-')))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 800 },
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
  })
  return {
    context,
    page,
    profile,
    errors,
    async close({ keepProfile = false } = {}) {
      await context.close()
      if (!keepProfile) await rm(profile, { recursive: true, force: true })
    },
  }
}

/**
 * Create an account through the UI: read the words from data-testid=mnemonic,
 * tick "written down", type the asked words back, and wait for the account ID.
 */
export async function createAccount(page: Page): Promise<{ words: string[]; accountId: string }> {
  await page.getByRole('button', { name: 'Create an account' }).click()
  const words = (await page.getByTestId('mnemonic').innerText()).split(/\s+/u).filter((w) => w !== '')
  await page.getByTestId('words-written').check()
  await page.getByRole('button', { name: 'Continue' }).click()
  const inputs = page.getByTestId('confirm-word')
  await inputs.first().waitFor()
  for (const input of await inputs.all()) {
    const position = Number(await input.getAttribute('data-position'))
    await input.fill(words[position - 1] ?? '')
  }
  await page.getByRole('button', { name: 'Create my account' }).click()
  const accountId = await myAccountId(page)
  return { words, accountId }
}

/** The account ID the page shows (waits for it). */
export async function myAccountId(page: Page): Promise<string> {
  const id = page.getByTestId('my-account-id')
  await id.waitFor({ timeout: 30_000 })
  return (await id.innerText()).trim()
}

/** Wait until the page reports it is online (a relay reservation). */
export async function waitOnline(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.locator('[data-testid="online-status"][data-state="online"]').waitFor({ state: 'attached', timeout: timeoutMs })
}

/** This page's device: its PeerId and device index as the settings screen shows them. */
export async function deviceOf(page: Page): Promise<{ peerId: string; deviceIndex: number }> {
  return page.evaluate(() => {
    const hook = window.__xchat
    return { peerId: hook?.status()?.peerId ?? '', deviceIndex: hook?.deviceIndex() ?? -1 }
  })
}

/** Add a contact through the add-contact screen (by ID or share link) and wait for its chat. */
export async function addContact(page: Page, idOrLink: string, name: string): Promise<void> {
  await page.getByTestId('add-contact').click()
  await page.getByTestId('add-contact-input').fill(idOrLink)
  await page.getByTestId('add-contact-name').fill(name)
  await page.getByRole('button', { name: 'Add contact' }).click()
  await page.getByRole('heading', { name }).waitFor()
}

/** Type a message in the composer and press Enter. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const composer = page.getByTestId('composer')
  await composer.fill(text)
  await composer.press('Enter')
}

/**
 * Open the conversation with an account from the list; it appears with the
 * first message, which may still be on its way (`timeoutMs`).
 */
export async function openConversation(page: Page, accountId: string, timeoutMs = 30_000): Promise<void> {
  await page.locator(`[data-testid="conversation"][data-account-id="${accountId}"]`).click({ timeout: timeoutMs })
  await page.getByTestId('composer').waitFor()
}
