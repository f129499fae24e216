// Lint rules, including the dependency direction of design.md §2:
// domain ← card, pki, store ← sync, issuance ← api ← host ← flows ← shells (src/shells, electron/);
// renderer sees only src/api types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [
          { name: 'electron', message: 'Only electron/ may import electron.' },
          { name: 'react', message: 'Only renderer/ may import react.' },
          { name: 'react-dom', message: 'Only renderer/ may import react-dom.' },
        ],
        patterns: forbidden.length === 0 ? [] : [{ group: forbidden, message }],
      },
    ],
  },
});

const up = (...dirs) => dirs.flatMap((d) => [`**/${d}`, `**/${d}/*`, `../${d}/**`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'coverage/**', 'bench/results/**', 'jest.config.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', performance: 'readonly', crypto: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
    },
  },
  { files: ['eslint.config.mjs'], rules: { 'no-restricted-exports': 'off' } },
  layer(['src/domain/**'], up('card', 'virtual-card', 'pki', 'store', 'sync', 'ca', 'issuance', 'api', 'host', 'flows', 'shells'), 'domain/ is pure: it imports nothing else from src/.'),
  layer(['src/card/**', 'src/pki/**'], up('sync', 'ca', 'issuance', 'api', 'host', 'flows', 'shells'), 'card/, pki/ and store/ sit below sync/, issuance/, api/ and host/.'),
  // The store keeps rows, not card sessions: it never talks to a card or its simulator.
  layer(['src/store/**'], up('card', 'virtual-card', 'sync', 'ca', 'issuance', 'api', 'host', 'flows', 'shells'), 'store/ sits below sync/, issuance/, api/ and host/, and beside card/: it imports neither the card nor the simulators.'),
  layer(['src/virtual-card/**', 'src/ca/**'], up('sync', 'issuance', 'api', 'host', 'flows', 'shells'), 'The simulators sit below sync/, issuance/, api/ and host/.'),
  layer(['src/sync/**'], up('api', 'host', 'flows', 'shells'), 'sync/ and issuance/ sit below api/ and host/.'),
  // Issuance talks to a CA only through the CaDirectory/outbox ports and to a card only through
  // CardModel: the reference CA and the virtual card are simulators the host wires in.
  layer(['src/issuance/**'], up('ca', 'virtual-card', 'api', 'host', 'flows', 'shells'), 'issuance/ sits below api/ and host/ and never imports the simulators (ca/, virtual-card/): they come in through ports.'),
  layer(['src/api/**'], up('host', 'flows', 'shells'), 'api/ sits below host/.'),
  // host/ is the composition root and the terminal's infrastructure; the flows run over the Host it builds.
  layer(['src/host/**'], [...up('flows', 'shells'), '**/renderer', '**/renderer/**'], 'host/ sits below flows/ and the shells: it imports neither, nor renderer/.'),
  layer(['src/flows/**'], [...up('shells'), '**/renderer', '**/renderer/**'], 'flows/ sit below the shells (src/shells, electron/) and never import renderer/.'),
  // The shells' pure decisions: used by the browser shell and electron/, never importing them or Electron.
  layer(['src/desktop/**'], up('host', 'flows', 'shells', 'card', 'virtual-card', 'store', 'sync', 'ca', 'issuance'), 'desktop/ holds pure shell decisions: it imports only api/ types and domain/.'),
  // The CLI prints the renderer's words (design.md §2: the core speaks in codes): src/shells may
  // import exactly the plain data catalogues renderer/i18n/errors, receipt and config-check, nothing else.
  {
    files: ['src/shells/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/ may import electron.' },
            { name: 'react', message: 'Only renderer/ may import react.' },
            { name: 'react-dom', message: 'Only renderer/ may import react-dom.' },
          ],
          patterns: [{ regex: '(^|/)renderer(/(?!i18n/(errors|receipt|config-check)$).*)?$', message: 'src/shells may import only the data catalogues renderer/i18n/errors, receipt and config-check.' }],
        },
      ],
    },
  },
  // The Electron shell reaches the terminal only through the host (design.md §2), never its database.
  {
    files: ['electron/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: 'Only renderer/ may import react.' },
            { name: 'react-dom', message: 'Only renderer/ may import react-dom.' },
            { name: 'better-sqlite3', message: 'electron/ never opens the database: go through src/host.' },
          ],
          patterns: [{ group: ['**/src/store', '**/src/store/**'], message: 'electron/ never touches the store: go through src/host.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            // design.md §2: the pure rules of src/domain (password checks, era dates) are shared with the renderer.
            { group: ['**/src/*', '!**/src/api', '!**/src/api/**', '!**/src/domain', '!**/src/domain/**'], message: 'renderer/ may import only types from src/api and the pure modules of src/domain.' },
            // The secret-frame codec is pure and shared on purpose: both ends of the wire must agree on it.
            { group: ['**/src/api/*', '!**/src/api/secret-frame'], allowTypeImports: true, message: 'renderer/ may import only types from src/api (and the secret-frame codec).' },
            { group: ['electron', 'node:*', 'fs', 'path', 'child_process'], message: 'renderer/ runs sandboxed: no Node or Electron imports.' },
          ],
        },
      ],
    },
  },
);
