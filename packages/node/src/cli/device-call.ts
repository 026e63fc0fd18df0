import { connectIpc } from '../ipc/index.js'
import { openDevice } from '../peer/device.js'
import { deviceOperations } from '../peer/operations.js'
import type { CommandContext } from './context.js'
import { requireBootstrap, type NetworkFlags } from './network-options.js'

/**
 * Run one device operation: through a running `xchat listen` on the same data
 * folder when there is one (it owns the database), else by opening the device
 * here — online only when the operation needs the network.
 */
export async function deviceCall<T>(
  ctx: CommandContext,
  method: string,
  params: Record<string, unknown>,
  network?: NetworkFlags,
): Promise<T> {
  const ipc = await connectIpc(ctx.dataDir)
  if (ipc) {
    try {
      return await ipc.call<T>(method, params)
    } finally {
      ipc.close()
    }
  }
  const device = await openDevice({
    dataDir: ctx.dataDir,
    out: ctx.out,
    online: network !== undefined,
    ...(network ? { bootstrap: requireBootstrap(network), loopback: network.loopback === true } : {}),
  })
  try {
    const op = deviceOperations(device.client)[method]
    if (op === undefined) throw new TypeError(`unknown device operation ${method}`)
    return (await op(params)) as T
  } finally {
    await device.close()
  }
}
