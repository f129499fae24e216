/**
 * Installers without Electron: both electron-builder configurations pass
 * electron-builder's own schema, and the file list its own matchers compute over the built tree
 * carries no private key and no training material into production, while the training build
 * carries its material. The scanner and the globs are proven on a planted tree first.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  findSecrets,
  forbiddenProductionPaths,
  isAsarUnpacked,
  loadBuilderConfig,
  packagedFiles,
  unresolvedRequires,
  validateBuilderConfig,
  type BuilderConfig,
  type Platform,
} from '../../support/packaging';

// Compiling electron-builder's schema and walking node_modules take seconds on a loaded 2-core machine.
jest.setTimeout(60_000);

const root = join(__dirname, '..', '..', '..');
const platforms: readonly Platform[] = ['linux', 'win'];
const fakeKey = ['-----BEGIN PRIVATE KEY-----', 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg', '-----END PRIVATE KEY-----', ''].join('\n');

let production: BuilderConfig;
let training: BuilderConfig;

beforeAll(async () => {
  production = await loadBuilderConfig(root, 'electron-builder.yml');
  training = await loadBuilderConfig(root, 'electron-builder.training.yml');
});

describe("electron-builder's own schema", () => {
  test.each(['electron-builder.yml', 'electron-builder.training.yml'])('%s is a valid configuration', async (file) => {
    await expect(validateBuilderConfig(await loadBuilderConfig(root, file))).resolves.toBeUndefined();
  });

  test.each([
    ['a typo in a top-level key', (c: Record<string, unknown>) => ({ ...c, electronFuse: c['electronFuses'] })],
    ['a typo in an nsis key', (c: Record<string, unknown>) => ({ ...c, nsis: { ...(c['nsis'] as object), perMachien: true } })],
    ['a fuse that does not exist', (c: Record<string, unknown>) => ({ ...c, electronFuses: { ...(c['electronFuses'] as object), runAsNodeX: false } })],
    ['deb depends of the wrong type', (c: Record<string, unknown>) => ({ ...c, deb: { ...(c['deb'] as object), depends: { pcscd: true } } })],
  ])('refuses %s (the validator is real)', async (_name, spoil) => {
    const spoiled = spoil(structuredClone(production) as unknown as Record<string, unknown>) as unknown as BuilderConfig;
    await expect(validateBuilderConfig(spoiled)).rejects.toThrow(/Invalid configuration object/);
  });
});

describe('the planted tree proves the scanner and the globs', () => {
  let project: string;
  const plant = (path: string, text: string) => {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  };

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'madoguchi-packaging-'));
    plant('package.json', JSON.stringify({ name: 'planted', version: '1.0.0', dependencies: { dep: '1.0.0' } }));
    plant('electron-builder.yml', readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
    plant('electron-builder.training.yml', readFileSync(join(root, 'electron-builder.training.yml'), 'utf8'));
    plant('dist/src/host/ok.js', 'module.exports = 1;\n');
    plant('dist/src/host/ok.js.map', '{}');
    plant('dist/src/host/innocent.js', `const k = \`${fakeKey}\`;\n`);
    plant('dist/src/host/terminal-key.pem', fakeKey);
    plant('dist/src/host/client.key', fakeKey);
    plant('dist/test/runner.js', '1;\n');
    plant('dist/bench/x.js', '1;\n');
    plant('dist/ui/index.html', '<!doctype html>\n');
    plant('dist/electron/main.js', '1;\n');
    plant('resources/training/issuer/issuer-key.pem', fakeKey);
    plant('resources/training/residents.json', '[]');
    plant('docs/provisioning.md', '#\n');
    plant('test/unit/x.test.ts', '\n');
    plant('src/host/x.ts', '\n');
    plant('node_modules/dep/package.json', JSON.stringify({ name: 'dep', version: '1.0.0', dependencies: { nested: '1.0.0' } }));
    plant('node_modules/dep/index.js', '1;\n');
    plant('node_modules/dep/index.js.map', '{}');
    plant('node_modules/dep/build/Release/dep.node', 'binary');
    plant('node_modules/nested/package.json', JSON.stringify({ name: 'nested', version: '1.0.0' }));
    plant('node_modules/nested/fixture.txt', `x\n${fakeKey}`);
    plant('node_modules/devonly/package.json', JSON.stringify({ name: 'devonly', version: '1.0.0' }));
    plant('node_modules/devonly/key.pem', fakeKey);
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  test('production globs keep code and drop maps, key files, tests, benches, docs, sources and training material', async () => {
    const config = await loadBuilderConfig(project, 'electron-builder.yml');
    const paths = packagedFiles(project, config, 'linux').map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['app/package.json', 'app/dist/src/host/ok.js', 'app/dist/ui/index.html', 'app/dist/electron/main.js', 'app/node_modules/dep/index.js', 'app/node_modules/nested/fixture.txt']));
    for (const absent of ['app/dist/src/host/ok.js.map', 'app/dist/src/host/terminal-key.pem', 'app/dist/src/host/client.key', 'app/dist/test/runner.js', 'app/dist/bench/x.js', 'app/node_modules/dep/index.js.map', 'app/node_modules/devonly/key.pem']) {
      expect(paths).not.toContain(absent);
    }
    expect(paths.filter((p) => /resources\/training|docs\/|test\/unit|\/src\/host\/x\.ts/.test(p))).toEqual([]);
  });

  test('a key hidden in an innocently named file, or deep in a dependency, is found by its PEM block', async () => {
    const config = await loadBuilderConfig(project, 'electron-builder.yml');
    const findings = findSecrets(packagedFiles(project, config, 'linux'));
    expect(findings).toEqual(
      expect.arrayContaining([
        { path: 'app/dist/src/host/innocent.js', reason: 'pem-private-key' },
        { path: 'app/node_modules/nested/fixture.txt', reason: 'pem-private-key' },
      ]),
    );
    expect(findings).toHaveLength(2);
  });

  test('the rules name what must never ship, and the training config brings its material in', async () => {
    const config = await loadBuilderConfig(project, 'electron-builder.training.yml');
    const files = packagedFiles(project, config, 'linux');
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['app/resources/training/issuer/issuer-key.pem', 'app/resources/training/residents.json']));
    expect(forbiddenProductionPaths(files)).toEqual(expect.arrayContaining(['app/resources/training/issuer/issuer-key.pem']));
    expect(forbiddenProductionPaths([{ path: 'app/dist/test/a.js', source: '' }, { path: 'app/docs/a.md', source: '' }, { path: 'app/.ci/x', source: '' }, { path: 'app/dist/src/a.js.map', source: '' }])).toHaveLength(4);
    expect(forbiddenProductionPaths([{ path: 'app/dist/src/host/host.js', source: '' }])).toEqual([]);
  });
});

describe('the production installers over the built tree', () => {
  beforeAll(() => {
    // The built tree is what ships; scripts/setup builds it before the unit tests run.
    if (!existsSync(join(root, 'dist', 'src', 'shells', 'cli', 'main.js')) || !existsSync(join(root, 'dist', 'ui', 'index.html'))) {
      throw new Error('build first: npx tsc -p tsconfig.build.json && npx vite build --config vite.config.mts');
    }
  });

  test.each(platforms)('%s: code, renderer and native modules are in; no private key, training material, test, bench, doc, CI file or source map', (platform) => {
    const files = packagedFiles(root, production, platform);
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'app/package.json',
        'app/dist/src/shells/cli/main.js',
        'app/dist/src/host/host.js',
        'app/dist/ui/index.html',
        'app/node_modules/better-sqlite3/package.json',
        'app/node_modules/pcsclite/package.json',
        'app/node_modules/zod/package.json',
      ]),
    );
    // The entry point electron-builder writes into the packaged package.json must itself be packaged.
    expect(paths).toContain(`app/${String((production.extraMetadata as { main?: unknown } | undefined)?.main)}`);
    expect(findSecrets(files)).toEqual([]);
    expect(forbiddenProductionPaths(files)).toEqual([]);
    // Every module the packaged code loads is packaged too (the word tables are JSON beside the code).
    expect(unresolvedRequires(files)).toEqual([]);
    expect(paths.filter((p) => p.startsWith('resources/') || p.startsWith('root/'))).toEqual([]);
    // React is inside the Vite bundle (dist/ui); a second copy in node_modules would only add weight.
    expect(paths.filter((p) => /^app\/node_modules\/(react|react-dom|scheduler)\//.test(p))).toEqual([]);
  });

  test.each(platforms)('%s: every native addon is unpacked from the asar', (platform) => {
    const addons = packagedFiles(root, production, platform)
      .map((f) => f.path.replace(/^app\//, ''))
      .filter((p) => p.endsWith('.node'));
    expect(addons).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/pcsclite/build/Release/pcsclite.node']));
    expect(addons.filter((p) => !isAsarUnpacked(root, production, platform, p))).toEqual([]);
  });

  test.each(platforms)('%s: nothing but native addons leaves the asar (its integrity check covers all JavaScript)', (platform) => {
    const unpacked = packagedFiles(root, production, platform)
      .map((f) => f.path.replace(/^app\//, ''))
      .filter((p) => !p.endsWith('.node') && isAsarUnpacked(root, production, platform, p));
    expect(unpacked).toEqual([]);
    expect(isAsarUnpacked(root, production, platform, 'node_modules/better-sqlite3/lib/database.js')).toBe(false);
  });

  test('a production config that let resources/ in would be caught (the check can fail)', () => {
    const careless = structuredClone(production);
    careless.files = [...((careless.files ?? []) as Array<{ filter?: string[] }>), { filter: ['resources/**'] }] as BuilderConfig['files'];
    const files = packagedFiles(root, careless, 'linux');
    expect(forbiddenProductionPaths(files)).toContain('app/resources/training/issuer/issuer-key.pem');
    expect(findSecrets(files).map((f) => f.path)).toContain('app/resources/training/ca/auth-ca-key.pem');
  });

  test('the training build carries the training CA, issuer key, cards and clerks, and nothing else forbidden', () => {
    const files = packagedFiles(root, training, 'linux');
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'app/resources/training/residents.json',
        'app/resources/training/clerks.json',
        'app/resources/training/issuer/issuer-key.pem',
        'app/resources/training/ca/sign-ca-key.pem',
        'app/resources/training/ca/auth-ca-key.pem',
        'app/resources/training/cards/r01-ordinary.json',
      ]),
    );
    // Both detectors fire on the real training keys: by name and by PEM block.
    expect(findSecrets(files)).toEqual(
      expect.arrayContaining([
        { path: 'app/resources/training/issuer/issuer-key.pem', reason: 'key-file-name' },
        { path: 'app/resources/training/issuer/issuer-key.pem', reason: 'pem-private-key' },
        { path: 'app/resources/training/ca/sign-ca-key.pem', reason: 'pem-private-key' },
      ]),
    );
    expect(findSecrets(files).filter((f) => !f.path.startsWith('app/resources/training/'))).toEqual([]);
    expect(forbiddenProductionPaths(files).filter((p) => !p.startsWith('app/resources/training/'))).toEqual([]);
  });
});

describe('what the installers declare', () => {
  test('editions reach the packaged package.json, and the two builds can be installed side by side', () => {
    expect(production.extraMetadata).toMatchObject({ main: 'dist/electron/main.js', madoguchi: { edition: 'production' } });
    expect(training.extraMetadata).toMatchObject({ main: 'dist/electron/main.js', madoguchi: { edition: 'training' } });
    expect(training.appId).not.toBe(production.appId);
    expect(training.productName).not.toBe(production.productName);
    expect(training.linux?.executableName).not.toBe(production.linux?.executableName);
    expect(training.win?.executableName).not.toBe(production.win?.executableName);
    expect(training.deb?.packageName).toBeDefined();
    expect(training.deb?.packageName).not.toBe(production.deb?.packageName ?? 'madoguchi');
    expect(training.directories?.output).not.toBe(production.directories?.output);
  });

  test('Electron fuses: no run-as-node, NODE_OPTIONS or inspect; encrypted cookies; only an integrity-checked asar; no file:// privileges', () => {
    for (const config of [production, training]) {
      expect(config.asar).not.toBe(false);
      expect(config.electronFuses).toEqual({
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableCookieEncryption: true,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        loadBrowserProcessSpecificV8Snapshot: false,
        grantFileProtocolExtraPrivileges: false,
      });
    }
  });

  test('Linux: deb depending on pcscd and libpcsclite1 (and what Electron needs), and an AppImage', () => {
    const targets = production.linux?.target;
    expect(targets).toEqual(expect.arrayContaining(['deb', 'AppImage']));
    expect(production.deb?.depends).toEqual(expect.arrayContaining(['pcscd', 'libpcsclite1', 'libgtk-3-0', 'libnss3', 'libasound2', 'libgbm1']));
    expect(training.deb?.depends).toEqual(expect.arrayContaining(['pcscd', 'libpcsclite1']));
  });

  test('Windows: an assisted NSIS installer for the whole machine, never a one-click per-user install', () => {
    expect(production.win?.target).toEqual(['nsis']);
    expect(production.nsis).toMatchObject({ oneClick: false, perMachine: true });
    expect(training.nsis).toMatchObject({ oneClick: false, perMachine: true });
  });
});

/** Parses a .desktop file into groups of key → value, refusing what the Desktop Entry spec does not allow. */
function parseDesktopFile(text: string): Map<string, Map<string, string>> {
  const groups = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[([^[\]]+)\]$/.exec(line);
    if (header !== null) {
      if (groups.has(header[1] as string)) throw new Error(`duplicate group ${line}`);
      current = new Map();
      groups.set(header[1] as string, current);
      continue;
    }
    const entry = /^([A-Za-z0-9-]+(?:\[[A-Za-z_@.]+\])?)\s*=\s*(.*)$/.exec(line);
    if (entry === null || current === undefined) throw new Error(`not a key=value line in a group: ${line}`);
    if (current.has(entry[1] as string)) throw new Error(`duplicate key ${entry[1]}`);
    current.set(entry[1] as string, entry[2] as string);
  }
  return groups;
}

