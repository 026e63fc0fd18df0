// `npm run bench`: every benchmark, one JSON document on stdout.
// Each entry carries its figure and the baseline measured in the same run.
import { run as identity } from './identity.mjs'
import { run as network } from './network.mjs'
import { run as messaging } from './messaging.mjs'
import { run as web } from './web.mjs'
import { run as ephemeral } from './ephemeral.mjs'
import { run as files } from './files.mjs'
import { run as calls } from './calls.mjs'
import { run as vault } from './vault.mjs'
import { run as groups } from './groups.mjs'

const suites = { identity, network, messaging, web, ephemeral, files, calls, vault, groups }
const only = process.argv.slice(2)
const results = []
for (const [name, run] of Object.entries(suites)) {
  if (only.length > 0 && !only.includes(name)) continue
  process.stderr.write(`bench: ${name}…\n`)
  results.push(...(await run()).map((r) => ({ suite: name, ...r })))
}
console.log(
  JSON.stringify(
    { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, results },
    null,
    2,
  ),
)
