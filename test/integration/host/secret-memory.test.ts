/**
 * R-PW-3 / docs/design.md §7: what the applicant types goes to the card and nowhere else — not even
 * the terminal's own memory after the card command. The terminal runs as it does for real
 * (`madoguchi start`, its own process); the virtual card lives in this test's process, so the
 * terminal holds no PIN of its own. After a whole visit at the counter, and after a reset at the
 * self-service kiosk, every readable page of the terminal process (/proc/PID/mem) is searched for
 * each secret typed. A canary in the data directory's path, which the terminal keeps as a
 * two-byte string in its heap, proves the search sees that heap.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MadoguchiApi } from '../../../src/api/contract';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { insertCardFile, type SlotCard } from '../issuance/card-slot';
import { repoRoot } from '../issuance/support';
import { countInMemory, secretForms } from './memory-scan';
import { startTerminalProcess, type TerminalProcess } from './terminal-process';

jest.setTimeout(300_000);

const trainingCards = join(repoRoot, 'resources', 'training', 'cards');
/** Training material: clerk kenshu-01's PIN, r01's card-info PIN, r06's auth PIN. */
const clerkPin = '1111';
const cardInfoPin = '1357';
const provingPin = '2580';
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** A secret as the keypad hands it over: bytes. */
const typed = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

/** A password no program holds by chance: R-PW-1 shape, random. */
function randomPassword(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const tail = [...randomBytes(10)].map((b, i) => (i % 3 === 1 ? String(b % 10) : letters[b % letters.length])).join('');
  return `Q${tail}7`;
}

let pcscd: PcscdHandle;
let root: string;
let terminal: TerminalProcess | undefined;
let card: SlotCard | undefined;

beforeAll(async () => {
  pcscd = await ensurePcscd();
}, 360_000);
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'madoguchi-memory-'));
});
afterEach(async () => {
  await card?.remove();
  card = undefined;
  await terminal?.stop();
  terminal = undefined;
  rmSync(root, { recursive: true, force: true });
});
afterAll(async () => {
  await pcscd?.release();
});

/** A data directory whose path carries the canary (non-Latin-1, so V8 keeps it as UTF-16). */
function canaryDataDir(): { dir: string; canary: string } {
  const canary = `窓口CANARY${randomBytes(6).toString('hex').toUpperCase()}`;
  const dir = join(root, canary);
  mkdirSync(dir, { recursive: true });
  return { dir, canary };
}

function trainingCard(id: string): string {
  const file = join(root, `${id}.json`);
  copyFileSync(join(trainingCards, `${id}.json`), file);
  return file;
}

async function value<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }>, what: string): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(`${what}: ${result.error.code}`);
  return result.value;
}

async function until<T extends { step: string }>(read: () => Promise<T>, step: string, limitMs = 120_000): Promise<T> {
  const end = Date.now() + limitMs;
  let state = await read();
  for (let i = 0; i < 2_000 && Date.now() < end && state.step !== step; i += 1) {
    if (state.step === 'failed' || state.step === 'refused') break;
    await delay(100);
    state = await read();
  }
  if (state.step !== step) throw new Error(`at ${JSON.stringify(state).slice(0, 600)}, not ${step}`);
  return state;
}

interface Secret {
  readonly text: string;
  /**
   * A 4-digit PIN fixed by the training material is also in the training residents' notes the
   * terminal loads, and 4 digits occur by chance: such a secret may be found no more often after
   * the visit than before it. A random password may not be found at all.
   */
  readonly isCommon: boolean;
}

type Forms = readonly { readonly label: string; readonly bytes: Buffer }[];

function formsOf(secrets: readonly Secret[]): Forms {
  // A fixed training PIN's four bare digits come and go with unrelated data (numbers, timestamps).
  return secrets.flatMap((s) => secretForms(s.text, { bareBytes: !s.isCommon }).map((f) => ({ label: `${s.text}/${f.form}`, bytes: f.bytes })));
}

