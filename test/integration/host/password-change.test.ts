/**
 * Changing a password the holder knows (R-LOCK-4) with the real virtual card through pcscd: at
 * the counter (a training terminal built by the composition root, the visit controller, real
 * SQLite) and at the self-service terminal (its controller with no CA at all). Afterwards the
 * card's own record holds the new password with its tries restored; a wrong current entry costs
 * a try exactly as the card counts it (R-LOCK-1).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SelfServiceState } from '../../../src/api/self-service';
import type { VisitState } from '../../../src/api/visit';
import { SelfServiceController } from '../../../src/flows/self-service-controller';
import { VisitController } from '../../../src/flows/visit-controller';
import { buildHost, type TerminalHost } from '../../../src/host/host';
import { watchReaders, type HostReaderWatch } from '../../../src/host/reader-watch';
import { ensurePcscd, insertVirtualCard, type InsertedCard, type PcscdHandle } from '../../support/pcscd';
import { ascii, delay, kioskHost, lockWaitMs, pinsOf, trainingCardIn } from './kiosk-rig';

jest.setTimeout(240_000);

let pcscd: PcscdHandle;
let dir: string;
let inserted: InsertedCard | undefined;

beforeAll(async () => {
  pcscd = await ensurePcscd();
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-change-'));
}, lockWaitMs);
afterEach(async () => {
  await inserted?.remove();
  inserted = undefined;
});
afterAll(async () => {
  await pcscd?.release();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function trainingCard(id: string): string {
  return trainingCardIn(dir, id);
}

/** Waits (bounded) until `check` holds for the flow's state. */
async function until<S>(read: () => S, check: (state: S) => boolean, what: string): Promise<S> {
  for (let i = 0; i < 400; i += 1) {
    const state = read();
    if (check(state)) return state;
    await delay(100);
  }
  throw new Error(`${what} not reached; at ${JSON.stringify(read())}`);
}

describe('at the counter', () => {
  let host: TerminalHost | undefined;
  let controller: VisitController | undefined;
  afterEach(async () => {
    await controller?.close();
    await host?.close();
    controller = undefined;
    host = undefined;
  });

  test('a wrong current PIN costs one try as the card counts it; then the card takes the new PIN, the old one fails', async () => {
    const data = join(dir, 'counter');
    mkdirSync(data, { recursive: true });
    host = await buildHost({ dataFlag: data, env: process.env });
    const visit = new VisitController(host);
    controller = visit;
    const state = () => visit.state;
    await visit.signIn('kenshu-01', ascii('1111'));
    const file = trainingCard('r08-certified');
    inserted = await insertVirtualCard(0, file);
    const present = await until(state, (s) => s.step === 'cardPresent', 'the card read');
    if (present.step !== 'cardPresent') throw new Error('no card');

    visit.send({ type: 'chooseProcedure', procedure: 'changePin' });
    expect(state()).toMatchObject({ step: 'certificates', procedure: 'changePin', basicInfo: null });
    visit.send({ type: 'chooseCertificates', certificates: ['auth'] });
    expect(state()).toMatchObject({ step: 'passwords', card: { pins: { auth: { triesLeft: 3 } } } });

    await visit.changePassword(ascii('9999'), ascii('4321'), ascii('4321'), false);
    const refused = await until<VisitState>(state, (s) => s.step === 'passwords' && s.currentRefused === true, 'the refusal');
    expect(refused).toMatchObject({ card: { pins: { auth: { triesLeft: 2 } } } });
    expect(pinsOf(file).auth).toEqual({ value: '1234', triesLeft: 2 });
    await visit.changePassword(ascii('8888'), ascii('4321'), ascii('4321'), false);
    await until<VisitState>(state, (s) => s.step === 'passwords' && s.card?.pins.auth.triesLeft === 1, 'the second refusal');
    expect(pinsOf(file).auth).toEqual({ value: '1234', triesLeft: 1 });

    // At one try left nothing reaches the card without the resident's explicit confirmation.
    await expect(visit.changePassword(ascii('1234'), ascii('4321'), ascii('4321'), false)).rejects.toMatchObject({ code: 'VISIT_BAD_SECRET', details: { field: 'confirmLastTry' } });
    expect(pinsOf(file).auth).toEqual({ value: '1234', triesLeft: 1 });
    await visit.changePassword(ascii('1234'), ascii('4321'), ascii('4321'), true);
    const done = await until<VisitState>(state, (s) => s.step === 'done' || s.step === 'failed' || s.step === 'refused', 'the end');
    expect(done).toMatchObject({ step: 'done', outcome: { procedure: 'changePin', receipts: [{ feeYen: 0, certificates: [{ kind: 'auth', status: 'pinChanged' }] }] } });
    expect(pinsOf(file).auth).toEqual({ value: '4321', triesLeft: 3 });

    const applications = host.store.applications.list().rows.filter((a) => a.procedure === 'changePin');
    expect(applications).toEqual([expect.objectContaining({ state: 'completed', feeYen: 0, certificateKinds: ['auth'] })]);

    visit.send({ type: 'finish' });
  });

  test('a locked PIN is refused before anything is typed; the card is not touched', async () => {
    const data = join(dir, 'counter-locked');
    mkdirSync(data, { recursive: true });
    host = await buildHost({ dataFlag: data, env: process.env });
    const visit = new VisitController(host);
    controller = visit;
    await visit.signIn('kenshu-01', ascii('1111'));
    const file = trainingCard('r07-auth-locked');
    inserted = await insertVirtualCard(0, file);
    await until(() => visit.state, (s) => s.step === 'cardPresent', 'the card read');
    visit.send({ type: 'chooseProcedure', procedure: 'changePin' });
    visit.send({ type: 'chooseCertificates', certificates: ['auth'] });
    expect(visit.state).toMatchObject({ step: 'refused', reasons: ['pin-locked'] });
    expect(pinsOf(file).auth).toEqual({ value: '1990', triesLeft: 0 });
  });
});

