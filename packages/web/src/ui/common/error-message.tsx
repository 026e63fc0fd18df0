import type { UserError } from '../../app/errors.js'

/** A failure and what to do about it, announced to screen readers. */
export function ErrorMessage({ error, id }: { error: UserError | string | undefined; id?: string }) {
  if (error === undefined) return null
  const e = typeof error === 'string' ? { title: error } : error
  return (
    <div class="error" role="alert" id={id}>
      <strong>{e.title}</strong>
      {e.hint ? <span> {e.hint}</span> : null}
    </div>
  )
}
