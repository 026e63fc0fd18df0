import { generateMnemonic, mnemonicToSeed, deriveAccountKey, encodeAccountId } from '@xchat/core/identity'

// Placeholder page until the browser-peer issue: shows that @xchat/core's
// identity layer runs in the browser bundle.
const app = document.querySelector<HTMLElement>('#app')
if (app) {
  const mnemonic = generateMnemonic()
  const id = encodeAccountId(deriveAccountKey(mnemonicToSeed(mnemonic)).publicKey)
  const h1 = document.createElement('h1')
  h1.textContent = 'xchat'
  const p = document.createElement('p')
  p.textContent = `A fresh account ID, made in this page: ${id}`
  p.dataset['testid'] = 'my-account-id'
  app.append(h1, p)
}
