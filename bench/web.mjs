// Browser peer figures (issue 7), from packages/web/dist and headless Chromium:
// - the initial bundle (what index.html loads before any user action), gzip,
//   next to the whole app with its lazily loaded libp2p chunk;
// - page load → ready (online: a relay reservation, this device published in
//   the directory), next to page load → first relay connection in the same run;
// - message latency page to page over the direct WebRTC connection, next to
//   half the round trip of a raw RTCDataChannel between the same two pages;
// - a 50 MiB file page to page (prepare, then download and verify), next to
//   50 MiB over a raw RTCDataChannel between the same two pages.
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
const LATENCY_MESSAGES = 50
const FILE_MIB = 50
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

/** Create an account through the onboarding UI; resolves with its ID. */
async function createAccount(page) {
  await page.getByRole('button', { name: 'Create an account' }).click()
  const words = (await page.getByTestId('mnemonic').innerText()).split(/\s+/u).filter(Boolean)
  await page.getByTestId('words-written').check()
  await page.getByRole('button', { name: 'Continue' }).click()
  for (const input of await page.getByTestId('confirm-word').all())
    await input.fill(words[Number(await input.getAttribute('data-position')) - 1])
  await page.getByRole('button', { name: 'Create my account' }).click()
  const id = page.getByTestId('my-account-id')
  await id.waitFor({ timeout: 30_000 })
  return (await id.innerText()).trim()
}

