/** @xchat/node: the `xchat` CLI. */
export { main } from './cli/main.js'
