/**
 * Run `fn` in the next turn of the event loop, after the current one's
 * microtasks: setImmediate in Node, a MessageChannel message in browsers
 * (setTimeout(0) is clamped to 1 ms in Node and up to 4 ms in browsers).
 */
export function nextTurn(fn: () => void): void {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate
  if (typeof immediate === 'function') {
    immediate(fn)
    return
  }
  channelTurn(fn)
}

let channel: { readonly port: MessagePort; readonly queue: (() => void)[] } | undefined

function channelTurn(fn: () => void): void {
  if (channel === undefined) {
    const mc = new MessageChannel()
    const queue: (() => void)[] = []
    mc.port1.onmessage = () => {
      for (const f of queue.splice(0)) f()
    }
    // a runtime with MessagePort.unref (Node without setImmediate, e.g. a test) must not be kept alive by it
    ;(mc.port1 as { unref?: () => void }).unref?.()
    channel = { port: mc.port2, queue }
  }
  channel.queue.push(fn)
  if (channel.queue.length === 1) channel.port.postMessage(undefined)
}
