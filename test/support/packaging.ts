/**
 * What an installer would contain, computed without Electron: electron-builder's own
 * configuration loader (with `extends`), its own schema validator, and its own file matchers
 * over the built tree. Packaging itself needs the Electron binary, which our machines cannot
 * fetch; the file list is the part that decides whether a key or training material ships.
 *
 * The matchers and the walk are electron-builder's internals (not in its typings), so their
 * shapes are declared here; node_modules are collected as the production dependency closure,
 * a superset of what electron-builder copies (it also drops readmes and test folders), which
 * errs on the side of flagging.
 */
import { lstatSync, readdirSync, readFileSync, existsSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as configModule from 'app-builder-lib/out/util/config/config';
import * as fileMatcherModule from 'app-builder-lib/out/fileMatcher';
import type { Configuration } from 'app-builder-lib';

export type BuilderConfig = Configuration;

type Filter = (file: string, stat: Stats & { moduleFullFilePath?: string }) => boolean;
interface Matcher {
  readonly from: string;
  readonly to: string;
  readonly patterns: string[];
  isEmpty(): boolean;
  containsOnlyIgnore(): boolean;
  prependPattern(pattern: string): void;
  createFilter(): Filter;
}
type MacroExpander = (pattern: string) => string;
interface PackagerLike {
  readonly info: { projectDir: string; buildResourcesDir: string; isPrepackedAppAsar: boolean; config: BuilderConfig; debugLogger: { isEnabled: boolean } };
}
interface FileMatcherInternals {
  FileMatcher: new (from: string, to: string, expander: MacroExpander, patterns?: string[]) => Matcher;
  getMainFileMatchers(appDir: string, destination: string, expander: MacroExpander, platformOptions: object, packager: PackagerLike, outDir: string, isElectronCompile: boolean): Matcher[];
  getNodeModuleFileMatcher(appDir: string, destination: string, expander: MacroExpander, platformOptions: object, info: PackagerLike['info']): Matcher;
  getFileMatchers(config: BuilderConfig, name: 'extraResources' | 'extraFiles' | 'asarUnpack', destination: string, options: { macroExpander: MacroExpander; customBuildOptions: object; globalOutDir: string; defaultSrc: string }): Matcher[] | null;
}
const internals = fileMatcherModule as unknown as FileMatcherInternals;
const quietLogger = { isEnabled: false, add: () => undefined };

/** Loads a configuration the way `electron-builder --config FILE` does (parents via `extends` merged). */
export async function loadBuilderConfig(projectDir: string, file: string): Promise<BuilderConfig> {
  return configModule.getConfig(projectDir, file, null);
}

/** electron-builder's own check: its JSON schema (scheme.json) plus its deprecation rules. Throws on any problem. */
export async function validateBuilderConfig(config: BuilderConfig): Promise<void> {
  await configModule.validateConfiguration(config, quietLogger as unknown as Parameters<typeof configModule.validateConfiguration>[1]);
}

export type Platform = 'linux' | 'win';

export interface PackagedFile {
  /** Where it lands: `app/…` (inside app.asar), `resources/…` (extraResources) or `root/…` (extraFiles). */
  readonly path: string;
  readonly source: string;
}

// Our configurations use no macros; one that did would need the packager's appInfo.
const noMacros: MacroExpander = (pattern) => {
  if (pattern.includes('${')) throw new Error(`macro in a file pattern is not supported by this check: ${pattern}`);
  return pattern;
};

function posix(path: string): string {
  return path.split(sep).join('/');
}

/** electron-builder's copy walk: an entry the filter refuses is skipped, a directory it refuses is not entered. */
function walkFiltered(root: string, filter: Filter | null, relativeFor: (file: string) => string | undefined): string[] {
  const out: string[] = [];
  const queue = [root];
  for (let guard = 0; queue.length > 0 && guard < 1_000_000; guard += 1) {
    const dir = queue.pop() as string;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (name === '.DS_Store' || name === '.gitkeep') continue;
      const file = join(dir, name);
      const stat: Stats & { moduleFullFilePath?: string } = lstatSync(file);
      const moduleRelative = relativeFor(file);
      if (moduleRelative !== undefined) stat.moduleFullFilePath = moduleRelative;
      if (filter !== null && !filter(file, stat)) continue;
      if (stat.isDirectory()) queue.push(file);
      else out.push(file);
    }
  }
  return out;
}

function copyMatcherFiles(matcher: Matcher, destinationRoot: string, label: string): PackagedFile[] {
  if (!existsSync(matcher.from)) return [];
  const toLabel = (file: string) => `${label}/${posix(relative(destinationRoot, join(matcher.to, relative(matcher.from, file))))}`;
  if (lstatSync(matcher.from).isFile()) return [{ path: `${label}/${posix(relative(destinationRoot, matcher.to))}`, source: matcher.from }];
  if (matcher.isEmpty() || matcher.containsOnlyIgnore()) matcher.prependPattern('**/*');
  return walkFiltered(matcher.from, matcher.createFilter(), () => undefined).map((file) => ({ path: toLabel(file), source: file }));
}

interface PackageJson {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Node's lookup: `node_modules/<name>` in the requiring package's directory, then upwards to the project. */
function resolvePackageDir(name: string, fromDir: string, projectDir: string): string | undefined {
  let dir = fromDir;
  for (let i = 0; i < 64; i += 1) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === projectDir) return undefined;
    const parent = resolve(dir, '..');
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** The production dependency closure (dependencies + optionalDependencies), as directories. */
export function productionModuleDirs(projectDir: string): string[] {
  const seen = new Set<string>();
  const queue: string[] = [projectDir];
  for (let guard = 0; queue.length > 0 && guard < 100_000; guard += 1) {
    const dir = queue.pop() as string;
    const pkg = readPackageJson(dir);
    const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];
    for (const name of names) {
      const found = resolvePackageDir(name, dir, projectDir);
      if (found === undefined || seen.has(found)) continue;
      seen.add(found);
      queue.push(found);
    }
  }
  return [...seen].sort();
}

