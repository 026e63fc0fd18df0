/**
 * The local control protocol between `xchat listen` (which owns the data
 * folder) and the other commands: newline-delimited JSON over a Unix socket
 * in the data folder, mode 0600, so only the user can open it.
 */

/** Socket file name inside the data folder. */
export const SOCKET_FILE = 'xchat.sock'

/** Longest request or response line accepted (a text message is far smaller). */
export const MAX_LINE_BYTES = 1024 * 1024

/** A request: one method call. */
export interface IpcRequest {
  readonly id: number
  readonly method: string
  readonly params: Readonly<Record<string, unknown>>
}

/** An error as it crosses the socket: the core error code, or INTERNAL. */
export interface IpcError {
  readonly code: string
  readonly message: string
}

/** A response to the request with the same id. */
export type IpcResponse = { readonly id: number; readonly result: unknown } | { readonly id: number; readonly error: IpcError }

/** Handlers the listener serves, by method name. */
export type IpcHandlers = Readonly<Record<string, (params: Readonly<Record<string, unknown>>) => Promise<unknown>>>
