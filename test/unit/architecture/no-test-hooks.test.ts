/**
 * Production code carries no seam that only tests use: no step observer on the CLI's streams, no
 * store subclass that reports a commit, no callback inside a transaction where a test kills the
 * process. Tests follow what the product itself publishes (the progress stream, the CLI's
 * `--progress`, the database) instead. This scans src/ and electron/ for the names and words
 * those hooks had, so one that comes back is caught here rather than in review.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const scanned = ['src', 'electron'];

function sourcesUnder(path: string, out: string[] = []): string[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return out;
  if (stat.isFile()) {
    if (/\.(ts|tsx|mts|cts|js|cjs|mjs)$/.test(path)) out.push(path);
    return out;
  }
  for (const entry of readdirSync(path)) out.push(...sourcesUnder(join(path, entry)));
  return out;
}

/** Each pattern, and why it means a test hook rather than a product feature. */
const forbidden: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /\bonStep\b/, why: 'a step observer the crash tests injected; follow the progress stream (onProgress, TerminalHost.progress)' },
  { pattern: /\bobserveSecrets\b/, why: 'a window onto the password buffers for tests' },
  { pattern: /\bSteppedStore\b|\bStepRelay\b/, why: 'a store subclass that announced a commit for the crash tests' },
  { pattern: /\bonApplication\b/, why: "a callback inside the purge's transaction where a test killed the process" },
  { pattern: /\b(killAt|crashAt|killPoint|crashPoint)\b/i, why: 'a crash switch' },
  { pattern: /\b(kill|crash) points?\b/i, why: 'a place in production code reserved for a test to kill the process' },
  { pattern: /\bcrash[- ]tests?\b/i, why: 'production code written for what a crash test needs' },
  { pattern: /process\.env\[?['".]?\w*(CRASH|KILL|TEST_HOOK)/i, why: 'an environment switch only tests set' },
  { pattern: /\b(exported|mutable) so (the )?tests?\b|\bso (the )?tests? can (shorten|lengthen|set|change|replace|observe)\b/i, why: 'a module value tests overwrite; pass it as an option instead' },
];

interface Finding {
  readonly where: string;
  readonly text: string;
  readonly why: string;
}

function findingsIn(file: string): Finding[] {
  const found: Finding[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      for (const { pattern, why } of forbidden) {
        if (pattern.test(line)) found.push({ where: `${relative(root, file)}:${index + 1}`, text: line.trim(), why });
      }
    });
  return found;
}

const files = scanned.flatMap((dir) => sourcesUnder(join(root, dir)));

test('the scan sees the production sources', () => {
  // An empty scan would pass for the wrong reason.
  expect(files.length).toBeGreaterThan(100);
  expect(files.some((f) => f.endsWith(join('src', 'host', 'host.ts')))).toBe(true);
});

test('the patterns recognise the hooks they are meant to keep out', () => {
  const samples = [
    'readonly onStep?: (step: ProcedureStep) => void;',
    'io.observeSecrets?.(secrets);',
    'class SteppedStore extends Store {',
    '/** Called inside each transaction, before it commits (crash tests). */',
    'options.onApplication?.(id);',
    'if (process.env.MADOGUCHI_CRASH_AT === step) process.exit(137);',
    '// the kill point of the sync tests',
    '/** Exported so the tests can shorten it; seconds, not minutes. */',
  ];
  for (const sample of samples) expect(forbidden.some(({ pattern }) => pattern.test(sample))).toBe(true);
  expect(forbidden.some(({ pattern }) => pattern.test('readonly onProgress?: (step: ProcedureStep) => void;'))).toBe(false);
});

test('no test-only hook, kill point or crash switch in src/ or electron/', () => {
  expect(files.flatMap(findingsIn)).toEqual([]);
});
