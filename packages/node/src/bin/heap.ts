import { setFlagsFromString } from 'node:v8'

/**
 * V8's young generation for the CLI's peer commands: kept at its initial
 * size (1 MiB semi-spaces) instead of growing to 16 MiB semi-spaces, which
 * an xchat process reaches while loading libp2p and keeps for good (two
 * semi-spaces and the promotion space: ~34 MB of the ~150 MB an online
 * `listen` holds). A transfer allocates mostly off-heap buffers (socket
 * reads, cipher output) that a scavenge frees; a small young generation is
 * scavenged often, so they are released sooner instead of waiting for the
 * external-memory limit to force a major GC. Measured (docs/benchmarks.md,
 * Files): idle `listen` 149 → 122 MB, 1 GiB transfer peaks ~195 → ~155 MB
 * on each side, CPU per GiB no worse within the noise.
 *
 * `--max-semi-space-size` only works on the command line (V8 sizes the heap
 * when the isolate starts); the growth factor is read at each growth, so
 * setting it before the heavy modules load still takes effect.
 */
export const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1'

/** Commands that keep their default heap: a relay serves many peers at once and is tuned by its operator. */
const KEEP_DEFAULT_HEAP = new Set(['relay'])

/**
 * Apply {@link YOUNG_GENERATION_FLAG} unless the command is one that keeps the
 * default heap or the operator chose young-generation flags of their own
 * (`node --max-semi-space-size=…`, NODE_OPTIONS).
 * @returns whether the flag was set
 */
export function tuneHeap(argv: readonly string[], execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const command = commandOf(argv)
  if (command !== undefined && KEEP_DEFAULT_HEAP.has(command)) return false
  const chosen = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((f) => /semi[-_]space/.test(f))
  if (chosen) return false
  setFlagsFromString(YOUNG_GENERATION_FLAG)
  return true
}

/** The command word: the first argument that is neither an option nor the value of the global `--data DIR`. */
function commandOf(argv: readonly string[]): string | undefined {
  const args = argv.slice(2)
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string
    if (a === '--data') i++
    else if (!a.startsWith('-')) return a
  }
  return undefined
}
