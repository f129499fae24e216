/**
 * The Content-Security-Policy of the renderer, in one place: the browser shell's header, the
 * Electron scheme's header and the `<meta>` tag Vite writes into index.html all come from here.
 * No remote code, no inline script or style, no plugins, no framing.
 */

const directives: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Browsers ignore these in a `<meta>` policy (CSP3 §3.3) and warn: the header carries them. */
const headerOnly: ReadonlySet<string> = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

export const contentSecurityPolicy = directives.map(([name, value]) => `${name} ${value}`).join('; ');

export const metaContentSecurityPolicy = directives
  .filter(([name]) => !headerOnly.has(name))
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** Parses a policy into directive → value, to compare a served policy with this one. */
export function parsePolicy(policy: string): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name === undefined || name === '') continue;
    parsed.set(name.toLowerCase(), values.join(' '));
  }
  return parsed;
}