async function launch() {
  const profile = await mkdtemp(join(tmpdir(), 'xchat-bench-chromium-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    page,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

/** Two pages with accounts that know each other and hold a direct WebRTC connection. */
async function pair(url) {
  const [a, b] = await Promise.all([launch(), launch()])
  await Promise.all([a.page.goto(url), b.page.goto(url)])
  const [idA, idB] = await Promise.all([createAccount(a.page), createAccount(b.page)])
  for (const p of [a.page, b.page]) {
    await p.locator('[data-testid="online-status"][data-state="online"]').waitFor({ state: 'attached', timeout: 60_000 })
  }
  // the first message opens the WebRTC connection and the session
  await a.page.evaluate((to) => window.__xchat.send(to, 'warm-up'), idB)
  await b.page.waitForFunction(() => window.__xchat.arrivals.some((m) => m.text === 'warm-up'), undefined, { timeout: 60_000 })
  const peerB = await b.page.evaluate(() => window.__xchat.status().peerId)
  await a.page.waitForFunction(
    (peer) => window.__xchat.connections(peer).some((c) => c.multiplexer === '/webrtc' && !c.limited && c.status === 'open'),
    peerB,
    { timeout: 60_000 },
  )
  return { a, b, idA, idB, close: () => Promise.all([a.close(), b.close()]) }
}

/** One-way latency of texts A → B (arrival on B minus the send call on A; both pages share this machine's clock). */
async function latencyFigures({ a, b, idB }) {
  const samples = []
  for (let i = 0; i < LATENCY_MESSAGES; i++) {
    const text = `latency ${i}`
    const t0 = await a.page.evaluate(
      ({ to, body }) => {
        const at = performance.timeOrigin + performance.now()
        void window.__xchat.send(to, body)
        return at
      },
      { to: idB, body: text },
    )
    const arrived = await b.page.waitForFunction((body) => window.__xchat.arrivals.find((m) => m.text === body)?.at, text, {
      timeout: 30_000,
    })
    samples.push((await arrived.jsonValue()) - t0)
  }
  samples.sort((x, y) => x - y)
  const raw = await rawChannel(a.page, b.page, async (pa, pb) => {
    const rtts = []
    for (let i = 0; i < LATENCY_MESSAGES; i++) rtts.push(await pa.evaluate(() => window.__bench.echo()))
    rtts.sort((x, y) => x - y)
    return quantile(rtts, 0.5) / 2
  })
  return {
    name: 'web_message_latency_page_to_page',
    unit: 'ms',
    messages: LATENCY_MESSAGES,
    p50: r3(quantile(samples, 0.5)),
    p99: r3(quantile(samples, 0.99)),
    baseline: { name: 'raw_rtcdatachannel_half_rtt_p50', value: r3(raw) },
  }
}

/** A 50 MiB file A → B: B's download (pull, verify every chunk and the whole) timed, next to raw RTCDataChannel throughput. */
async function fileFigures({ a, b, idA, idB }) {
  const bytes = FILE_MIB * 1024 * 1024
  const t0 = Date.now()
  const id = await a.page.evaluate(({ to, n }) => window.__xchat.sendRandomFile(to, 'bench.bin', n), { to: idB, n: bytes })
  const prepareMs = Date.now() - t0
  await b.page.waitForFunction((mid) => window.__xchat.arrivals.some((m) => m.id === mid), id, { timeout: 60_000 })
  const d0 = Date.now()
  await b.page.evaluate(({ mid, from }) => window.__xchat.download(mid, from), { mid: id, from: idA })
  const downloadMs = Date.now() - d0
  const rawMs = await rawChannel(a.page, b.page, (pa) => pa.evaluate((n) => window.__bench.bulk(n), bytes))
  const mbps = (ms) => r3(bytes / 1e6 / (ms / 1000))
  return {
    name: 'web_file_50MiB_page_to_page',
    unit: 'MB/s',
    value: mbps(downloadMs),
    download_ms: downloadMs,
    prepare_ms: prepareMs,
    baseline: { name: 'raw_rtcdatachannel_50MiB', value: mbps(rawMs), ms: r3(rawMs) },
  }
}

/**
 * Open a bare RTCPeerConnection between the two pages (signaling through
 * this script), install `window.__bench` helpers on A, run `fn`, close.
 */
async function rawChannel(pa, pb, fn) {
  const config = { iceServers: [] }
  const offer = await pa.evaluate(async (cfg) => {
    const pc = new RTCPeerConnection(cfg)
    const dc = pc.createDataChannel('bench', { ordered: true })
    dc.binaryType = 'arraybuffer'
    await pc.setLocalDescription(await pc.createOffer())
    await new Promise((r) =>
      pc.iceGatheringState === 'complete'
        ? r()
        : pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r()),
    )
    const pending = []
    dc.onmessage = (e) => pending.shift()?.(e.data)
    const next = () => new Promise((r) => pending.push(r))
    window.__bench = {
      pc,
      dc,
      opened: new Promise((r) => (dc.onopen = r)),
      async echo() {
        const t = performance.now()
        dc.send(new Uint8Array(64))
        await next()
        return performance.now() - t
      },
      async bulk(n) {
        const piece = new Uint8Array(64 * 1024)
        crypto.getRandomValues(piece)
        dc.bufferedAmountLowThreshold = 1024 * 1024
        const t = performance.now()
        const done = next()
        for (let sent = 0; sent < n; sent += piece.length) {
          if (dc.bufferedAmount > 4 * 1024 * 1024) await new Promise((r) => (dc.onbufferedamountlow = r))
          dc.send(piece.subarray(0, Math.min(piece.length, n - sent)))
        }
        await done
        return performance.now() - t
      },
    }
    return pc.localDescription.toJSON()
  }, config)
  const answer = await pb.evaluate(
    async ({ cfg, sdp }) => {
      const pc = new RTCPeerConnection(cfg)
      pc.ondatachannel = ({ channel }) => {
        channel.binaryType = 'arraybuffer'
        let got = 0
        channel.onmessage = (e) => {
          // 64-byte pings are echoed; bulk bytes are counted and acknowledged once all arrived
          if (e.data.byteLength === 64 && got === 0) return channel.send(e.data)
          got += e.data.byteLength
          if (got >= window.__benchBulk) {
            got = 0
            channel.send(new Uint8Array(1))
          }
        }
      }
      await pc.setRemoteDescription(sdp)
      await pc.setLocalDescription(await pc.createAnswer())
      await new Promise((r) =>
        pc.iceGatheringState === 'complete'
          ? r()
          : pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r()),
      )
      window.__benchPc = pc
      return pc.localDescription.toJSON()
    },
    { cfg: config, sdp: offer },
  )
  await pa.evaluate(async (sdp) => {
    await window.__bench.pc.setRemoteDescription(sdp)
    await window.__bench.opened
  }, answer)
  await pb.evaluate((n) => (window.__benchBulk = n), FILE_MIB * 1024 * 1024)
  try {
    return await fn(pa, pb)
  } finally {
    await pa.evaluate(() => window.__bench.pc.close())
    await pb.evaluate(() => window.__benchPc.close())
  }
}

/** Create an account once, then reload the page RUNS times and read the hook's timestamps. */
async function readyFigures(url) {
  const profile = await mkdtemp(join(tmpdir(), 'xchat-bench-chromium-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(url)
    await createAccount(page)
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
    const ready = await readyFigures(server.url)
    const peers = await pair(server.url)
    try {
      return [bundle, ready, await latencyFigures(peers), await fileFigures(peers)]
    } finally {
      await peers.close()
    }
  } finally {
    await server.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2))
}
