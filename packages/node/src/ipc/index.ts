export { serveIpc, type IpcServer } from './server.js'
export { connectIpc, type IpcClient } from './client.js'
export { SOCKET_FILE, MAX_LINE_BYTES, type IpcHandlers, type IpcRequest, type IpcResponse, type IpcError } from './protocol.js'
