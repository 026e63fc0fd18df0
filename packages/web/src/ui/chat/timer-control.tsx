import { useState } from 'preact/hooks'
import { TIMER_PRESETS, MIN_TIMER_MS, MAX_TIMER_MS, formatTimer } from '@xchat/core/ephemeral'
import type { ChatBackend } from '../../app/chat-backend.js'
import { describeError } from '../../app/errors.js'
import { useTimer } from './use-chat.js'

const UNITS = [
  ['seconds', 1000],
  ['minutes', 60_000],
  ['hours', 3_600_000],
  ['days', 86_400_000],
  ['weeks', 604_800_000],
] as const

/**
 * The conversation's disappearing timer: off, a preset, or a custom value
 * (5 seconds … 4 weeks). A change is a message both sides see.
 */
export function TimerControl({ backend, accountId }: { backend: ChatBackend; accountId: string }) {
  const timer = useTimer(backend, accountId)
  return <TimerSelect timer={timer} onSet={async (ms) => backend.setTimer(accountId, ms)} />
}

/**
 * A disappearing timer picker (a conversation's or a group's): off, a preset,
 * or a custom value (5 seconds … 4 weeks).
 * @param timer - the current timer (ms), null when off, undefined while loading
 */
export function TimerSelect({ timer, onSet }: { timer: number | null | undefined; onSet: (ms: number | null) => Promise<void> }) {
  const [custom, setCustom] = useState(false)
  const [amount, setAmount] = useState('2')
  const [unit, setUnit] = useState<number>(3_600_000)
  const [error, setError] = useState<string>()
  const set = async (ms: number | null): Promise<void> => {
    setError(undefined)
    try {
      await onSet(ms)
      setCustom(false)
    } catch (err) {
      setError(describeError(err).title)
    }
  }
  const value = timer === undefined ? '' : timer === null ? 'off' : TIMER_PRESETS.includes(timer) ? String(timer) : 'current'
  const customMs = Number(amount) * unit
  const customValid = Number.isFinite(customMs) && customMs >= MIN_TIMER_MS && customMs <= MAX_TIMER_MS
  return (
    <div class="timer-control">
      <label for="timer-select">
        <span aria-hidden="true">⏱ </span>
        <span class="visually-hidden">Disappearing messages</span>
      </label>
      <select
        id="timer-select"
        data-testid="timer-select"
        value={custom ? 'custom' : value}
        disabled={timer === undefined}
        title="Disappearing messages"
        onChange={(e) => {
          const v = e.currentTarget.value
          if (v === 'custom') return setCustom(true)
          if (v === 'current') return
          void set(v === 'off' ? null : Number(v))
        }}
      >
        <option value="off">Off</option>
        {TIMER_PRESETS.map((ms) => (
          <option key={ms} value={String(ms)}>
            {formatTimer(ms)}
          </option>
        ))}
        {value === 'current' && timer !== null && timer !== undefined ? <option value="current">{formatTimer(timer)}</option> : null}
        <option value="custom">Custom…</option>
      </select>
      {custom ? (
        <form
          class="timer-custom"
          onSubmit={(e) => {
            e.preventDefault()
            if (customValid) void set(customMs)
          }}
        >
          <label for="timer-amount" class="visually-hidden">
            Disappear after
          </label>
          <input
            id="timer-amount"
            type="number"
            min={1}
            inputMode="numeric"
            value={amount}
            data-testid="timer-amount"
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
          <label for="timer-unit" class="visually-hidden">
            Unit
          </label>
          <select id="timer-unit" value={String(unit)} onChange={(e) => setUnit(Number(e.currentTarget.value))}>
            {UNITS.map(([name, ms]) => (
              <option key={name} value={String(ms)}>
                {name}
              </option>
            ))}
          </select>
          <button type="submit" class="primary small" disabled={!customValid}>
            Set
          </button>
          <button type="button" class="secondary small" onClick={() => setCustom(false)}>
            Cancel
          </button>
          {!customValid ? <span class="error-text">Between 5 seconds and 4 weeks.</span> : null}
        </form>
      ) : null}
      {error !== undefined ? (
        <span class="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  )
}
