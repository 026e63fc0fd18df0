/**
 * Shared fixture for network tests: relays and peers on 127.0.0.1, port 0,
 * and event waits with timeouts (never sleeps).
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { generateMnemonic, DeviceKeys, createXchatNode, libp2pPrivateKey, type XchatNode, type XchatNodeOptions } from '../src/index.js'

export const LOOPBACK_TCP = '/ip4/127.0.0.1/tcp/0'
export const LOOPBACK_WS = '/ip4/127.0.0.1/tcp/0/ws'

/** Every node a test made, stopped by {@link stopAll}. */
const started: XchatNode[] = []

/** A relay on loopback (TCP + WebSockets), optionally bootstrapping from other relays. */
export async function startRelay(options: Partial<XchatNodeOptions> = {}): Promise<XchatNode> {
  const node = await createXchatNode({
    role: 'relay',
    privateKey: await generateKeyPair('Ed25519'),
    listen: [LOOPBACK_TCP, LOOPBACK_WS],
    loopback: true,
    ...options,
  })
  started.push(node)
  return node
}

/** A fresh account's device 0. */
export function newDeviceKeys(): DeviceKeys {
  return DeviceKeys.fromSecrets({ mnemonic: generateMnemonic().phrase, passphrase: '', deviceIndex: 0, createdAt: Date.now() })
}

/** A CLI peer whose PeerId is its device key. */
export async function startPeer(keys: DeviceKeys, options: Partial<XchatNodeOptions> = {}): Promise<XchatNode> {
  const node = await createXchatNode({
    role: 'peer',
    privateKey: libp2pPrivateKey(keys.device.privateKey()),
    listen: [LOOPBACK_TCP],
    loopback: true,
    ...options,
  })
  started.push(node)
  return node
}

/** Stop every node started through this fixture. */
export async function stopAll(): Promise<void> {
  const nodes = started.splice(0)
  await Promise.all(nodes.map(async (n) => n.stop()))
}

/** Text multiaddrs of a node (with `/p2p/<id>`). */
export function addrsOf(node: XchatNode): string[] {
  return node.getMultiaddrs().map((ma) => ma.toString())
}

/** The node's relay-circuit addresses. */
export function circuitAddrs(node: XchatNode): string[] {
  return addrsOf(node).filter((a) => a.includes('/p2p-circuit'))
}

/**
 * Resolve once `check()` is true: checked now and again on every `event` of
 * `target`; rejects after `timeoutMs`.
 */
export async function waitUntil(
  target: EventTarget,
  event: string,
  check: () => boolean,
  timeoutMs = 10_000,
  what = `${event} condition`,
): Promise<void> {
  if (check()) return
  await new Promise<void>((resolve, reject) => {
    const onEvent = (): void => {
      if (!check()) return
      cleanup()
      resolve()
    }
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))
    }, timeoutMs)
    const cleanup = (): void => {
      clearTimeout(timer)
      target.removeEventListener(event, onEvent)
    }
    target.addEventListener(event, onEvent)
  })
}

/** Wait until `node` advertises at least `count` relay-circuit addresses from distinct relays. */
export async function waitForReservations(node: XchatNode, count: number, timeoutMs = 15_000): Promise<void> {
  const relays = (): number => new Set(circuitAddrs(node).map((a) => a.split('/p2p-circuit')[0]?.split('/p2p/').pop())).size
  await waitUntil(node, 'self:peer:update', () => relays() >= count, timeoutMs, `${count} relay reservations`)
}
