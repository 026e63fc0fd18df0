import { defineConfig } from 'vitest/config'

// Browser tests: real Chromium against a real `xchat start` relay. One file at a time (each starts browsers).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
