import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirPaths, loadCaConnection, loadConfig, resolveDataDir } from '../../../src/host/data-dir';
import { tempDir } from './fixtures';
import { productionBase } from '../../support/terminal-config';

describe('resolveDataDir (docs/design.md §8)', () => {
  test.each([
    ['--data wins', '/x/flag', { MADOGUCHI_DATA: '/x/env', XDG_DATA_HOME: '/x/xdg' }, '/x/flag'],
    ['then $MADOGUCHI_DATA', undefined, { MADOGUCHI_DATA: '/x/env', XDG_DATA_HOME: '/x/xdg' }, '/x/env'],
    ['then $XDG_DATA_HOME/madoguchi', undefined, { XDG_DATA_HOME: '/x/xdg' }, '/x/xdg/madoguchi'],
    ['else ~/.local/share/madoguchi', undefined, {}, '/home/clerk/.local/share/madoguchi'],
    ['a relative XDG_DATA_HOME is ignored (XDG spec)', undefined, { XDG_DATA_HOME: 'rel' }, '/home/clerk/.local/share/madoguchi'],
  ])('%s', (_name, flag, env, expected) => {
    expect(resolveDataDir(flag, env, '/home/clerk')).toBe(expected);
  });
});

describe('loadConfig', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  test('no config file is a training terminal', () => {
    expect(loadConfig(dataDirPaths(t.dir))).toMatchObject({ kind: 'training', config: { training: true } });
  });

  test('a valid config with CA files relative to the data directory', () => {
    mkdirSync(join(t.dir, 'tls'));
    for (const f of ['ca.pem', 'client.pem', 'client.key']) writeFileSync(join(t.dir, 'tls', f), `PEM ${f}`);
    writeFileSync(
      join(t.dir, 'config.json'),
      JSON.stringify({ ...productionBase, terminalId: 't-1', ca: { url: 'https://127.0.0.1:8443', trustAnchorPem: 'tls/ca.pem', clientCertPem: 'tls/client.pem', clientKeyPem: 'tls/client.key' } }),
    );
    const paths = dataDirPaths(t.dir);
    const loaded = loadConfig(paths);
    expect(loaded).toMatchObject({ kind: 'configured', config: { training: false, sync: { concurrency: 4 } } });
    expect(loadCaConnection(paths, loaded.config)).toEqual({ url: 'https://127.0.0.1:8443', trustAnchorPem: 'PEM ca.pem', clientCertPem: 'PEM client.pem', clientKeyPem: 'PEM client.key' });
  });

  test.each([
    ['not JSON', '{', 'CONFIG_UNREADABLE'],
    ['plain http CA', JSON.stringify({ ca: { url: 'http://ca', trustAnchorPem: 'a', clientCertPem: 'b', clientKeyPem: 'c' } }), 'CONFIG_INVALID'],
    ['unknown field', JSON.stringify({ surprise: 1 }), 'CONFIG_INVALID'],
  ])('%s is a typed error', (_name, text, code) => {
    writeFileSync(join(t.dir, 'config.json'), text);
    expect(() => loadConfig(dataDirPaths(t.dir))).toThrow(expect.objectContaining({ code }));
  });

  test('no CA section → CONFIG_NO_CA when a CA is needed', () => {
    const paths = dataDirPaths(t.dir);
    expect(() => loadCaConnection(paths, loadConfig(paths).config)).toThrow(expect.objectContaining({ name: 'CodedError', code: expect.stringMatching(/^CONFIG_/) }));
  });
});
