/**
 * Hash routes, so the app works from any static host and the back button
 * moves between screens. A share link's `#add=<id>` opens the add-contact screen.
 */
import { useEffect, useState } from 'preact/hooks'
import { accountIdInLink } from '../app/links.js'

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'chat'; readonly accountId: string }
  | { readonly name: 'verify'; readonly accountId: string }
  | { readonly name: 'add'; readonly prefill?: string }
  | { readonly name: 'me' }
  | { readonly name: 'settings' }
  | { readonly name: 'group'; readonly groupId: string }
  | { readonly name: 'new-group' }

export function parseRoute(hash: string): Route {
  const offered = accountIdInLink(hash)
  if (offered !== undefined) return { name: 'add', prefill: offered }
  const [, section = '', arg = ''] = /^#\/([a-z]+)\/?(.*)$/u.exec(hash) ?? []
  switch (section) {
    case 'chat':
      return arg ? { name: 'chat', accountId: decodeURIComponent(arg) } : { name: 'home' }
    case 'verify':
      return arg ? { name: 'verify', accountId: decodeURIComponent(arg) } : { name: 'home' }
    case 'add':
      return { name: 'add' }
    case 'me':
      return { name: 'me' }
    case 'settings':
      return { name: 'settings' }
    case 'group':
      return arg ? { name: 'group', groupId: decodeURIComponent(arg) } : { name: 'home' }
    case 'newgroup':
      return { name: 'new-group' }
    default:
      return { name: 'home' }
  }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/'
    case 'chat':
      return `#/chat/${encodeURIComponent(route.accountId)}`
    case 'verify':
      return `#/verify/${encodeURIComponent(route.accountId)}`
    case 'add':
      return '#/add'
    case 'me':
      return '#/me'
    case 'settings':
      return '#/settings'
    case 'group':
      return `#/group/${encodeURIComponent(route.groupId)}`
    case 'new-group':
      return '#/newgroup'
  }
}

export function navigate(route: Route, replace = false): void {
  const href = routeHref(route)
  if (replace) history.replaceState(null, '', href)
  else history.pushState(null, '', href)
  window.dispatchEvent(new HashChangeEvent('hashchange'))
}

/** The current route, following the address bar. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash))
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}
