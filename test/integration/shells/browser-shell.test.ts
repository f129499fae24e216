/**
 * The browser shell over the real host: pcscd + vpcd, a training card put in by the
 * training side panel's code, the training reference CA in-process and SQLite. A training clerk
 * signs in and a whole new issuance goes over HTTP — the card-info PIN and the passwords in the
 * binary frame, as the renderer sends them — to `done`. Then no password may be found in the database,
 * its WAL or the logs (docs/design.md §7).
 */
import * as http from 'node:http';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSecretFrame, secretFieldsOf, secretFrameContentType } from '../../../src/api/secret-frame';
import { openBrowserShell, type RunningShell } from '../../../src/shells/browser/launch';
import { buildHost, type TerminalHost } from '../../../src/host/host';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { removeRoot, tempRoot } from '../issuance/support';

jest.setTimeout(240_000);

/** Training material (resources/training): clerk kenshu-01's PIN, resident r01's card-info PIN. */
const clerkPin = '1111';
const cardInfoPin = '1357';
const signPassword = 'QZ7XK9WV2M';
const authPin = '8642';

let pcscd: PcscdHandle;
let root: string;
let host: TerminalHost | undefined;
let running: RunningShell | undefined;

const bytes = (text: string): number[] => [...Buffer.from(text, 'ascii')];
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  pcscd = await ensurePcscd();
  root = tempRoot('madoguchi-it-shell-');
}, 360_000);
afterAll(async () => {
  await running?.close();
  await host?.close();
  await pcscd?.release();
  if (root !== undefined) removeRoot(root);
});

interface Envelope {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { readonly code: string };
}

function shell(): RunningShell {
  if (running === undefined) throw new Error('the shell is not running');
  return running;
}

/** A request as the renderer sends it: JSON, or the binary frame when it carries a secret. */
function encoded(channel: string, body: unknown): { type: string; body: string | Uint8Array<ArrayBuffer> } {
  if (secretFieldsOf(channel).length === 0) return { type: 'application/json', body: JSON.stringify(body) };
  const request = Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? Uint8Array.from(v as number[]) : v]));
  return { type: secretFrameContentType, body: encodeSecretFrame(channel, request) };
}

async function post(channel: string, body: unknown, token: string = shell().shell.token): Promise<{ status: number; envelope: Envelope }> {
  const request = encoded(channel, body);
  const res = await fetch(`http://127.0.0.1:${shell().shell.port}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': request.type, 'X-Madoguchi-Token': token },
    body: request.body,
  });
  return { status: res.status, envelope: (await res.json()) as Envelope };
}

/** A channel that must succeed: its value, typed loosely (the test reads fields it expects). */
async function call(channel: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const { status, envelope } = await post(channel, body);
  expect(status).toBe(200);
  if (!envelope.ok) throw new Error(`${channel} answered ${JSON.stringify(envelope.error)}`);
  return envelope.value as Record<string, unknown>;
}

/** Polls visit.get until the step is reached (bounded in count and time). */
async function visitAt(step: string, limitMs = 120_000): Promise<Record<string, unknown>> {
  const end = Date.now() + limitMs;
  let state: Record<string, unknown> = {};
  for (let i = 0; i < 2_000 && Date.now() < end; i += 1) {
    state = await call('visit.get');
    if (state.step === step) return state;
    if (state.step === 'failed' || state.step === 'refused') break;
    await delay(100);
  }
  throw new Error(`the visit is at ${JSON.stringify(state)}, not ${step}`);
}

/** Polls visit.get until the state matches (bounded in count and time); the last state otherwise. */
async function visitWhere(matches: (state: Record<string, unknown>) => boolean, limitMs = 20_000): Promise<Record<string, unknown>> {
  const end = Date.now() + limitMs;
  let state = await call('visit.get');
  for (let i = 0; i < 500 && Date.now() < end && !matches(state); i += 1) {
    await delay(100);
    state = await call('visit.get');
  }
  return state;
}

/** The first SSE events after connecting: the names of the snapshot (bounded by time). */
function firstEvents(token: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const names: string[] = [];
    const req = http.get({ host: '127.0.0.1', port: shell().shell.port, path: `/api/events?token=${token}`, headers: { Host: `127.0.0.1:${shell().shell.port}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        names.splice(0, names.length, ...[...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1] ?? ''));
        if (names.length >= count) {
          req.destroy();
          resolve(names);
        }
      });
    });
    req.on('error', (error) => (names.length >= count ? undefined : reject(error)));
    setTimeout(() => {
      req.destroy();
      resolve(names);
    }, 10_000).unref();
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Where a secret occurs as text or as the JSON byte array the renderer sends. */
function leaks(files: readonly string[], secrets: readonly string[]): string[] {
  return files.flatMap((file) => {
    const content = readFileSync(file);
    return secrets.flatMap((secret) => {
      const forms = [Buffer.from(secret, 'ascii'), Buffer.from(bytes(secret).join(','), 'ascii'), Buffer.from(secret, 'utf16le')];
      return forms.some((form) => content.includes(form)) ? [`${file}: ${secret}`] : [];
    });
  });
}

