/**
 * The Vite plugin that writes the renderer's `<meta>` CSP into index.html from
 * src/desktop/csp.ts, so the page, the browser shell's header and Electron's scheme share one
 * policy. Imported by vite.config.mts only (build tooling, not part of the bundle).
 */
import { metaContentSecurityPolicy } from './csp';

export interface CspMetaPlugin {
  readonly name: string;
  transformIndexHtml(): { tag: string; attrs: Record<string, string>; injectTo: 'head-prepend' }[];
}

export function cspMetaPlugin(): CspMetaPlugin {
  return {
    name: 'madoguchi-csp-meta',
    // First in <head>: the policy applies before the module script is seen.
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy }, injectTo: 'head-prepend' }],
  };
}
