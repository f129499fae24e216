/**
 * The daily reset budget counts proofs, not screens: a resident who goes back and forth between
 * choosing and proving (each visit to the proving screen fetches a nonce) has not used any of the
 * card's attempts until a proof is submitted. Real controller, virtual card through pcscd, the
 * training CA over HTTPS with its default limits.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SelfServiceState } from '../../../src/api/self-service';
import type { ReferenceCa } from '../../../src/ca/reference-ca';
import type { HostReaderWatch } from '../../../src/host/reader-watch';
import type { HttpsResetAuthority } from '../../../src/host/reset-authority';
import { SelfServiceController } from '../../../src/flows/self-service-controller';
import { insertVirtualCard, type InsertedCard } from '../../support/pcscd';
import { ascii, delay, kioskHost, shippedCard, useResetRig } from './kiosk-rig';

jest.setTimeout(240_000);

let ca: ReferenceCa;
let readers: HostReaderWatch;
let dir: string;
let authority: HttpsResetAuthority;
let controller: SelfServiceController | undefined;
let inserted: InsertedCard | undefined;

afterAll(async () => {
  await controller?.close();
  await inserted?.remove();
});

// The default limits: three proofs per card a day.
useResetRig({ prefix: 'ss-budget', ready: (rig) => ({ dir, ca, authority, readers } = rig) });

async function reach(step: SelfServiceState['step']): Promise<SelfServiceState> {
  for (let i = 0; i < 300; i += 1) {
    if (controller?.state.step === step) return controller.state;
    await delay(100);
  }
  throw new Error(`step ${step} not reached; at ${JSON.stringify(controller?.state)}`);
}

test('choose → back → choose, five times over, spends none of the three daily proofs; the reset then goes through', async () => {
  const file = join(dir, 'r06.json');
  copyFileSync(shippedCard('r06-sign-locked'), file);
  controller = new SelfServiceController(kioskHost(readers), authority);
  inserted = await insertVirtualCard(0, file);
  await reach('choose');
  for (let round = 0; round < 5; round += 1) {
    await controller.send({ type: 'choose', resetKind: 'sign' });
    await reach('proving');
    await controller.send({ type: 'back' });
    await reach('choose');
  }
  await controller.send({ type: 'choose', resetKind: 'sign' });
  await reach('proving');
  await controller.provingPassword(ascii('2580'), false);
  await reach('newPassword');
  expect((await controller.newPassword(ascii('NEWPASS1'), ascii('NEWPASS1'))).step).toBe('done');
  await inserted.remove();
  inserted = undefined;
  expect((JSON.parse(readFileSync(file, 'utf8')) as { pins: { sign: unknown } }).pins.sign).toEqual({ value: 'NEWPASS1', triesLeft: 5 });
  // Six challenges answered, one proof submitted.
  const db = new Database(ca.files.database, { readonly: true });
  try {
    const rows = db.prepare(`SELECT step, outcome, COUNT(*) AS n FROM reset_audit GROUP BY step, outcome ORDER BY step, outcome`).all();
    expect(rows).toEqual([
      { step: 'authorize', outcome: 'ok', n: 1 },
      { step: 'challenge', outcome: 'ok', n: 6 },
    ]);
  } finally {
    db.close();
  }
});