describe('at the self-service terminal', () => {
  let readers: HostReaderWatch | undefined;
  let controller: SelfServiceController | undefined;
  afterEach(async () => {
    await controller?.close();
    await readers?.close();
    controller = undefined;
    readers = undefined;
  });

  test('with no CA configured: a wrong current password counts, then the card takes the new one', async () => {
    const watch = await watchReaders();
    readers = watch;
    const host = kioskHost(watch);
    const audit: unknown[] = [];
    // No reset authority at all: the change never needs the CA.
    const kiosk = new SelfServiceController(host, undefined, Date.now, (entry) => audit.push(entry));
    controller = kiosk;
    const state = () => kiosk.state;
    const file = trainingCard('r08-certified');
    inserted = await insertVirtualCard(0, file);
    const chosen = await until<SelfServiceState>(state, (s) => s.step === 'choose', 'the choice');
    if (chosen.step !== 'choose') throw new Error('no choice');
    const reader = chosen.card.reader;

    await kiosk.send({ type: 'chooseChange' });
    await kiosk.send({ type: 'changeKind', changeKind: 'sign' });
    expect(state()).toMatchObject({ step: 'changeEntry', card: { pins: { sign: { triesLeft: 5 } } } });

    await kiosk.changePassword(ascii('WRONG111'), ascii('NEWPASS9'), ascii('NEWPASS9'), false);
    expect(state()).toMatchObject({ step: 'changeEntry', lastAttemptFailed: true, card: { pins: { sign: { triesLeft: 4 } } } });
    expect(pinsOf(file).sign).toEqual({ value: 'KAKAMI82', triesLeft: 4 });

    await kiosk.changePassword(ascii('KAKAMI82'), ascii('NEWPASS9'), ascii('NEWPASS9'), false);
    expect(state()).toMatchObject({ step: 'changed', receipt: { changedKind: 'sign', terminalId: 'kiosk-1' } });
    expect(pinsOf(file).sign).toEqual({ value: 'NEWPASS9', triesLeft: 5 });
    expect(audit).toContainEqual(expect.objectContaining({ action: 'selfService.changed', details: { changedKind: 'sign' } }));
    expect(JSON.stringify(audit)).not.toMatch(/KAKAMI82|NEWPASS9|WRONG111/);
    expect(reader).toContain('Virtual');

    // The card file is the card's own state: the old password is gone from it (the counter test VERIFYs both through pcscd).
    expect(JSON.stringify(pinsOf(file))).not.toContain('KAKAMI82');
  });
});
