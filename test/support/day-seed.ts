/**
 * One counter day written into a terminal's data directory through the store, the way the
 * procedures write it: visits of two clerks (done, fee-paying, refused with its reason in the
 * audit log, cancelled, awaiting a proxy's reply), and an afternoon outage whose requests are
 * partly delivered, partly refused for good, partly still waiting. Used by the CLI and e2e
 * tests of the day-end report, which compare the report with exactly these visits.
 */
import { randomUUID } from 'node:crypto';
import { ensureDataDir } from '../../src/host/data-dir';
import { openTerminalDatabase } from '../../src/host/terminal-database';
import type { NewApplication } from '../../src/store/applications-repo';
import { Store } from '../../src/store/unit-of-work';
import { fakeCsr, sampleApplication } from '../unit/store/fixtures';

const issued = (serial: string) => ({ responseDer: new Uint8Array([1]), certificateDer: new Uint8Array([2]), certificateSerial: serial, notAfter: '2031-05-10T14:59:59.000Z' });

/** What the seeded day must report. */
export const seededDay = {
  applications: 9,
  feeTotalYen: 400,
  feePaying: 2,
  certificatesIssued: { sign: 1, auth: 0 },
  openAtClose: { waiting: 2, failedForGood: 1 },
} as const;

/** `isoDate` is the counter day in Japan; one more visit is written the evening before it. */
export function seedCounterDay(dataDir: string, isoDate: string, dayBefore: string): void {
  const at = (date: string, time: string): number => Date.parse(`${date}T${time}+09:00`);
  const paths = ensureDataDir(dataDir);
  const { db, auditAnchor } = openTerminalDatabase(paths);
  let clock = at(isoDate, '08:40:00');
  const store = new Store(db, () => clock, auditAnchor);
  const add = (when: number, over: Partial<NewApplication>, outbox: { sign?: boolean; auth?: boolean } = {}, refusals: string[] = []) => {
    clock = when;
    // As the procedures write it: a refused visit is recorded with its reasons in the audit log.
    const audit = over.state === 'rejected' ? { actor: over.clerkId ?? 'clerk-1', action: 'application.rejected', details: { refusals } } : { actor: over.clerkId ?? 'clerk-1', action: 'application.create' };
    const app = store.recordNewApplication(sampleApplication(over), audit);
    const rows = (['sign', 'auth'] as const).filter((k) => outbox[k] === true).map((k) => ({ id: randomUUID(), certificateKind: k, csrDer: fakeCsr(`${app.id}-${k}`) }));
    if (rows.length > 0) store.recordTransition({ applicationId: app.id, event: 'queue', outbox: rows, audit: { actor: app.clerkId, action: 'application.queue' } });
    return { app, rows };
  };

  add(at(dayBefore, '16:30:00'), { clerkId: 'clerk-1', state: 'completed' });
  add(at(isoDate, '09:00:00'), { clerkId: 'clerk-1', state: 'completed' });
  add(at(isoDate, '09:30:00'), { clerkId: 'clerk-1', state: 'completed', feeYen: 200 }); // a re-issued card
  add(at(isoDate, '10:00:00'), { clerkId: 'clerk-2', procedure: 'resetPin', applicantType: 'legalRepresentative', state: 'completed' });
  add(at(isoDate, '10:30:00'), { clerkId: 'clerk-2', state: 'rejected' }, {}, ['juki-card']);
  add(at(isoDate, '11:00:00'), { clerkId: 'clerk-2', state: 'cancelled', feeYen: 200 });
  add(at(isoDate, '11:30:00'), { clerkId: 'clerk-2', applicantType: 'proxy', state: 'awaiting_reply' });
  // Refused before the passwords: the visit files no application, only this audit entry.
  clock = at(isoDate, '12:00:00');
  store.audit.append({ actor: 'clerk-2', action: 'application.refusedBeforePasswords', details: { procedure: 'issue', applicantType: 'self', cardSerial: '123456789012345', reasons: ['other-municipality'] } });
  // Offline in the afternoon: one fee-paying renewal queued, its sign certificate arrives, its auth one is refused for good.
  const renewal = add(at(isoDate, '14:00:00'), { clerkId: 'clerk-1', procedure: 'renew', feeYen: 200 }, { sign: true, auth: true });
  const queuedOnly = add(at(isoDate, '15:00:00'), { clerkId: 'clerk-1' }, { sign: true, auth: true });
  const [sign, auth] = renewal.rows;
  if (sign === undefined || auth === undefined || queuedOnly.rows.length !== 2) throw new Error('seed: rows missing');
  clock = at(isoDate, '16:10:00');
  store.outbox.claimIds([sign.id, auth.id]);
  store.completeOutboxRow(sign.id, issued('0A01'));
  store.outbox.markPermanent(auth.id, 'CA_BAD_CSR', 'refused');
  db.close();
}
