/**
 * The built renderer (Vite's `dist/ui/`) served from disk: only regular files inside the
 * root, by a path checked before it is joined, with the shell's security headers.
 */
import { readAppFile } from '../../desktop/app-files';
import { contentSecurityPolicy } from '../../desktop/csp';

// One policy for both shells and the page's <meta> tag (src/desktop/csp.ts).
export { contentSecurityPolicy };

export interface StaticFile {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/** The same reader as Electron's app scheme: one place decides which URL paths name a file of the build. */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | undefined> {
  const file = await readAppFile(root, urlPath);
  return file === undefined ? undefined : { body: file.body, headers: { 'Content-Type': file.contentType, 'Cache-Control': file.cacheControl } };
}

/** Headers on every answer of the shell. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
