/** Small helpers shared by the benchmark scripts. */

/** Run `fn` `runs` times after `warmup` untimed runs; returns sorted durations in ms. */
export async function timeRuns(fn, { runs = 50, warmup = 5 } = {}) {
  for (let i = 0; i < warmup; i++) await fn()
  const out = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    out.push(performance.now() - t0)
  }
  return out.sort((a, b) => a - b)
}

/** The q-quantile (0..1) of sorted numbers. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

/** Round to 3 decimals for readable JSON. */
export const r3 = (n) => Math.round(n * 1000) / 1000
