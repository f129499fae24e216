/**
 * One owner per data directory (docs/design.md §3): while a host runs (here, in this test
 * process), a CLI command that would change terminal state or send the queue is refused with
 * TERMINAL_BUSY naming the owner's pid, and changes nothing; reading the queue still works.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHost, type TerminalHost } from '../../../src/host/host';
import { sampleApplication } from '../../unit/store/fixtures';
import { issueDocument, removeRoot, runCli, tempRoot, writeApplication } from '../issuance/support';

jest.setTimeout(120_000);

let root: string;
let dataDir: string;
let host: TerminalHost;
let pendingRowId: string;

beforeAll(async () => {
  root = tempRoot('madoguchi-it-busy-');
  dataDir = join(root, 'terminal');
  host = await buildHost({ dataFlag: dataDir, env: {}, pcsc: false, startSync: false });
  // One queued request the running host has not sent yet: a second sender would send it.
  const app = host.store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
  pendingRowId = randomUUID();
  host.store.recordTransition({ applicationId: app.id, event: 'queue', outbox: [{ id: pendingRowId, certificateKind: 'auth', csrDer: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]) }], audit: { actor: 'clerk-1', action: 'application.queue' } });
});
afterAll(async () => {
  await host?.close();
  if (root !== undefined) removeRoot(root);
});

function snapshot(): string {
  const applications = host.store.applications.list({}).rows.map((a) => `${a.id}:${a.state}`);
  const outbox = host.store.outbox.list().rows.map((r) => `${r.id}:${r.state}:${r.attempts}`);
  return JSON.stringify({ applications, outbox, audit: host.store.audit.list({}).rows.length });
}

function expectRefused(run: { code: number | null; stderr: string; stdout: string }): void {
  expect(run.code).toBe(3);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain('TERMINAL_BUSY');
  expect(run.stderr).toContain(`pid ${process.pid}`);
  expect(run.stderr).toMatch(/running terminal's screens|stop it/);
}

test.each([
  ['issue', () => ['issue', '--reader', 'Virtual PCD 00 00', '--application', writeApplication(root, issueDocument), '--data', dataDir, '--json']],
  ['sync --once', () => ['sync', '--once', '--json', '--data', dataDir]],
  ['queue retry', () => ['queue', 'retry', pendingRowId, '--data', dataDir]],
  ['pickup', () => ['pickup', '--reader', 'Virtual PCD 00 00', '--data', dataDir]],
] as const)('%s on a directory a running host owns is refused and changes nothing', async (_name, args) => {
  const before = snapshot();
  const run = await runCli(args(), { stdin: 'BUSY9PW\n2468\n' });
  expectRefused(run);
  expect(snapshot()).toBe(before);
  expect(host.store.outbox.get(pendingRowId)).toMatchObject({ state: 'pending', attempts: 0 });
  expect(readFileSync(join(dataDir, 'terminal.lock'), 'utf8').trim()).toBe(String(process.pid));
});

test('reading the queue beside the running host is allowed', async () => {
  const run = await runCli(['queue', 'list', '--json', '--data', dataDir]);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).rows).toEqual([expect.objectContaining({ id: pendingRowId, state: 'pending' })]);
});
