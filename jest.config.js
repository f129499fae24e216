// Three projects: unit and renderer tests run in parallel workers; integration tests share one pcscd,
// two vpcd slots and loopback ports, so scripts/test runs them with --runInBand.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        target: 'es2022',
        transform: { react: { runtime: 'automatic' } },
      },
      module: { type: 'commonjs' },
    },
  ],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/unit/**/*.test.tsx'],
    },
    {
      // Component tests of renderer/ against a fake of the contract, in a browser-like DOM.
      displayName: 'renderer',
      testEnvironment: 'jsdom',
      transform,
      testMatch: ['<rootDir>/test/renderer/**/*.test.tsx'],
      moduleNameMapper: { '\\.css$': '<rootDir>/test/renderer/style-stub.cjs' },
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    },
    {
      // The real terminal (browser shell + host + pcscd + reference CA + SQLite) in Debian's Chromium.
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
    },
  ],
};
