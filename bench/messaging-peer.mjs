// One messaging peer in a process of its own, driven over IPC by bench/messaging.mjs
// (the two-process throughput figure): start on the given relays, warm up,
// send a bulk of texts or count received ones, report CPU time, stop.
import { cpuSeconds, pingRtt, receiveCount, sendBulk, startDevice, warmUp } from './messaging.mjs'

let device
let received
let profiler
let armed

/** This machine's wall clock in ms with sub-ms precision: comparable between the processes of one machine. */
const clock = () => performance.timeOrigin + performance.now()

const commands = {
  async start({ bootstrap }) {
    device = await startDevice(bootstrap)
  },
  account: async () => device.keys.accountId,
  warmUp: async ({ to }) => warmUp(device, to),
  async expect({ count }) {
    received = receiveCount(device.client, count).then(() => count)
  },
  received: async () => received,
  send: async ({ to, count, concurrency }) => sendBulk(device.client, to, { count, concurrency }),
  cpu: async () => cpuSeconds(),
  // the two-process latency figure: the receiver is armed for one text, the sender stamps its send
  peerId: async () => device.node.peerId.toString(),
  async arm({ text }) {
    armed = new Promise((resolve) => {
      const on = (evt) => {
        if (evt.detail.text !== text) return
        device.client.events.removeEventListener('message:received', on)
        resolve(clock())
      }
      device.client.events.addEventListener('message:received', on)
    })
  },
  arrived: async () => armed,
  async sendAt({ to, text }) {
    const at = clock()
    await device.client.send(to, text)
    return at
  },
  async ping({ peerId }) {
    const remote = device.node.getConnections().find((c) => c.remotePeer.toString() === peerId)?.remotePeer
    return pingRtt(device.node, remote)
  },
  // a CPU profile of the measured window (BENCH_PEER_PROFILE=<prefix>: one .cpuprofile per peer)
  async profile({ phase, file }) {
    if (process.env.BENCH_PEER_PROFILE === undefined) return
    const { Session } = await import('node:inspector/promises')
    const { writeFile } = await import('node:fs/promises')
    if (phase === 'start') {
      profiler = new Session()
      profiler.connect()
      await profiler.post('Profiler.enable')
      await profiler.post('Profiler.start')
    } else {
      const { profile } = await profiler.post('Profiler.stop')
      await writeFile(`${process.env.BENCH_PEER_PROFILE}-${file}.cpuprofile`, JSON.stringify(profile))
    }
  },
  async stop() {
    await device.stop()
    setImmediate(() => process.exit(0))
  },
}

process.on('message', (m) => {
  Promise.resolve()
    .then(async () => commands[m.cmd](m))
    .then(
      (value) => process.send({ id: m.id, value }),
      (err) => process.send({ id: m.id, error: String(err?.stack ?? err) }),
    )
})
