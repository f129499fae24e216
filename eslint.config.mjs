// Lint rules, including the dependency direction of design.md §2:
// errors ← domain ← card, pki, store ← sync, issuance ← api ← host ← flows ← shells (src/shells, electron/);
// renderer sees only src/api types,
// src/domain and src/words (the words every shell prints); nothing imports the renderer.
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
        patterns: [...(forbidden.length === 0 ? [] : [{ group: forbidden, message }]), noRenderer],
      },
    ],
  },
});

// The renderer is a leaf: nothing in src/ or electron/ imports it. The words every shell
// prints live in src/words, which the renderer imports too.
const noRenderer = { group: ['**/renderer', '**/renderer/**'], message: 'Nothing in src/ or electron/ imports renderer/: shared words live in src/words.' };

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
  // Every folder of src/ (and the shells beside electron/) at least keeps out of the renderer;
  // the layers below narrow it further.
  layer(['src/**'], [], ''),
  // The one error type sits below every floor: it imports nothing from src/.
  layer(['src/errors/**'], up('domain', 'card', 'virtual-card', 'pki', 'store', 'sync', 'ca', 'issuance', 'api', 'host', 'flows', 'shells', 'desktop', 'words'), 'errors/ is the bottom floor: it imports nothing else from src/.'),
  layer(['src/domain/**'], up('card', 'virtual-card', 'pki', 'store', 'sync', 'ca', 'issuance', 'api', 'host', 'flows', 'shells', 'words'), 'domain/ is pure: it imports nothing else from src/.'),
  layer(['src/card/**', 'src/pki/**'], up('sync', 'ca', 'issuance', 'api', 'host', 'flows', 'shells', 'words'), 'card/, pki/ and store/ sit below sync/, issuance/, api/ and host/.'),
  // The store keeps rows, not card sessions: it never talks to a card or its simulator.
  layer(['src/store/**'], up('card', 'virtual-card', 'sync', 'ca', 'issuance', 'api', 'host', 'flows', 'shells', 'words'), 'store/ sits below sync/, issuance/, api/ and host/, and beside card/: it imports neither the card nor the simulators.'),
  layer(['src/virtual-card/**', 'src/ca/**'], up('sync', 'issuance', 'api', 'host', 'flows', 'shells', 'words'), 'The simulators sit below sync/, issuance/, api/ and host/.'),
  layer(['src/sync/**'], up('api', 'host', 'flows', 'shells', 'words'), 'sync/ and issuance/ sit below api/ and host/.'),
  // Issuance talks to a CA only through the CaDirectory/outbox ports and to a card only through
  // CardModel: the reference CA and the virtual card are simulators the host wires in.
  layer(['src/issuance/**'], up('ca', 'virtual-card', 'api', 'host', 'flows', 'shells', 'words'), 'issuance/ sits below api/ and host/ and never imports the simulators (ca/, virtual-card/): they come in through ports.'),
  layer(['src/api/**'], up('host', 'flows', 'shells', 'words'), 'api/ sits below host/.'),
  // host/ is the composition root and the terminal's infrastructure; the flows run over the Host it builds.
  layer(['src/host/**'], up('flows', 'shells', 'words'), 'host/ sits below flows/ and the shells, and speaks in codes (no words).'),
  layer(['src/flows/**'], up('shells', 'words'), 'flows/ sit below the shells (src/shells, electron/) and speak in codes (no words).'),
  // The words every shell prints (error words, receipts, the configuration check): plain data
  // over the core's codes. The core itself never imports them: it speaks only in codes.
  layer(['src/words/**'], up('card', 'virtual-card', 'pki', 'store', 'sync', 'ca', 'issuance', 'host', 'flows', 'shells', 'desktop'), 'words/ holds plain catalogues: it imports only types from api/ and domain/.'),
  // The shells' pure decisions: used by the browser shell and electron/, never importing them or Electron.
  layer(['src/desktop/**'], up('host', 'flows', 'shells', 'card', 'virtual-card', 'store', 'sync', 'ca', 'issuance'), 'desktop/ holds pure shell decisions: it imports only api/ types and domain/.'),
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
          patterns: [{ group: ['**/src/store', '**/src/store/**'], message: 'electron/ never touches the store: go through src/host.' }, noRenderer],
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
            { group: ['**/src/*', '!**/src/api', '!**/src/api/**', '!**/src/domain', '!**/src/domain/**', '!**/src/words', '!**/src/words/**'], message: 'renderer/ may import only types from src/api, the pure modules of src/domain and the shared words of src/words.' },
            // The secret-frame codec is pure and shared on purpose: both ends of the wire must agree on it.
            { group: ['**/src/api/*', '!**/src/api/secret-frame'], allowTypeImports: true, message: 'renderer/ may import only types from src/api (and the secret-frame codec).' },
            { group: ['electron', 'node:*', 'fs', 'path', 'child_process'], message: 'renderer/ runs sandboxed: no Node or Electron imports.' },
          ],
        },
      ],
    },
  },
);
