import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Level } from 'level'
import { bytesToHex } from '@noble/hashes/utils.js'
import {
  GroupEngine,
  MemoryControlHub,
  MemoryFanoutHub,
  generateMnemonic,
  DeviceKeys,
  type GroupMessageRecord,
  type LevelDatabase,
} from '../src/index.js'

/** The in-process transports members share. */
export interface Hubs {
  readonly control: MemoryControlHub
  readonly fanout: MemoryFanoutHub
}

/** One member device on the in-process hubs. */
export interface Member {
  readonly keys: DeviceKeys
  readonly db: LevelDatabase
  readonly hubs: Hubs
  readonly engine: GroupEngine
  readonly fanout: ReturnType<MemoryFanoutHub['port']>
  readonly received: GroupMessageRecord[]
  readonly rejected: string[]
  setOnline(online: boolean): Promise<void>
}

const cleanups: (() => Promise<void>)[] = []

export function newKeys(): DeviceKeys {
  return DeviceKeys.fromSecrets({ mnemonic: generateMnemonic().phrase, passphrase: '', deviceIndex: 0, createdAt: Date.now() })
}

/** `count` members sharing one control hub and one fan-out hub; each has its own sublevel of one real level database. */
export async function members(
  count: number,
  hubs: Hubs = { control: new MemoryControlHub(), fanout: new MemoryFanoutHub() },
  now?: () => number,
): Promise<Member[]> {
  const path = await mkdtemp(join(tmpdir(), 'xchat-groups-'))
  const db = new Level<string, Uint8Array>(path, { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  cleanups.push(async () => {
    await db.close()
    await rm(path, { recursive: true, force: true })
  })
  const out: Member[] = []
  for (let i = 0; i < count; i++) {
    const keys = newKeys()
    const fanout = hubs.fanout.port()
    const device = bytesToHex(keys.device.publicKey)
    const holder: { engine?: GroupEngine } = {}
    const control = hubs.control.attach(keys.accountId, device, async (c, from) => holder.engine?.receiveControl(c, from))
    const sub = db.sublevel<string, Uint8Array>(`m${i}`, { keyEncoding: 'utf8', valueEncoding: 'view' }) as unknown as LevelDatabase
    const engine = await GroupEngine.create({ db: sub, keys, control, fanout, ...(now === undefined ? {} : { now }) })
    holder.engine = engine
    const received: GroupMessageRecord[] = []
    const rejected: string[] = []
    engine.addEventListener('group:message', (e) => received.push(e.detail))
    engine.addEventListener('group:rejected', (e) => rejected.push(e.detail.reason))
    await engine.start()
    out.push({
      keys,
      db: sub,
      hubs,
      engine,
      fanout,
      received,
      rejected,
      async setOnline(online) {
        fanout.online = online
        await hubs.control.setOnline(keys.accountId, device, online)
      },
    })
    cleanups.push(async () => engine.stop())
  }
  return out
}

export async function cleanup(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c()
}

/** Wait until `check` holds (event-driven state polled briefly), failing after `ms`. */
export async function until(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}
