/** Dates and times in the user's locale. */

export function timeOf(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
}

/** "Today", "Yesterday" or the date, for day separators. */
export function dayOf(ms: number, now = Date.now()): string {
  const day = startOfDay(ms)
  const today = startOfDay(now)
  if (day === today) return 'Today'
  if (today - day === 86_400_000) return 'Yesterday'
  return new Date(ms).toLocaleDateString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' })
}

/** A conversation list's time: the time today, else the date. */
export function shortWhen(ms: number, now = Date.now()): string {
  return startOfDay(ms) === startOfDay(now) ? timeOf(ms) : new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
}

export function startOfDay(ms: number): number {
  const d = new Date(ms)
  d.setHours(0, 0, 0, 0)
  return d.getTime()
}

/** The start and end of an account ID, for places too narrow for all 62 characters. */
export function shortId(accountId: string): string {
  return `${accountId.slice(0, 8)}…${accountId.slice(-6)}`
}

/** A byte count for people: "0 B", "12.3 KB", "4.5 MB" (powers of 1024, as file managers show). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
}
