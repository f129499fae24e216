/**
 * Electron hardening decisions as pure functions (design.md §3), so they are tested under plain
 * Node without Electron. main.ts only wires them to Electron's events.
 */

/** The custom scheme the kiosk app is served from. */
export const appScheme = 'madoguchi';
export const appOrigin = `${appScheme}://app`;

/** Only our own app origin may be shown; anything else (http, file, other hosts) is refused. */
export function isTrustedAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${appScheme}:` && url.host === 'app' && url.username === '' && url.password === '';
}

/** The kiosk never grants a web permission (camera, notifications, USB, …): the card is main's. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/** Content-Security-Policy for every app response: no remote code, no inline script. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Relaunch after a crash, but stop after `maxCrashes` within `windowMs` so a crash loop ends. */
export function shouldRelaunch(crashTimesMs: readonly number[], nowMs: number, maxCrashes = 3, windowMs = 60_000): boolean {
  const recent = crashTimesMs.filter((t) => nowMs - t <= windowMs && t <= nowMs);
  return recent.length < maxCrashes;
}