/** Every file the installer for `platform` would carry, by where it lands. */
export function packagedFiles(projectDir: string, config: BuilderConfig, platform: Platform): PackagedFile[] {
  const platformOptions: object = config[platform] ?? {};
  const appDestination = join(projectDir, '.packaged', 'app');
  const resourcesDestination = join(projectDir, '.packaged', 'resources');
  const rootDestination = join(projectDir, '.packaged', 'root');
  const outDir = resolve(projectDir, config.directories?.output ?? 'dist');
  const info = { projectDir, buildResourcesDir: config.directories?.buildResources ?? 'build', isPrepackedAppAsar: false, config, debugLogger: quietLogger };
  const files: PackagedFile[] = [];

  for (const matcher of internals.getMainFileMatchers(projectDir, appDestination, noMacros, platformOptions, { info }, outDir, false)) {
    files.push(...copyMatcherFiles(matcher, appDestination, 'app'));
  }

  const moduleMatcher = internals.getNodeModuleFileMatcher(projectDir, appDestination, noMacros, platformOptions, info);
  for (const moduleDir of productionModuleDirs(projectDir)) {
    const moduleRelative = posix(relative(projectDir, moduleDir));
    const matcher = new internals.FileMatcher(moduleDir, join(appDestination, moduleRelative), noMacros, moduleMatcher.patterns);
    const filter = matcher.isEmpty() ? null : matcher.createFilter();
    const walked = walkFiltered(moduleDir, (file, stat) => !(stat.isDirectory() && file.endsWith(`${sep}node_modules`)) && (filter === null || filter(file, stat)), (file) => posix(relative(projectDir, file)));
    files.push(...walked.map((file) => ({ path: `app/${posix(relative(projectDir, file))}`, source: file })));
  }

  const extra = (name: 'extraResources' | 'extraFiles', destination: string, label: string) => {
    const matchers = internals.getFileMatchers(config, name, destination, { macroExpander: noMacros, customBuildOptions: platformOptions, globalOutDir: outDir, defaultSrc: projectDir }) ?? [];
    for (const matcher of matchers) files.push(...copyMatcherFiles(matcher, destination, label));
  };
  extra('extraResources', resourcesDestination, 'resources');
  extra('extraFiles', rootDestination, 'root');
  return files;
}

/** Whether electron-builder's asarUnpack patterns take `appPath` (a path inside the app, e.g. `node_modules/x/y.node`) out of the asar. */
export function isAsarUnpacked(projectDir: string, config: BuilderConfig, platform: Platform, appPath: string): boolean {
  const matchers = internals.getFileMatchers(config, 'asarUnpack', projectDir, { macroExpander: noMacros, customBuildOptions: config[platform] ?? {}, globalOutDir: resolve(projectDir, 'build'), defaultSrc: projectDir }) ?? [];
  const stat = lstatSync(join(projectDir, appPath));
  return matchers.some((matcher) => matcher.createFilter()(join(projectDir, appPath), stat));
}

const pemPrivateKey = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;
const keyFileName = /(?:^|\/)(?:id_(?:rsa|dsa|ecdsa|ed25519)|[^/]*\.(?:key|p12|pfx|jks|keystore)|[^/]*[-_.]key\.pem|[^/]*private[^/]*\.pem)$/i;

export interface SecretFinding {
  readonly path: string;
  readonly reason: 'pem-private-key' | 'key-file-name';
}

/** Files that hold, or are named like, a private key. */
export function findSecrets(files: readonly PackagedFile[]): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const file of files) {
    if (keyFileName.test(file.path)) findings.push({ path: file.path, reason: 'key-file-name' });
    // latin1 keeps every byte, so a PEM block inside a binary file is found too.
    if (pemPrivateKey.test(readFileSync(file.source).toString('latin1'))) findings.push({ path: file.path, reason: 'pem-private-key' });
  }
  return findings;
}

const forbiddenInProduction: readonly RegExp[] = [
  /^app\/resources\/training(?:\/|$)/,
  /(?:^|\/)resources\/training(?:\/|$)/,
  /^app\/(?:test|bench|docs|\.ci|scripts|src|renderer|electron)\//,
  /^app\/dist\/(?:test|bench|scripts)\//,
  /\.map$/,
];

/** Paths a production installer must not carry: training material, tests, benches, docs, CI, sources, source maps. */
export function forbiddenProductionPaths(files: readonly PackagedFile[]): string[] {
  return files.map((f) => f.path).filter((path) => forbiddenInProduction.some((rule) => rule.test(path)));
}

/**
 * The relative `require`s of the packaged code whose target is not packaged (as Node resolves
 * them: the path, then `.js`, `.json`, then `index.js`): a file the globs leave out fails at run
 * time only, on the first screen or command that loads it.
 */
export function unresolvedRequires(files: readonly PackagedFile[]): string[] {
  const paths = new Set(files.map((f) => f.path));
  const missing: string[] = [];
  for (const file of files) {
    if (!file.path.startsWith('app/dist/') || !file.path.endsWith('.js')) continue;
    const text = readFileSync(file.source, 'utf8');
    for (const match of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const target = posix(join(dirname(file.path), match[1] ?? ''));
      const candidates = [target, `${target}.js`, `${target}.json`, `${target}/index.js`];
      if (!candidates.some((c) => paths.has(c))) missing.push(`${file.path} → ${match[1] ?? ''}`);
    }
  }
  return missing;
}
