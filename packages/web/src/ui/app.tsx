import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { KeystoreSecrets } from '@xchat/core/identity'
import { installDebugHook, noteSession } from '../app/debug.js'
import { DeviceStore } from '../app/device-store.js'
import { describeError, type UserError } from '../app/errors.js'
import { XchatSession } from '../app/session.js'
import { ErrorMessage } from './common/error-message.js'
import { CreateAccount } from './onboarding/create-account.js'
import { RecoverAccount } from './onboarding/recover-account.js'
import { Welcome } from './onboarding/welcome.js'
import { navigate, parseRoute } from './router.js'
import { Shell } from './shell.js'

type Phase =
  | { readonly name: 'loading' }
  | { readonly name: 'onboarding'; readonly store: DeviceStore; readonly step: 'welcome' | 'create' | 'recover' }
  | { readonly name: 'ready'; readonly session: XchatSession; readonly fresh: boolean }
  | { readonly name: 'failed'; readonly error: UserError; readonly store?: DeviceStore }

let current: XchatSession | undefined

/** Render the app into `root`. */
export function mount(root: HTMLElement): void {
  installDebugHook(() => current)
  render(<App />, root)
}

function App() {
  const [phase, setPhase] = useState<Phase>({ name: 'loading' })

  const boot = async (): Promise<void> => {
    let store: DeviceStore | undefined
    try {
      store = await DeviceStore.open()
      const session = await XchatSession.open(store)
      setPhase(session ? ready(session, false) : { name: 'onboarding', store, step: 'welcome' })
    } catch (err) {
      setPhase({ name: 'failed', error: describeError(err), ...(store ? { store } : {}) })
    }
  }

  useEffect(() => {
    void boot()
  }, [])

  const finish = async (store: DeviceStore, secrets: KeystoreSecrets): Promise<void> => {
    setPhase(ready(await XchatSession.create(store, secrets), true))
  }

  switch (phase.name) {
    case 'loading':
      return <p class="center muted">Opening xchat…</p>
    case 'failed':
      return (
        <section class="card onboarding">
          <h1>xchat cannot start</h1>
          <ErrorMessage error={phase.error} />
          {phase.store ? (
            <button
              type="button"
              class="danger"
              onClick={() => {
                void phase.store?.destroy().then(boot)
              }}
            >
              Remove the old data and start again
            </button>
          ) : null}
        </section>
      )
    case 'onboarding': {
      const { store } = phase
      const go = (step: 'welcome' | 'create' | 'recover') => () => setPhase({ name: 'onboarding', store, step })
      return (
        <main class="onboarding-page">
          {phase.step === 'welcome' ? (
            <Welcome onCreate={go('create')} onRecover={go('recover')} />
          ) : phase.step === 'create' ? (
            <CreateAccount onBack={go('welcome')} onDone={(s) => finish(store, s)} />
          ) : (
            <RecoverAccount onBack={go('welcome')} onDone={(s) => finish(store, s)} />
          )}
        </main>
      )
    }
    case 'ready':
      return (
        <Shell
          session={phase.session}
          fresh={phase.fresh}
          onForgotten={() => {
            current = undefined
            void boot()
          }}
        />
      )
  }
}

function ready(session: XchatSession, fresh: boolean): Phase {
  current = session
  // a new device lands on its ID (also at phone width, where home is the list), unless a share link is open
  if (fresh && parseRoute(location.hash).name === 'home') navigate({ name: 'me' }, true)
  session.subscribe(() => noteSession(session.snapshot))
  void session.start()
  return { name: 'ready', session, fresh }
}
