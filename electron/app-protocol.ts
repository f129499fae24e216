/**
 * The `madoguchi://app/` scheme that serves the built renderer (Vite's `dist/ui/`) from the
 * package. What it answers is decided in src/desktop/app-files (path checks, types, CSP).
 */
import { protocol } from 'electron';
import { appScheme } from '../src/desktop/app-origin';
import { serveAppRequest } from '../src/desktop/app-files';

/** Before `ready`: a standard, secure origin with fetch, and no CORS or CSP bypass. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, bypassCSP: false, allowServiceWorkers: false, stream: false } },
  ]);
}

export function handleAppScheme(rendererRoot: string): void {
  protocol.handle(appScheme, async (request) => {
    const answer = await serveAppRequest(rendererRoot, request.method, request.url);
    return new Response(answer.body === undefined ? null : new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
  });
}
