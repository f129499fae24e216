// The renderer build (design.md §3): one static bundle both shells serve, under a strict CSP
// (script-src 'self', style-src 'self'), so nothing may be inlined into index.html.
import { defineConfig } from 'vite';
// The <meta> CSP comes from the same policy as the shells' headers (src/desktop/csp.ts).
import { cspMetaPlugin } from './src/desktop/csp-meta.ts';

export const rendererConfig = defineConfig({
  root: 'renderer',
  // Relative URLs: Electron serves the bundle from a custom protocol, the browser shell from /.
  base: './',
  plugins: [cspMetaPlugin()],
  // Vite 8 transforms TSX with oxc itself; no React plugin, so say which JSX runtime to use.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    // Not dist/renderer: tsc compiles the shared word catalogues (renderer/i18n) there for the CLI.
    outDir: '../dist/ui',
    emptyOutDir: true,
    // Inlined assets would become data: URLs, which the CSP refuses for fonts.
    assetsInlineLimit: 0,
    // The preload polyfill would be injected as an inline snippet on some targets.
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    sourcemap: false,
    target: 'es2022',
  },
});

// Vite's config loader reads only the module's default export (there is no named-export hook),
// so this one tooling file keeps a default export next to the named one.
// eslint-disable-next-line no-restricted-exports
export default rendererConfig;