test('a training clerk issues both certificates over HTTP and no password is left in the store, WAL or logs', async () => {
  const data = join(root, 'data');
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>madoguchi</title>');
  host = await buildHost({ dataFlag: data, env: {}, startSync: true });
  running = await openBrowserShell(host, { rendererDir });
  expect(running.shell.bootstrapUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bootstrap\?code=[0-9a-f]{64}$/);

  // The guard: no token, no contract; the renderer is served with its headers.
  expect((await post('session.get', {}, '0'.repeat(64))).status).toBe(401);
  const page = await fetch(`http://127.0.0.1:${running.shell.port}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(await firstEvents(running.shell.token, 5)).toEqual(expect.arrayContaining(['visit', 'sync', 'readers', 'session', 'training']));

  const session = await call('session.get');
  expect(session).toMatchObject({ clerk: null, terminal: { training: true } });
  expect((await post('visit.get', {})).envelope).toMatchObject({ ok: false, error: { code: 'CLERK_NOT_SIGNED_IN' } });
  const clerks = session.clerks as { id: string }[];
  const clerkId = clerks[0]?.id ?? '';
  expect((await call('clerk.signIn', { clerkId, pin: bytes(clerkPin) })).clerk).toMatchObject({ id: clerkId });

  const training = await call('training.insertCard', { slot: 0, residentId: 'r01-ordinary' });
  expect(training.slots).toEqual(expect.arrayContaining([expect.objectContaining({ slot: 0, residentId: 'r01-ordinary' })]));
  try {
    const present = await visitAt('cardPresent', 30_000);
    expect(present.card).toMatchObject({ reader: 'Virtual PCD 00 00', cardType: 'myNumberCard', warnings: [] });

    await call('visit.send', { command: { type: 'readCardInfo' } });
    const identity = await call('visit.cardInfoPin', { pin: bytes(cardInfoPin), confirmLastTry: false });
    expect(identity).toMatchObject({ step: 'identity', source: 'card' });
    const basicInfo = identity.basicInfo as Record<string, unknown>;
    expect(basicInfo).toMatchObject({ birthDate: '1978-08-21' });

    await call('visit.send', { command: { type: 'confirmIdentity', basicInfo } });
    await call('visit.send', { command: { type: 'chooseProcedure', procedure: 'issue' } });
    const applicant = { applicantType: 'self', documents: ['myNumberCard', 'applicationForm'], adultWard: false, domicileInCity: true, reissuedCard: false };
    await call('visit.send', { command: { type: 'setApplicant', applicant } });
    expect(await call('visit.send', { command: { type: 'chooseCertificates', certificates: ['sign', 'auth'] } })).toMatchObject({ step: 'applicationForm' });
    // The printed form comes back signed before the procedure may start.
    await call('visit.send', { command: { type: 'setFormSigned', signed: true } });
    expect(await call('visit.send', { command: { type: 'startProcedure' } })).toMatchObject({ step: 'passwords' });

    // A password breaking the rules is refused and the visit stays where it is.
    const weak = await post('visit.passwords', { sign: bytes('ABCDEF'), signRepeat: bytes('ABCDEF'), auth: bytes(authPin), authRepeat: bytes(authPin) });
    expect(weak.envelope).toMatchObject({ ok: false, error: { code: 'VISIT_BAD_SECRET' } });
    // R-PW-3 at the host: a second entry that differs (or none) is refused, whatever the screen did.
    const differs = await post('visit.passwords', { sign: bytes(signPassword), signRepeat: bytes(`${signPassword.slice(0, -1)}X`), auth: bytes(authPin), authRepeat: bytes(authPin) });
    expect(differs.envelope).toMatchObject({ ok: false, error: { code: 'VISIT_BAD_SECRET', details: { field: 'signRepeat' } } });
    const once = await post('visit.passwords', { sign: bytes(signPassword), auth: bytes(authPin) });
    expect(once.envelope).toMatchObject({ ok: false, error: { code: 'VISIT_BAD_SECRET', details: { field: 'signRepeat' } } });
    expect(await call('visit.passwords', { sign: bytes(signPassword), signRepeat: bytes(signPassword), auth: bytes(authPin), authRepeat: bytes(authPin) })).toMatchObject({ step: 'working' });

    const done = await visitAt('done');
    expect(done.outcome).toMatchObject({ procedure: 'issue', applications: [{ state: 'completed' }] });
    const applicationId = ((done.outcome as { applications: { applicationId: string }[] }).applications[0]?.applicationId ?? '');
    expect(await call('receipt.get', { applicationId })).toMatchObject({ applicationId });
    expect(await call('visit.send', { command: { type: 'finish' } })).toMatchObject({ step: 'cardPresent' });
    // The host reads the card again after a finished visit: the summary shows the new certificates.
    const reread = await visitWhere((state) => state.step === 'cardPresent' && (state.card as { certificates: { auth: { state: string } } }).certificates.auth.state === 'present');
    expect(reread.card).toMatchObject({ certificates: { sign: { state: expect.stringMatching(/present|pinRequired/) }, auth: { state: 'present' } } });

    // While the host runs, the WAL holds the latest pages: search it before it is checkpointed away.
    const secrets = [signPassword, authPin, cardInfoPin, clerkPin];
    const terminalFiles = () => [host?.paths.database ?? '', `${host?.paths.database ?? ''}-wal`, ...filesUnder(host?.paths.logs ?? '')].filter((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false;
      }
    });
    expect(terminalFiles()).toContain(host.paths.database);
    // The search finds what it looks for: a file that does hold the password.
    const canary = join(root, 'canary.txt');
    writeFileSync(canary, `x${signPassword}x`);
    expect(leaks([canary], [signPassword])).toHaveLength(1);
    // 4-digit secrets may occur by chance inside certificates (DER): those are searched as JSON byte arrays only.
    expect(leaks(terminalFiles(), [signPassword])).toEqual([]);
    expect(leaks(terminalFiles().filter((f) => !f.endsWith('.sqlite') && !f.endsWith('-wal')), secrets)).toEqual([]);
    const jsonArrays = terminalFiles().flatMap((f) => secrets.filter((s) => readFileSync(f).includes(Buffer.from(`[${bytes(s).join(',')}]`))).map((s) => `${f}: ${s}`));
    expect(jsonArrays).toEqual([]);
  } finally {
    await post('training.removeCard', { slot: 0 });
  }
  await call('clerk.signOut');
  await running.close();
  running = undefined;
  const database = host.paths.database;
  await host.close();
  host = undefined;
  expect(leaks([database], [signPassword])).toEqual([]);
});
