// Browser peer figures (issue 7), from packages/web/dist and headless Chromium:
// - the initial bundle (what index.html loads before any user action), gzip,
//   next to the whole app with its lazily loaded libp2p chunk;
// - page load → ready (online: a relay reservation, this device published in
//   the directory), next to page load → first relay connection in the same run.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { quantile, r3 } from './stats.mjs'

const WEB_DIST = new URL('../packages/web/dist/', import.meta.url).pathname
const XCHAT = new URL('../packages/node/dist/bin/xchat.js', import.meta.url).pathname
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--allow-loopback-in-peer-connection',
]
const RUNS = 5
const TARGET_INITIAL_KB = 500

const gz = async (file) => gzipSync(await readFile(join(WEB_DIST, file))).length

/** index.html's scripts, stylesheets and modulepreloads, plus every chunk they import statically (not `import()`). */
async function initialFiles() {
  const html = await readFile(join(WEB_DIST, 'index.html'), 'utf8')
  const files = new Set(['index.html'])
  const queue = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/gu)].map((m) => m[1])
  while (queue.length > 0) {
    const file = queue.pop()
    if (files.has(file)) continue
    files.add(file)
    if (!file.endsWith('.js')) continue
    const code = await readFile(join(WEB_DIST, file), 'utf8')
    // static imports only: `import … from"./x.js"` and `import"./x.js"`
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/gu)) queue.push(`assets/${m[1]}`)
  }
  return [...files]
}

async function bundleFigures() {
  const initial = await initialFiles()
  const all = ['index.html', ...(await readdir(join(WEB_DIST, 'assets'))).map((f) => `assets/${f}`)]
  const sum = async (files) => (await Promise.all(files.map(gz))).reduce((a, b) => a + b, 0)
  const initialBytes = await sum(initial)
  const allBytes = await sum(all)
  return {
    name: 'web_initial_bundle_gzip',
    unit: 'KB',
    value: r3(initialBytes / 1024),
    target: TARGET_INITIAL_KB,
    files: initial,
    baseline: { name: 'web_all_assets_gzip (libp2p chunk loaded after onboarding)', value: r3(allBytes / 1024) },
  }
}

async function startServer() {
  const data = await mkdtemp(join(tmpdir(), 'xchat-bench-web-'))
  const child = spawn(process.execPath, [XCHAT, 'start', '--port', '0', '--data', join(data, 'relay'), '--web', WEB_DIST], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /running at (http:\/\/\S+)/u.exec(line)
      if (m) resolve(m[1])
    })
    child.once('exit', (code) => reject(new Error(`xchat start exited (${code})`)))
  })
  return {
    url,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      await rm(data, { recursive: true, force: true })
    },
  }
}

/** Create an account once, then reload the page RUNS times and read the hook's timestamps. */
async function readyFigures(url) {
  const profile = await mkdtemp(join(tmpdir(), 'xchat-bench-chromium-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(url)
    await page.getByRole('button', { name: 'Create an account' }).click()
    const words = (await page.getByTestId('mnemonic').innerText()).split(/\s+/u).filter(Boolean)
    await page.getByTestId('words-written').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    for (const input of await page.getByTestId('confirm-word').all())
      await input.fill(words[Number(await input.getAttribute('data-position')) - 1])
    await page.getByRole('button', { name: 'Create my account' }).click()
    await page.getByTestId('my-account-id').waitFor()
    const ready = []
    const connected = []
    for (let i = 0; i < RUNS; i++) {
      await page.reload()
      await page.waitForFunction(() => window.__xchat?.readyAt !== undefined, undefined, { timeout: 60_000 })
      const t = await page.evaluate(() => ({ ready: window.__xchat.readyAt, connected: window.__xchat.connectedAt }))
      ready.push(t.ready)
      connected.push(t.connected)
    }
    ready.sort((a, b) => a - b)
    connected.sort((a, b) => a - b)
    return {
      name: 'web_page_load_to_ready',
      unit: 'ms',
      runs: RUNS,
      median: r3(quantile(ready, 0.5)),
      max: r3(ready[ready.length - 1]),
      baseline: { name: 'web_page_load_to_relay_connection', median: r3(quantile(connected, 0.5)) },
    }
  } finally {
    await context.close()
    await rm(profile, { recursive: true, force: true })
  }
}

export async function run() {
  const bundle = await bundleFigures()
  const server = await startServer()
  try {
    return [bundle, await readyFigures(server.url)]
  } finally {
    await server.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2))
}
