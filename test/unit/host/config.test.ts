/**
 * config.json validation: every field at fault is named in one run, so whoever edits
 * the file fixes everything at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConfigError, dataDirPaths, loadConfig, validateConfig } from '../../../src/host/data-dir';

const pinHash = `scrypt$16384$8$1$${Buffer.alloc(16, 1).toString('base64')}$${Buffer.alloc(32, 2).toString('base64')}`;
const valid = {
  terminalId: 'kakamigahara-honcho-01',
  municipality: { code: '21213', name: '岐阜県各務原市' },
  issuerKeyPem: 'issuer-key.pem',
  clerks: [{ id: 'clerk-1', name: '窓口 一郎', pinHash }],
};

function fieldsOf(json: unknown): string[] {
  const result = validateConfig(json);
  return result.ok ? [] : result.problems.map((p) => p.field);
}

test('a complete production config passes, with the timeouts defaulted', () => {
  const result = validateConfig(valid);
  expect(result.ok).toBe(true);
  if (result.ok) expect(result.config.timeouts).toEqual({ applicantIdleSeconds: 120, applicantWarningSeconds: 30, clerkIdleSeconds: 600 });
});

test('a 6-digit municipality code (with check digit) is accepted', () => {
  expect(validateConfig({ ...valid, municipality: { code: '212130', name: 'x' } }).ok).toBe(true);
});

test.each([
  ['municipality.code', { municipality: { code: '2121', name: 'x' } }],
  ['municipality.code', { municipality: { code: '21213a', name: 'x' } }],
  ['municipality.name', { municipality: { code: '21213', name: '' } }],
  ['clerks.0.pinHash', { clerks: [{ id: 'c', name: 'n', pinHash: 'plain-1234' }] }],
  ['clerks.0.pinHash', { clerks: [{ id: 'c', name: 'n', pinHash: pinHash.replace('16384', '1024') }] }],
  ['clerks.0.id', { clerks: [{ id: 'has space', name: 'n', pinHash }] }],
  ['clerks.0.extra', { clerks: [{ id: 'c', name: 'n', pinHash, extra: 1 }] }],
  ['clerks', { clerks: [] }],
  ['timeouts.applicantWarningSeconds', { timeouts: { applicantWarningSeconds: 10 } }],
  ['timeouts.applicantIdleSeconds', { timeouts: { applicantIdleSeconds: 'long' } }],
  ['timeouts.applicantWarningSeconds', { timeouts: { applicantIdleSeconds: 40, applicantWarningSeconds: 40 } }],
  ['issuerKeyPem', { issuerKeyPem: '' }],
  ['colour', { colour: 'blue' }],
])('%s is named', (field, patch) => {
  expect(fieldsOf({ ...valid, ...patch })).toContain(field);
});

test('duplicate clerk ids are refused', () => {
  expect(fieldsOf({ ...valid, clerks: [valid.clerks[0], valid.clerks[0]] })).toContain('clerks');
});

test('a production terminal must name its municipality and clerks', () => {
  const { municipality: _m, clerks: _c, ...rest } = valid;
  expect(fieldsOf(rest)).toEqual(expect.arrayContaining(['municipality', 'clerks']));
  expect(validateConfig({ training: true }).ok).toBe(true);
});

test('every bad field is reported at once, not only the first', () => {
  const fields = fieldsOf({ ...valid, municipality: { code: '1', name: '' }, timeouts: { applicantWarningSeconds: 5 }, clerks: [{ id: 'c', name: 'n', pinHash: 'x' }], unknown: true });
  expect(fields).toEqual(expect.arrayContaining(['municipality.code', 'municipality.name', 'timeouts.applicantWarningSeconds', 'clerks.0.pinHash', 'unknown']));
});

test('loadConfig throws CONFIG_INVALID naming every field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-config-'));
  try {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...valid, municipality: { code: 'x', name: '' } }));
    let thrown: unknown;
    try {
      loadConfig(dataDirPaths(dir));
    } catch (error) {
      thrown = error;
    }
    expect(isConfigError(thrown)).toBe(true);
    if (isConfigError(thrown)) {
      expect(thrown.code).toBe('CONFIG_INVALID');
      expect(thrown.facts.fields).toEqual(expect.arrayContaining(['municipality.code', 'municipality.name']));
      expect(thrown.message).toContain('municipality.code');
      expect(thrown.message).toContain('municipality.name');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('self-service terminals', () => {
  const ca = { url: 'https://ca.example.jp', trustAnchorPem: 'ca.pem', clientCertPem: 'c.pem', clientKeyPem: 'k.pem' };
  const selfService = { terminalId: 'library-01', mode: 'self-service', municipality: valid.municipality, ca };

  test('a self-service config without issuer key or clerks, with a CA, passes', () => {
    expect(fieldsOf(selfService)).toEqual([]);
  });

  test('an issuer key, a clerk list, or no CA is refused', () => {
    expect(fieldsOf({ ...selfService, issuerKeyPem: 'issuer-key.pem' })).toEqual(['issuerKeyPem']);
    expect(fieldsOf({ ...selfService, clerks: valid.clerks })).toEqual(['clerks']);
    expect(fieldsOf({ ...selfService, ca: undefined })).toEqual(['ca']);
    expect(fieldsOf({ ...selfService, issuerKeyPem: 'k.pem', clerks: valid.clerks }).sort()).toEqual(['clerks', 'issuerKeyPem']);
    // Also when another field is broken too (all problems at once).
    expect(fieldsOf({ ...selfService, issuerKeyPem: 'k.pem', terminalId: '' }).sort()).toEqual(['issuerKeyPem', 'terminalId']);
  });

  test('an unknown mode is refused', () => {
    expect(fieldsOf({ ...selfService, mode: 'kiosk' })).toContain('mode');
  });

  test('--self-service: no config makes a training self-service terminal; a counter config is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-self-service-'));
    try {
      const paths = dataDirPaths(dir);
      expect(loadConfig(paths, true).config).toMatchObject({ training: true, mode: 'self-service' });
      expect(loadConfig(paths).config.mode).toBe('counter');
      writeFileSync(paths.config, JSON.stringify(valid));
      expect(() => loadConfig(paths, true)).toThrow(expect.objectContaining({ name: 'CodedError', code: expect.stringMatching(/^CONFIG_/) }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
