// Files figures (issue: send any file): a 1 GiB transfer between two xchat
// CLI processes on loopback (`xchat listen --downloads` receiving,
// `xchat send-file` sending), and in the same run a raw TCP copy and OpenSSH
// scp of the same file over loopback: MB/s of each and the peak RSS of both
// xchat processes (VmHWM from /proc). XCHAT_BENCH_FILE_MIB changes the size.
import { spawn, execFile } from 'node:child_process'
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs'
import { mkdtemp, mkdir, open, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { randomFillSync } from 'node:crypto'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { r3 } from './stats.mjs'

const XCHAT = fileURLToPath(new URL('../packages/node/dist/bin/xchat.js', import.meta.url))
const MIB = 1024 * 1024
const SIZE = Number(process.env.XCHAT_BENCH_FILE_MIB ?? 1024) * MIB
const mbps = (bytes, ms) => r3(bytes / 1e6 / (ms / 1000))

async function makeFile(path, size) {
  const f = await open(path, 'w')
  const buf = Buffer.alloc(16 * MIB)
  for (let at = 0; at < size; at += buf.length) {
    randomFillSync(buf)
    await f.write(buf, 0, Math.min(buf.length, size - at))
  }
  await f.close()
}

/** A long-running process whose JSON stdout lines are kept with the time they arrived, and whose peak RSS is sampled. */
function proc(args, env = {}, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, XCHAT, ...args], {
    env: { ...process.env, XCHAT_PASSWORD: '', XCHAT_DATA: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines = []
  const waiters = new Set()
  let stderr = ''
  let peakKiB = 0
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(procStatus(child.pid))
      if (m) peakKiB = Math.max(peakKiB, Number(m[1]))
    } catch {
      // exited
    }
  }
  const timer = setInterval(sample, 100)
  child.stderr.on('data', (d) => (stderr += d))
  createInterface({ input: child.stdout }).on('line', (l) => {
    try {
      lines.push({ at: performance.now(), ...JSON.parse(l) })
    } catch {
      return
    }
    for (const w of waiters) w()
  })
  const exit = new Promise((resolve) =>
    child.on('exit', (code) => {
      clearInterval(timer)
      for (const w of waiters) w()
      resolve(code)
    }),
  )
  return {
    child,
    lines,
    exit,
    peakMB: () => r3((peakKiB * 1024) / 1e6),
    sample,
    stderr: () => stderr,
    waitFor(pred, ms = 600_000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timeout: ${args[0]} ${stderr}`)), ms)
        const check = () => {
          const hit = lines.find(pred)
          if (hit) {
            clearTimeout(t)
            waiters.delete(check)
            resolve(hit)
          } else if (child.exitCode !== null) {
            clearTimeout(t)
            waiters.delete(check)
            reject(new Error(`${args[0]} exited: ${stderr}`))
          }
        }
        waiters.add(check)
        check()
      })
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exit
    },
  }
}

/** CPU seconds (user + system) a process has used so far; clock ticks are 100 Hz on Linux. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return NaN
  }
}

/** CPU seconds (user + system) of a process's children that exited and were reaped. */
function childCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[13]) + Number(fields[14])) / 100
  } catch {
    return NaN
  }
}

// /proc/<pid>/status read synchronously, so the last sample before exit is taken
function procStatus(pid) {
  return readFileSync(`/proc/${pid}/status`, 'utf8')
}

function exec(cmd, args, env) {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { env: { ...process.env, ...env }, maxBuffer: 1e7 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
    ),
  )
}

async function xchatTransfer(dir, file) {
  const relayOf = async (name) => {
    const p = proc(['relay', '--json', '--loopback', '--http-port', '0', '--data', join(dir, name), '--listen', '/ip4/127.0.0.1/tcp/0'])
    return { p, addr: (await p.waitFor((l) => l.type === 'ready')).addrs[0] }
  }
  const relays = [await relayOf('r1'), await relayOf('r2')]
  const env = { XCHAT_BOOTSTRAP: relays.map((r) => r.addr).join(',') }
  for (const who of ['alice', 'bob'])
    await exec(process.execPath, [XCHAT, 'init', '--no-password', '--json', '--data', join(dir, who)], { XCHAT_PASSWORD: '' })
  const bobId = JSON.parse(
    await exec(process.execPath, [XCHAT, 'whoami', '--json', '--data', join(dir, 'bob')], { XCHAT_PASSWORD: '' }),
  ).accountId
  // XCHAT_BENCH_PROF_DIR: CPU profiles of both xchat processes (where a transfer's time goes)
  // XCHAT_BENCH_NODE_ARGS: extra node flags for both (space-separated; e.g. V8 heap settings to compare)
  const prof = (who) => [
    ...(process.env.XCHAT_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ...(process.env.XCHAT_BENCH_PROF_DIR
      ? ['--cpu-prof', '--cpu-prof-dir', process.env.XCHAT_BENCH_PROF_DIR, '--cpu-prof-name', `${who}.cpuprofile`]
      : []),
  ]
  const bob = proc(
    ['listen', '--json', '--loopback', '--data', join(dir, 'bob'), '--downloads', join(dir, 'downloads')],
    env,
    prof('receiver'),
  )
  await bob.waitFor((l) => l.type === 'ready')
  // what an online listener holds before any file: the floor under its peak
  const idleMB = r3((Number(/VmRSS:\s+(\d+) kB/.exec(procStatus(bob.child.pid))?.[1] ?? 0) * 1024) / 1e6)
  const t0 = performance.now()
  const alice = proc(['send-file', bobId, file, '--json', '--loopback', '--data', join(dir, 'alice')], env, prof('sender'))
  const first = await bob.waitFor((l) => l.type === 'file-progress')
  const cpu0 = { sender: cpuSeconds(alice.child.pid), receiver: cpuSeconds(bob.child.pid) }
  const saved = await bob.waitFor((l) => l.type === 'file')
  // the sender stays up until the receiver's "complete" arrives, so both are still readable here
  const cpu = { sender: cpuSeconds(alice.child.pid) - cpu0.sender, receiver: cpuSeconds(bob.child.pid) - cpu0.receiver }
  const code = await alice.exit
  const total = performance.now() - t0
  bob.sample()
  if (code !== 0) throw new Error(`send-file exited ${code}: ${alice.stderr()}`)
  const ok = (await stat(saved.path)).size === SIZE
  const result = {
    transferMs: saved.at - first.at,
    totalMs: total,
    senderPeakMB: alice.peakMB(),
    receiverPeakMB: bob.peakMB(),
    receiverIdleMB: idleMB,
    cpu,
    ok,
  }
  await bob.stop()
  for (const r of relays) await r.p.stop()
  return result
}

async function rawTcp(file, dest) {
  const server = createServer()
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const done = new Promise((resolve, reject) =>
    server.once('connection', (sock) => pipeline(sock, createWriteStream(dest)).then(resolve, reject)),
  )
  const t0 = performance.now()
  const sock = connect(server.address().port, '127.0.0.1')
  await pipeline(createReadStream(file, { highWaterMark: MIB }), sock)
  await done
  const ms = performance.now() - t0
  server.close()
  return ms
}

async function freePort() {
  const s = createServer()
  await new Promise((r) => s.listen(0, '127.0.0.1', r))
  const port = s.address().port
  await new Promise((r) => s.close(r))
  return port
}

/** A throwaway sshd on 127.0.0.1 (own host key, own authorized_keys), then `scp` of the file to it. */
async function scp(dir, file, dest) {
  if (!existsSync('/usr/sbin/sshd')) return { skipped: 'no /usr/sbin/sshd (apt-get install openssh-server)' }
  const d = join(dir, 'ssh')
  await mkdir(d, { recursive: true })
  await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(d, 'host')])
  await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(d, 'client')])
  await writeFile(join(d, 'authorized_keys'), await readFile(join(d, 'client.pub')))
  await chmod(join(d, 'authorized_keys'), 0o600)
  await mkdir('/run/sshd', { recursive: true }).catch(() => undefined)
  const port = await freePort()
  const config = [
    `ListenAddress 127.0.0.1:${port}`,
    `HostKey ${join(d, 'host')}`,
    `AuthorizedKeysFile ${join(d, 'authorized_keys')}`,
    `PidFile ${join(d, 'sshd.pid')}`,
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    // scp speaks SFTP by default since OpenSSH 9
    'Subsystem sftp /usr/lib/openssh/sftp-server',
  ].join('\n')
  await writeFile(join(d, 'sshd_config'), `${config}\n`)
  const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(d, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  sshd.stderr.on('data', (x) => (log += x))
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`sshd did not start: ${log}`)), 10_000)
    const poll = () => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => (s.destroy(), clearTimeout(t), resolve()))
      s.once('error', () => setTimeout(poll, 100))
    }
    poll()
  })
  const opts = [
    '-i',
    join(d, 'client'),
    '-P',
    String(port),
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'BatchMode=yes',
    '-q',
  ]
  try {
    // CPU of scp (with its ssh) and of sshd's session (with sftp-server): each counted in its parent once reaped
    const cpu0 = childCpuSeconds(process.pid) + childCpuSeconds(sshd.pid)
    const t0 = performance.now()
    await exec('scp', [...opts, file, `127.0.0.1:${dest}`])
    const ms = performance.now() - t0
    const before = childCpuSeconds(sshd.pid)
    for (let i = 0; i < 20 && childCpuSeconds(sshd.pid) === before; i++) await new Promise((r) => setTimeout(r, 100))
    const cpu = childCpuSeconds(process.pid) + childCpuSeconds(sshd.pid) - cpu0
    const cipher = (/cipher: ([^\s,]+)/.exec(log) ?? [])[1]
    return { ms, cpu, ok: (await stat(dest)).size === SIZE, ...(cipher ? { cipher } : {}) }
  } finally {
    sshd.kill('SIGTERM')
  }
}

export async function run() {
  const dir = await mkdtemp(join(tmpdir(), 'xchat-bench-files-'))
  try {
    const file = join(dir, 'payload.bin')
    await makeFile(file, SIZE)
    const tcpMs = await rawTcp(file, join(dir, 'tcp-copy.bin'))
    await rm(join(dir, 'tcp-copy.bin'))
    const s = await scp(dir, file, join(dir, 'scp-copy.bin'))
    await rm(join(dir, 'scp-copy.bin'), { force: true })
    const x = await xchatTransfer(dir, file)
    const scpMBps = s.ms === undefined ? null : mbps(SIZE, s.ms)
    return [
      {
        name: 'file_transfer_xchat_cli',
        unit: 'MB/s',
        bytes: SIZE,
        value: mbps(SIZE, x.transferMs),
        end_to_end_incl_startup_and_hashing: mbps(SIZE, x.totalMs),
        verified: x.ok,
        // CPU each side spent between the first progress line and the saved file: what bounds the rate on a loaded machine
        cpu_seconds_per_gib: {
          sender: r3((x.cpu.sender * 1024 * MIB) / SIZE),
          receiver: r3((x.cpu.receiver * 1024 * MIB) / SIZE),
        },
        target: { at_least_scp: scpMBps },
        // scp's CPU over the same bytes (client ssh + sshd session + sftp-server), for the per-GiB comparison
        scp_cpu_seconds_per_gib: s.cpu === undefined ? null : r3((s.cpu * 1024 * MIB) / SIZE),
        baseline: { scp: scpMBps, raw_tcp: mbps(SIZE, tcpMs), ...(s.skipped ? { scp_skipped: s.skipped } : {}) },
      },
      { name: 'file_transfer_peak_rss_sender', unit: 'MB', value: x.senderPeakMB, target: 200, baseline: null },
      {
        name: 'file_transfer_peak_rss_receiver',
        unit: 'MB',
        value: x.receiverPeakMB,
        target: 200,
        baseline: { rss_of_the_listener_online_before_the_transfer: x.receiverIdleMB },
      },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
