// Call figures (issue 8), two headless Chromium browsers with fake camera and
// microphone against a local `xchat start`, on loopback with no STUN server:
// - call set-up: the click on "Video" in A until inbound audio and video RTP
//   bytes are > 0 in both pages (B accepts the moment its screen rings),
//   next to a bare RTCPeerConnection pair in one page (signaling in memory);
// - CPU of each browser (all its processes, SystemInfo.getProcessInfo) during a
//   30-second video call, next to the same browsers idle for 10 s.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
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
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
]
const SETUP_RUNS = Number(process.env.CALL_SETUP_RUNS ?? 5)
const CPU_CALL_SECONDS = Number(process.env.CALL_CPU_SECONDS ?? 30)
const IDLE_SECONDS = 10
const TARGET_SETUP_MS = 1500

async function startServer() {
  const data = await mkdtemp(join(tmpdir(), 'xchat-bench-calls-'))
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
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
      await rm(data, { recursive: true, force: true })
    },
  }
}

async function person(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 } })
  const page = await context.newPage()
  await page.goto(url)
  await page.getByRole('button', { name: 'Create an account' }).click()
  const words = (await page.getByTestId('mnemonic').innerText()).split(/\s+/u).filter(Boolean)
  await page.getByTestId('words-written').check()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByTestId('confirm-word').first().waitFor()
  for (const input of await page.getByTestId('confirm-word').all()) {
    await input.fill(words[Number(await input.getAttribute('data-position')) - 1])
  }
  await page.getByRole('button', { name: 'Create my account' }).click()
  const accountId = (await page.getByTestId('my-account-id').innerText()).trim()
  await page.locator('[data-testid="online-status"][data-state="online"]').waitFor({ state: 'attached', timeout: 60_000 })
  const cdp = await browser.newBrowserCDPSession()
  return { browser, page, accountId, cdp }
}

async function addContact(page, id, name) {
  await page.getByTestId('add-contact').click()
  await page.getByTestId('add-contact-input').fill(id)
  await page.getByTestId('add-contact-name').fill(name)
  await page.getByRole('button', { name: 'Add contact' }).click()
  await page.getByRole('heading', { name }).waitFor()
}

const inbound = async (page) => page.evaluate(async () => (await window.__xchatCall?.stats()) ?? { audio: 0, video: 0 })
const flowing = (b) => b.audio > 0 && b.video > 0

/** Seconds of CPU all of a browser's processes used so far. */
async function cpuSeconds(cdp) {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo')
  return processInfo.reduce((sum, p) => sum + p.cpuTime, 0)
}

async function cpuOver(people, seconds) {
  const before = await Promise.all(people.map((p) => cpuSeconds(p.cdp)))
  const t0 = performance.now()
  await new Promise((r) => setTimeout(r, seconds * 1000))
  const wall = (performance.now() - t0) / 1000
  const after = await Promise.all(people.map((p) => cpuSeconds(p.cdp)))
  return after.map((a, i) => r3(((a - before[i]) / wall) * 100))
}

/** Two RTCPeerConnections in one page with fake media: set-up until both receive audio and video. */
async function bareSetupMs(page) {
  return page.evaluate(async () => {
    const t0 = performance.now()
    const a = new RTCPeerConnection({ iceServers: [] })
    const b = new RTCPeerConnection({ iceServers: [] })
    a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate)
    b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate)
    const [ma, mb] = await Promise.all([
      navigator.mediaDevices.getUserMedia({ audio: true, video: true }),
      navigator.mediaDevices.getUserMedia({ audio: true, video: true }),
    ])
    for (const t of ma.getTracks()) a.addTrack(t, ma)
    for (const t of mb.getTracks()) b.addTrack(t, mb)
    await a.setLocalDescription(await a.createOffer())
    await b.setRemoteDescription(a.localDescription)
    await b.setLocalDescription(await b.createAnswer())
    await a.setRemoteDescription(b.localDescription)
    const ok = async (pc) => {
      let audio = 0
      let video = 0
      ;(await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp') s.kind === 'audio' ? (audio += s.bytesReceived) : (video += s.bytesReceived)
      })
      return audio > 0 && video > 0
    }
    while (!((await ok(a)) && (await ok(b)))) await new Promise((r) => setTimeout(r, 10))
    const ms = performance.now() - t0
    for (const pc of [a, b]) pc.close()
    for (const t of [...ma.getTracks(), ...mb.getTracks()]) t.stop()
    return ms
  })
}

async function callOnce(alice, bob) {
  const t0 = performance.now()
  await alice.page.getByTestId('call-video').click()
  for (;;) {
    const [a, b] = await Promise.all([inbound(alice.page), inbound(bob.page)])
    if (flowing(a) && flowing(b)) break
    if (performance.now() - t0 > 60_000) throw new Error('media did not flow within 60 s')
    await new Promise((r) => setTimeout(r, 20))
  }
  return performance.now() - t0
}

async function hangUp(alice, bob) {
  await alice.page.getByTestId('call-hangup').click()
  for (const p of [alice, bob]) {
    await p.page.locator('[data-testid="call-screen"][data-state="ended"]').waitFor({ timeout: 30_000 })
    await p.page.getByTestId('call-close').click()
  }
}

export async function run() {
  const server = await startServer()
  const people = []
  try {
    const alice = await person(server.url)
    const bob = await person(server.url)
    people.push(alice, bob)
    await addContact(alice.page, bob.accountId, 'Bob')
    await addContact(bob.page, alice.accountId, 'Alice')
    // B answers the moment it rings (in the page: no test-driver latency)
    await bob.page.evaluate(() => {
      new MutationObserver(() => document.querySelector('[data-testid="call-accept"]')?.click()).observe(document.body, {
        childList: true,
        subtree: true,
      })
    })
    await callOnce(alice, bob) // warm-up: first session and direct connection
    await hangUp(alice, bob)
    const setups = []
    for (let i = 0; i < SETUP_RUNS; i++) {
      setups.push(await callOnce(alice, bob))
      await hangUp(alice, bob)
    }
    setups.sort((a, b) => a - b)
    const bare = []
    for (let i = 0; i < SETUP_RUNS; i++) bare.push(await bareSetupMs(alice.page))
    bare.sort((a, b) => a - b)

    const idle = await cpuOver(people, IDLE_SECONDS)
    await callOnce(alice, bob)
    const inCall = await cpuOver(people, CPU_CALL_SECONDS)
    const [a, b] = await Promise.all([inbound(alice.page), inbound(bob.page)])
    await hangUp(alice, bob)
    return [
      {
        name: 'call_setup_click_to_media_both_ways',
        unit: 'ms',
        value: r3(quantile(setups, 0.5)),
        p90: r3(quantile(setups, 0.9)),
        runs: setups.map(r3),
        target: TARGET_SETUP_MS,
        baseline: { name: 'bare RTCPeerConnection pair in one page (no signaling)', value: r3(quantile(bare, 0.5)) },
      },
      ...['caller', 'callee'].map((who, i) => ({
        name: `call_cpu_${who}_browser_${CPU_CALL_SECONDS}s_video`,
        unit: '% of one core',
        value: inCall[i],
        inboundMB: r3(((i === 0 ? a : b).audio + (i === 0 ? a : b).video) / 1e6),
        baseline: { name: `same browser idle ${IDLE_SECONDS}s (online, no call)`, value: idle[i] },
      })),
    ]
  } finally {
    for (const p of people) await p.browser.close().catch(() => undefined)
    await server.stop()
  }
}
