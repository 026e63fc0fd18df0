// Disappearing messages (issue #6): what a sweep costs and what it leaves.
// - sweep of 2,000 expired messages (1 KiB texts) with compaction, next to the
//   same sweep without compaction (a backend without compactRange) in the same run;
// - sealed message values still found in the database files afterwards (100 sampled),
//   and the database folder size before and after.
import { mkdtemp, readdir, readFile, stat, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Level } from 'level'
import { DeviceKeys, generateMnemonic, openStore, Sweeper, indexOps } from '@xchat/core'
import { r3 } from './stats.mjs'

const N = 2000
const SAMPLE = 100

async function folderBytes(dir) {
  let total = 0
  for (const name of await readdir(dir)) total += (await stat(join(dir, name))).size
  return total
}

async function stillOnDisk(dir, needles) {
  const files = await Promise.all((await readdir(dir)).map((n) => readFile(join(dir, n)).catch(() => Buffer.alloc(0))))
  return needles.filter((needle) => files.some((f) => f.includes(needle))).length
}

async function sweepOnce(compact) {
  const dir = await mkdtemp(join(tmpdir(), 'xchat-bench-ephemeral-'))
  const db = new Level(dir, { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  if (!compact) db.compactRange = undefined // as a backend without it (browser-level)
  const keys = DeviceKeys.fromSecrets({ mnemonic: generateMnemonic().phrase, passphrase: '', deviceIndex: 0, createdAt: Date.now() })
  const store = await openStore({ db, devicePrivateKey: keys.device.privateKey() })
  const t0 = 1_800_000_000_000
  const conversation = keys.accountId
  for (let i = 0; i < N; i += 200) {
    const ops = []
    for (let j = i; j < i + 200; j++) {
      const id = j.toString(16).padStart(32, '0')
      const m = {
        id,
        conversation,
        direction: 'in',
        senderDevice: '02'.padEnd(66, 'a'),
        sentAt: t0,
        receivedAt: t0,
        seq: j + 1,
        text: 'x'.repeat(1024),
        status: 'read',
        expireAfterMs: 60_000,
        expiresAt: t0 + 60_000,
      }
      const key = store.messageKey(m, t0)
      ops.push(store.messages.put(key, m), store.messageIds.put(id, key), ...indexOps(store, key, m))
    }
    await store.write(ops)
  }
  const values = await db.sublevel('messages', { keyEncoding: 'utf8', valueEncoding: 'view' }).values().all()
  const needles = values.slice(0, SAMPLE).map((v) => Buffer.from(v))
  const before = await folderBytes(dir)
  const onDiskBefore = await stillOnDisk(dir, needles)
  let swept = 0
  const sweeper = new Sweeper({
    store,
    now: () => t0 + 61_000,
    ourDeviceKey: '03'.padEnd(66, 'b'),
    lock: { run: (fn) => fn() },
    onExpired: (list) => (swept += list.length),
  })
  const start = performance.now()
  await sweeper.sweep()
  const ms = performance.now() - start
  const after = await folderBytes(dir)
  const onDiskAfter = await stillOnDisk(dir, needles)
  await db.close()
  await rm(dir, { recursive: true, force: true })
  return { swept, ms, before, after, onDiskBefore, onDiskAfter }
}

export async function run() {
  const plain = await sweepOnce(false)
  const compacted = await sweepOnce(true)
  return [
    {
      name: 'sweep_2000_expired_messages',
      unit: 'ms',
      value: r3(compacted.ms),
      messages: compacted.swept,
      messages_per_second: Math.round(compacted.swept / (compacted.ms / 1000)),
      baseline: { without_compaction_ms: r3(plain.ms) },
    },
    {
      name: 'sealed_values_left_on_disk_after_sweep',
      unit: `of ${SAMPLE} sampled`,
      value: compacted.onDiskAfter,
      before_sweep: compacted.onDiskBefore,
      baseline: { without_compaction: plain.onDiskAfter },
    },
    {
      name: 'database_bytes_after_sweep',
      unit: 'bytes',
      value: compacted.after,
      before_sweep: compacted.before,
      baseline: { without_compaction: plain.after },
    },
  ]
}
