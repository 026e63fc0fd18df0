// Lint step: the committed protobuf code must be what protons makes of the
// .proto files. Generates into a temp folder (never over the sources, which a
// parallel build may be reading) and compares byte for byte.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = new URL('../src/wire/proto/', import.meta.url).pathname
const out = mkdtempSync(join(tmpdir(), 'xchat-protons-'))
try {
  const protos = readdirSync(dir).filter((f) => f.endsWith('.proto'))
  execFileSync('protons', ['--output', out, ...protos.map((f) => join(dir, f))], { stdio: 'inherit' })
  const stale = protos
    .map((f) => f.replace(/\.proto$/u, '.ts'))
    .filter((ts) => {
      let committed
      try {
        committed = readFileSync(join(dir, ts))
      } catch {
        return true
      }
      return !committed.equals(readFileSync(join(out, ts)))
    })
  if (stale.length > 0) {
    console.error(`stale generated protobuf code: ${stale.join(', ')}\nrun: npm run generate -w packages/core, then commit`)
    process.exit(1)
  }
} finally {
  rmSync(out, { recursive: true, force: true })
}
