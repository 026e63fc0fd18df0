import { useFocusOnMount } from '../hooks.js'

/** The first screen: make a new account or bring an existing one. */
export function Welcome({ onCreate, onRecover }: { onCreate: () => void; onRecover: () => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>()
  return (
    <section class="card onboarding" aria-labelledby="welcome-title">
      <h1 id="welcome-title" tabIndex={-1} ref={heading}>
        xchat
      </h1>
      <p class="lead">Private messages without a phone number, an e-mail address or a server that keeps your account.</p>
      <p>Your account is 12 words. Only you have them.</p>
      <div class="actions stacked">
        <button type="button" class="primary" onClick={onCreate}>
          Create an account
        </button>
        <button type="button" class="secondary" onClick={onRecover}>
          I have an account
        </button>
      </div>
    </section>
  )
}
