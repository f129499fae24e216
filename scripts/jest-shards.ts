/**
 * Runs one jest project's files in shards side by side, each shard in a network, mount and pid
 * namespace of its own (scripts/in-namespace): its own loopback, pcscd and vpcd ports, so card,
 * CA and browser tests that must not share a reader no longer wait for each other.
 *
 *   node dist/scripts/jest-shards.js --project integration --shards 2 --out DIR [--record]
 *
 * Each shard writes DIR/<project>-<n>.json (jest --json) and DIR/<project>-<n>.log, printed when
 * it ends. Files are dealt by the durations in test/durations.json (`--record` rewrites it from
 * this run). Without root or a working `unshare`, it runs one shard as before, in this namespace.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { planShards } from './shard-plan';

const repoRoot = path.resolve(__dirname, '..', '..');
const durationsFile = path.join(repoRoot, 'test', 'durations.json');
const durationsSchema = z.record(z.string(), z.number().nonnegative());
const jestResultSchema = z.object({ testResults: z.array(z.object({ name: z.string(), startTime: z.number(), endTime: z.number() })) });
/** A shard that runs longer than this is stopped (with everything in its namespace) and fails. */
const shardTimeoutMs = 40 * 60_000;

interface Options {
  readonly project: string;
  readonly shards: number;
  readonly out: string;
  readonly record: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const project = z.enum(['integration', 'e2e']).parse(value('--project'));
  const shards = z.coerce.number().int().min(1).max(8).parse(value('--shards') ?? '2');
  const out = z.string().min(1).parse(value('--out'));
  return { project, shards, out, record: argv.includes('--record') };
}

function canIsolate(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync('unshare', ['-m', '-n', '-p', '--fork', '--mount-proc', 'ip', 'link', 'set', 'lo', 'up'], { stdio: 'ignore', timeout: 10_000 });
  return probe.status === 0;
}

function listTests(project: string): string[] {
  const listed = spawnSync('npx', ['--no-install', 'jest', '--selectProjects', project, '--listTests'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  if (listed.status !== 0) throw new Error(`jest --listTests failed:\n${listed.stderr}`);
  return listed.stdout
    .split('\n')
    .filter((line) => line.endsWith('.ts') || line.endsWith('.tsx'))
    .map((file) => path.relative(repoRoot, file))
    .sort();
}

function readDurations(): Record<string, number> {
  if (!fs.existsSync(durationsFile)) return {};
  return durationsSchema.parse(JSON.parse(fs.readFileSync(durationsFile, 'utf8')));
}

function runShard(command: readonly string[], logFile: string): Promise<number> {
  const [program, ...args] = command;
  if (program === undefined) throw new Error('empty command');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(program, args, { cwd: repoRoot, stdio: ['ignore', log, log], detached: true });
  fs.closeSync(log);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      fs.appendFileSync(logFile, `\njest-shards: stopped after ${shardTimeoutMs / 60_000} minutes\n`);
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, shardTimeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal === null ? 1 : 128));
    });
  });
}

function recordDurations(jsonFiles: readonly string[]): void {
  const durations = readDurations();
  for (const file of jsonFiles) {
    if (!fs.existsSync(file)) continue;
    for (const result of jestResultSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).testResults) {
      durations[path.relative(repoRoot, result.name)] = Math.round((result.endTime - result.startTime) / 100) / 10;
    }
  }
  const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(durationsFile, `${JSON.stringify(sorted, null, 2)}\n`);
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  fs.mkdirSync(options.out, { recursive: true });
  const isolated = canIsolate();
  const files = listTests(options.project);
  const plan = planShards(files, readDurations(), isolated ? options.shards : 1);
  console.log(`jest-shards: ${options.project}: ${files.length} files in ${plan.length} shard(s)${isolated ? ', each in its own network and mount namespace' : ' (no namespaces: not root, or unshare unavailable)'}`);
  const started = Date.now();
  const outcomes = await Promise.all(
    plan.map(async (shard, n) => {
      const json = path.join(options.out, `${options.project}-${n}.json`);
      const logFile = path.join(options.out, `${options.project}-${n}.log`);
      // A cache of its own per shard: jest names its temporary cache files after the pid, and in
      // fresh pid namespaces every shard's jest has the same small pid, so shared caches collide
      // (also across the two projects, which run at the same time).
      const cache = path.join(os.tmpdir(), `madoguchi-jest-${options.project}-shard-${n}`);
      const jest = ['npx', '--no-install', 'jest', '--selectProjects', options.project, '--runInBand', `--cacheDirectory=${cache}`, '--json', `--outputFile=${json}`, '--runTestsByPath', ...shard.files];
      const command = isolated ? ['unshare', '-m', '-n', '-p', '--fork', '--kill-child', '--mount-proc', 'bash', 'scripts/in-namespace', ...jest] : jest;
      const code = await runShard(command, logFile);
      console.log(`\n== ${options.project} shard ${n + 1}/${plan.length}: exit ${code} after ${Math.round((Date.now() - started) / 1000)} s (expected ~${Math.round(shard.expectedSeconds)} s)`);
      process.stdout.write(fs.readFileSync(logFile, 'utf8'));
      return { code, json };
    }),
  );
  if (options.record) recordDurations(outcomes.map((o) => o.json));
  return outcomes.every((o) => o.code === 0) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`jest-shards: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
