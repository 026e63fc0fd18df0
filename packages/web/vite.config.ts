import { defineConfig } from 'vite'

export default defineConfig({
  // relative asset URLs: the app works from any path it is hosted under
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
})
