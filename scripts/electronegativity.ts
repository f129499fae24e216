/**
 * Electronegativity over the Electron shell: scans electron/ and src/desktop/ and
 * fails on any finding not justified in electron/electronegativity-accepted.json (check id,
 * file, reason per entry). Offline: the tool's two network calls (translations, Electron's
 * release list) are cut off here, so it neither waits for nor depends on the network.
 *
 *   node dist/scripts/electronegativity.js [--root DIR] [--accepted FILE] [DIR...]
 */
import Module from 'node:module';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';

export const scannedDirs = ['electron', 'src/desktop'] as const;

const acceptedSchema = z
  .array(z.object({ check: z.string().regex(/^[A-Z0-9_]+$/), file: z.string().min(1), reason: z.string().min(20) }).strict())
  .max(100);
export type AcceptedFinding = z.infer<typeof acceptedSchema>[number];

export interface Finding {
  readonly check: string;
  /** Relative to the repository root, with forward slashes; `N/A` for a whole-application check. */
  readonly file: string;
  readonly line: number;
}

const issueSchema = z.object({
  id: z.string(),
  file: z.string(),
  location: z.object({ line: z.number().optional() }).loose().optional(),
});
const resultSchema = z.object({ issues: z.array(issueSchema.loose()), errors: z.array(z.unknown()) }).loose();

export function parseAccepted(text: string): AcceptedFinding[] {
  return acceptedSchema.parse(JSON.parse(text));
}

/** Findings no entry justifies, and entries that no longer match a finding (kept only as a warning). */
export function compareFindings(findings: readonly Finding[], accepted: readonly AcceptedFinding[]): { readonly unjustified: Finding[]; readonly stale: AcceptedFinding[] } {
  const matches = (f: Finding, a: AcceptedFinding) => f.check === a.check && f.file === a.file;
  return {
    unjustified: findings.filter((f) => !accepted.some((a) => matches(f, a))),
    stale: accepted.filter((a) => !findings.some((f) => matches(f, a))),
  };
}

/** Electronegativity asks for translations and Electron's releases over HTTPS: answer "offline" at once. */
function cutNetwork(toolDir: string): void {
  const gotPath = require.resolve('got', { paths: [toolDir] });
  const offline = new Module(gotPath);
  offline.filename = gotPath;
  offline.loaded = true;
  offline.exports = () => Promise.reject(new Error('offline: Electronegativity runs without network here'));
  require.cache[gotPath] = offline;
}

type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<unknown>;

/**
 * Runs the tool once over the given directories of the repository, copied side by side into a
 * scratch directory: its whole-application checks (navigation limits, permission handler, CSP)
 * then see the shell as one, and file names come out relative to the repository.
 */
export async function scan(root: string, dirs: readonly string[]): Promise<Finding[]> {
  const toolMain = require.resolve('@doyensec/electronegativity', { paths: [root, __dirname] });
  cutNetwork(toolMain);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS tool without types, loaded after its network was cut
  const loaded: unknown = require(toolMain);
  const run = (typeof loaded === 'function' ? loaded : (loaded as { default: unknown }).default) as Runner;
  const input = mkdtempSync(join(tmpdir(), 'madoguchi-electronegativity-'));
  const quiet = console.log;
  let result: unknown;
  try {
    for (const dir of dirs) cpSync(resolve(root, dir), join(input, dir), { recursive: true });
    // The tool prints its own progress (and the "offline" notes); the verdict is ours.
    console.log = () => undefined;
    result = await run({ input, isRelative: false, isVerbose: false, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], electronVersionOverride: electronVersion(root), parserPlugins: [] }, false);
  } finally {
    console.log = quiet;
    rmSync(input, { recursive: true, force: true });
  }
  const parsed = resultSchema.parse(result);
  if (parsed.errors.length > 0) throw new Error(`electronegativity could not parse: ${JSON.stringify(parsed.errors).slice(0, 500)}`);
  return parsed.issues.map((issue) => ({
    check: issue.id,
    file: issue.file === 'N/A' ? 'N/A' : relative(input, issue.file).split('\\').join('/'),
    line: issue.location?.line ?? 0,
  }));
}

function electronVersion(root: string): string {
  const pkg = z.object({ devDependencies: z.record(z.string(), z.string()) }).loose().parse(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
  return pkg.devDependencies['electron'] ?? '41.7.1';
}

export async function main(argv: readonly string[]): Promise<number> {
  let root = resolve(__dirname, '..', '..');
  let acceptedFile: string | undefined;
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--root') root = resolve(argv[(i += 1)] ?? '.');
    else if (arg === '--accepted') acceptedFile = argv[(i += 1)];
    else if (arg !== undefined) dirs.push(arg);
  }
  const accepted = parseAccepted(readFileSync(acceptedFile ?? join(root, 'electron', 'electronegativity-accepted.json'), 'utf8'));
  const unique = await scan(root, dirs.length > 0 ? dirs : scannedDirs);
  const { unjustified, stale } = compareFindings(unique, accepted);
  for (const entry of stale) process.stderr.write(`check-electronegativity: accepted entry no longer found (remove it): ${entry.check} ${entry.file}\n`);
  if (unjustified.length > 0) {
    process.stderr.write(`check-electronegativity: ${unjustified.length} finding(s) not justified in electron/electronegativity-accepted.json:\n`);
    for (const f of unjustified) process.stderr.write(`  ${f.check}  ${f.file}:${f.line}  (https://github.com/doyensec/electronegativity/wiki/${f.check})\n`);
    return 1;
  }
  process.stdout.write(`check-electronegativity: ${unique.length} finding(s) in ${(dirs.length > 0 ? dirs : scannedDirs).join(', ')}, all justified (${accepted.length} accepted)\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`check-electronegativity: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
