/**
 * The one origin the kiosk trusts (docs/design.md §3): the renderer is served from `madoguchi://app`
 * and nothing else may be shown in the window or speak to the host over IPC.
 */

export const appScheme = 'madoguchi';
export const appHost = 'app';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

function parse(raw: unknown): URL | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return undefined;
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** A URL of our own app origin: our scheme, our host, no port and no credentials. */
export function isAppUrl(raw: unknown): boolean {
  const url = parse(raw);
  return url !== undefined && url.protocol === `${appScheme}:` && url.host === appHost && url.username === '' && url.password === '';
}

/**
 * Whether an IPC message may reach the host: the frame that sent it must show our origin. A
 * missing frame (navigated away or destroyed meanwhile) is refused, never assumed.
 */
export function isAppSender(frameUrl: unknown): boolean {
  return isAppUrl(frameUrl);
}