/** Counts of each form, and of the canary as UTF-8 and UTF-16; `where`: the bytes around the hits of a secret. */
function scan(pid: number, canary: string, forms: Forms): { canary: { utf8: number; utf16: number }; counts: number[]; where: string[] } {
  const contexts: string[] = [];
  const counts = countInMemory(pid, [Buffer.from(canary, 'utf8'), Buffer.from(canary, 'utf16le'), ...forms.map((f) => f.bytes)], contexts);
  return { canary: { utf8: counts[0] ?? 0, utf16: counts[1] ?? 0 }, counts: counts.slice(2), where: contexts.filter((c) => !/^#[01] /.test(c)) };
}

/** What the visit left: a form found more often than before it (`before` = 0 for a random password). */
function leftBehind(forms: Forms, secrets: readonly Secret[], before: readonly number[], after: readonly number[]): string[] {
  return forms.flatMap((form, i) => {
    const secret = secrets.find((s) => form.label.startsWith(`${s.text}/`));
    const allowed = secret?.isCommon === true ? (before[i] ?? 0) : 0;
    const found = after[i] ?? 0;
    return found > allowed ? [`${form.label}: ${found} (before: ${before[i] ?? 0})`] : [];
  });
}

async function visit(api: MadoguchiApi, signPassword: string, authPin: string): Promise<void> {
  const session = await value(api.invoke('session.get', {}), 'session.get');
  const clerkId = session.clerks[0]?.id ?? '';
  await value(api.invoke('clerk.signIn', { clerkId, pin: typed(clerkPin) }), 'clerk.signIn');
  const visitState = () => value(api.invoke('visit.get', {}), 'visit.get');
  await until(visitState, 'cardPresent', 60_000);
  await value(api.invoke('visit.send', { command: { type: 'readCardInfo' } }), 'readCardInfo');
  const identity = await value(api.invoke('visit.cardInfoPin', { pin: typed(cardInfoPin), confirmLastTry: false }), 'cardInfoPin');
  if (identity.step !== 'identity') throw new Error(`card info not read: ${identity.step}`);
  await value(api.invoke('visit.send', { command: { type: 'confirmIdentity', basicInfo: identity.basicInfo ?? undefined } } as never), 'confirmIdentity');
  await value(api.invoke('visit.send', { command: { type: 'chooseProcedure', procedure: 'issue' } }), 'chooseProcedure');
  const applicant = { applicantType: 'self' as const, documents: ['myNumberCard' as const, 'applicationForm' as const], adultWard: false, domicileInCity: true, reissuedCard: false };
  await value(api.invoke('visit.send', { command: { type: 'setApplicant', applicant } }), 'setApplicant');
  await value(api.invoke('visit.send', { command: { type: 'chooseCertificates', certificates: ['sign', 'auth'] } }), 'chooseCertificates');
  // The printed form comes back signed before the procedure may start.
  await value(api.invoke('visit.send', { command: { type: 'setFormSigned', signed: true } }), 'setFormSigned');
  await value(api.invoke('visit.send', { command: { type: 'startProcedure' } }), 'startProcedure');
  await value(api.invoke('visit.passwords', { sign: typed(signPassword), signRepeat: typed(signPassword), auth: typed(authPin), authRepeat: typed(authPin) }), 'visit.passwords');
  const done = await until(visitState, 'done');
  expect(done).toMatchObject({ outcome: { procedure: 'issue', applications: [{ state: 'completed' }] } });
  await value(api.invoke('visit.send', { command: { type: 'finish' } }), 'finish');
}

test('after a visit the counter terminal holds none of the secrets typed: clerk PIN, card-info PIN, new passwords', async () => {
  const { dir, canary } = canaryDataDir();
  terminal = await startTerminalProcess(dir);
  card = await insertCardFile(0, trainingCard('r01-ordinary'));
  const signPassword = randomPassword();
  const authPin = '4826';
  const secrets: Secret[] = [
    { text: signPassword, isCommon: false },
    // Four bare digits also turn up in hex digests the visit makes (audit MACs, certificate hashes).
    { text: authPin, isCommon: true },
    { text: cardInfoPin, isCommon: true },
    { text: clerkPin, isCommon: true },
  ];
  const forms = formsOf(secrets);
  const before = scan(terminal.pid, canary, forms).counts;
  await visit(terminal.api, signPassword, authPin);

  const after = scan(terminal.pid, canary, forms);
  // The search sees the terminal's heap: the canary is there, as V8 keeps it (UTF-16) and as UTF-8.
  expect(after.canary.utf16).toBeGreaterThan(0);
  expect(after.canary.utf8).toBeGreaterThan(0);
  const left = leftBehind(forms, secrets, before, after.counts);
  // On failure, the bytes around each hit say which copy it is (a request buffer, a string, a card command).
  expect({ left, where: left.length === 0 ? [] : after.where }).toEqual({ left: [], where: [] });
});

test('after a reset the self-service kiosk holds neither the proving PIN nor the new password', async () => {
  const { dir, canary } = canaryDataDir();
  terminal = await startTerminalProcess(dir, ['--self-service']);
  card = await insertCardFile(0, trainingCard('r06-sign-locked'));
  const api = terminal.api;
  const newPassword = randomPassword();
  const secrets: Secret[] = [
    { text: newPassword, isCommon: false },
    { text: provingPin, isCommon: true },
  ];
  const forms = formsOf(secrets);
  const before = scan(terminal.pid, canary, forms).counts;
  const state = () => value(api.invoke('selfService.get', {}), 'selfService.get');
  await until(state, 'choose', 60_000);
  await value(api.invoke('selfService.send', { command: { type: 'choose', resetKind: 'sign' } }), 'choose');
  await until(state, 'proving', 60_000);
  await value(api.invoke('selfService.provingPassword', { password: typed(provingPin), confirmLastTry: false }), 'provingPassword');
  await until(state, 'newPassword', 60_000);
  await value(api.invoke('selfService.newPassword', { password: typed(newPassword), confirmation: typed(newPassword) }), 'newPassword');
  await until(state, 'done', 60_000);

  const after = scan(terminal.pid, canary, forms);
  expect(after.canary.utf16).toBeGreaterThan(0);
  const left = leftBehind(forms, secrets, before, after.counts);
  // On failure, the bytes around each hit say which copy it is (a request buffer, a string, a card command).
  expect({ left, where: left.length === 0 ? [] : after.where }).toEqual({ left: [], where: [] });
});
