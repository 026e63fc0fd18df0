#!/usr/bin/env node
// The `xchat` launcher. It is kept in git (not built) so that npm can link the
// bin at install time, before the first build has produced dist/.
try {
  await import('../dist/bin/xchat.js')
} catch (err) {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/bin/xchat.js')) {
    process.stderr.write('xchat is not built yet: run "npm run build" at the repository root\n')
    process.exit(1)
  }
  throw err
}
