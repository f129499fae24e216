/** Which edition a build is, and whether it may start: every combination. */
import { configExitCode, readEdition, startDecision, type EditionResult } from '../../../src/desktop/edition';

const production = { name: 'madoguchi', madoguchi: { edition: 'production' } };
const training = { name: 'madoguchi', madoguchi: { edition: 'training' } };

test.each<[string, unknown, boolean, EditionResult]>([
  ['unpackaged (npm start), production metadata', production, false, { ok: true, edition: 'training' }],
  ['unpackaged, no package.json', undefined, false, { ok: true, edition: 'training' }],
  ['packaged production', production, true, { ok: true, edition: 'production' }],
  ['packaged training', training, true, { ok: true, edition: 'training' }],
  ['packaged without the key', { name: 'madoguchi' }, true, { ok: true, edition: 'training' }],
  ['packaged, unknown edition', { madoguchi: { edition: 'prod' } }, true, { ok: false, code: 'CONFIG_INVALID', field: 'package.json madoguchi.edition' }],
  ['packaged, edition of wrong type', { madoguchi: { edition: true } }, true, { ok: false, code: 'CONFIG_INVALID', field: 'package.json madoguchi.edition' }],
  ['packaged, extra key', { madoguchi: { edition: 'production', training: true } }, true, { ok: false, code: 'CONFIG_INVALID', field: 'package.json madoguchi.edition' }],
  ['packaged, madoguchi is a string', { madoguchi: 'production' }, true, { ok: false, code: 'CONFIG_INVALID', field: 'package.json madoguchi.edition' }],
  ['packaged, madoguchi is null', { madoguchi: null }, true, { ok: false, code: 'CONFIG_INVALID', field: 'package.json madoguchi.edition' }],
  ['packaged, unreadable package.json', undefined, true, { ok: false, code: 'CONFIG_INVALID', field: 'package.json' }],
  ['packaged, package.json an array', [], true, { ok: false, code: 'CONFIG_INVALID', field: 'package.json' }],
])('%s', (_name, packageJson, isPackaged, expected) => {
  expect(readEdition(packageJson, isPackaged)).toEqual(expected);
});

test.each([
  [{ ok: true, edition: 'production' } as const, false, { start: false, code: 'CONFIG_MISSING' }],
  [{ ok: true, edition: 'production' } as const, true, { start: true }],
  [{ ok: true, edition: 'training' } as const, false, { start: true }],
  [{ ok: true, edition: 'training' } as const, true, { start: true }],
  [{ ok: false, code: 'CONFIG_INVALID', field: 'package.json' } as const, true, { start: false, code: 'CONFIG_INVALID', field: 'package.json' }],
  [{ ok: false, code: 'CONFIG_INVALID', field: 'package.json' } as const, false, { start: false, code: 'CONFIG_INVALID', field: 'package.json' }],
])('edition %j with config.json %s → %j', (edition, hasConfig, expected) => {
  expect(startDecision(edition, hasConfig)).toEqual(expected);
});

test('the refusal exit code is EX_CONFIG', () => {
  expect(configExitCode).toBe(78);
});
