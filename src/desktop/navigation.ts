/**
 * Where a window may go (docs/design.md §3): it shows the app and nothing else. A link, a redirect, a
 * dropped file or a script cannot take it to another origin, open a window or attach a webview.
 */
import { isAppUrl } from './app-origin';

export type NavigationDecision = 'allow' | 'deny';

/** `will-navigate`, `will-frame-navigate` and `will-redirect`: only within our own origin. */
export function navigationDecision(url: unknown): NavigationDecision {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/** `setWindowOpenHandler`: the kiosk has one window; `window.open` and target=_blank are refused. */
export function windowOpenDecision(_url: unknown): NavigationDecision {
  return 'deny';
}

/** `will-attach-webview`: webviews are disabled in webPreferences; an attempt is refused too. */
export function webviewDecision(_src: unknown): NavigationDecision {
  return 'deny';
}