describe('kiosk autostart', () => {
  const autostartMapping = () => {
    const mapping = (production.deb?.fpm ?? []).map((arg) => /^([^=]+)=(\/etc\/xdg\/autostart\/[^/]+\.desktop)$/.exec(arg)).find((m) => m !== null);
    if (mapping === undefined || mapping === null) throw new Error('no fpm SRC=/etc/xdg/autostart/NAME.desktop mapping in deb.fpm');
    return { source: mapping[1] as string, target: mapping[2] as string };
  };

  test('the deb installs an XDG autostart entry under /etc/xdg/autostart that starts the installed executable', () => {
    const { source } = autostartMapping();
    const groups = parseDesktopFile(readFileSync(join(root, source), 'utf8'));
    expect([...groups.keys()]).toEqual(['Desktop Entry']);
    const entry = groups.get('Desktop Entry') as Map<string, string>;
    expect(entry.get('Type')).toBe('Application');
    expect(entry.get('Name')).toBeTruthy();
    expect(entry.get('Terminal')).toBe('false');
    // electron-builder installs a deb under /opt/<productName>/<executableName>.
    expect(entry.get('Exec')).toBe(`/opt/${production.productName}/${production.linux?.executableName}`);
    expect(entry.get('X-GNOME-Autostart-enabled')).toBe('true');
  });

  test('the desktop-file parser refuses malformed entries (it is not a check that cannot fail)', () => {
    expect(() => parseDesktopFile('Type=Application\n')).toThrow(/group/);
    expect(() => parseDesktopFile('[Desktop Entry]\nType=Application\nType=Link\n')).toThrow(/duplicate key/);
    expect(() => parseDesktopFile('[Desktop Entry]\nnot a pair\n')).toThrow(/key=value/);
  });

  test('the training build does not autostart a second kiosk', () => {
    expect(training.deb?.fpm ?? []).toEqual([]);
    expect(training.nsis?.include ?? null).toBeNull();
  });

  test('the NSIS include writes the per-machine Run value on install and deletes the same value on uninstall', () => {
    const include = production.nsis?.include;
    expect(include).toMatch(/^resources\/installer\//);
    const script = readFileSync(join(root, include as string), 'utf8');
    const macro = (name: string) => {
      const found = new RegExp(`^!macro ${name}\\s*$([\\s\\S]*?)^!macroend`, 'm').exec(script);
      if (found === null) throw new Error(`no !macro ${name}`);
      return found[1] as string;
    };
    const runKey = 'HKLM "Software\\Microsoft\\Windows\\CurrentVersion\\Run" "${PRODUCT_NAME}"';
    const install = macro('customInstall');
    const uninstall = macro('customUnInstall');
    expect(install).toContain(`WriteRegStr ${runKey} '"$INSTDIR\\` + '${APP_EXECUTABLE_FILENAME}"\'');
    expect(uninstall).toContain(`DeleteRegValue ${runKey}`);
    expect(install).not.toMatch(/HKCU/);
    expect(uninstall).not.toMatch(/HKCU/);
  });
});
