/**
 * Pick-up at another terminal (R-PROC-3, docs/design.md §6 x-certs): the visit queued at terminal A,
 * A delivered it while the card was gone, the card is presented at terminal B, which finds the
 * certificates at the CA by the card's key hashes.
 */
import { join } from 'node:path';
import { readCardPublicKey, spkiSha256 } from '../../../src/issuance/card-keys';
import { issueCertificates } from '../../../src/issuance/issue';
import { pickUp } from '../../../src/issuance/pickup';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { retention } from '../../../src/domain/retention';
import { issueRequest, secrets, useHarness, type Harness } from './harness';

jest.setTimeout(60_000);

let h: Harness;
useHarness((harness) => (h = harness));

test('terminal B writes what the CA issued for the card’s keys', async () => {
  const { engine, card } = h.newCard();
  const queued = await issueCertificates(h.offline(), card, issueRequest(), secrets());
  expect(queued.state).toBe('queued');
  // The network is back; the clerk's retry makes the rows due without waiting for backoff.
  for (const row of h.store.outbox.list({ applicationId: queued.applicationId }).rows) h.store.retryOutboxRow(row.id, 'clerk-a');
  await h.online().deliverNow();
  expect(h.store.applications.get(queued.applicationId).state).toBe('issued');

  const otherDb = openDatabase(join(h.dir, 'terminal-b.sqlite')).db;
  try {
    const terminalB = h.online(undefined, new Store(otherDb));
    const result = await pickUp(terminalB, card, 'clerk-b');
    expect(result.source).toBe('ca');
    expect(result.applications).toHaveLength(1);
    expect(result.applications[0]?.state).toBe('completed');
    expect(result.applications[0]?.certificates.map((c) => c.kind).sort()).toEqual(['auth', 'sign']);
    expect(engine.snapshot().files.authCert.complete && engine.snapshot().files.signCert.complete).toBe(true);
    // Presented again: already on the card, nothing to do and nothing recorded.
    const again = await pickUp(terminalB, card, 'clerk-b');
    expect(again).toMatchObject({ source: 'none', applications: [] });
  } finally {
    otherDb.close();
  }
});

test('readCardPublicKey: the key the card generated, or undefined for an empty slot', async () => {
  const { card } = h.newCard();
  expect(await readCardPublicKey(card, 'auth')).toBeUndefined();
  const issued = await issueCertificates(h.online(), card, issueRequest(), secrets());
  const spki = await readCardPublicKey(card, 'auth');
  expect(spki === undefined ? undefined : spkiSha256(spki)).toBe(h.store.applications.get(issued.applicationId).spkiSha256.auth);
});

test('R-RET-4 an uncollected application purged after its retention is picked up from the CA, here too', async () => {
  const { engine, card } = h.newCard();
  const queued = await issueCertificates(h.offline(), card, issueRequest(), secrets());
  for (const row of h.store.outbox.list({ applicationId: queued.applicationId }).rows) h.store.retryOutboxRow(row.id, 'clerk-a');
  await h.online().deliverNow();
  expect(h.store.applications.get(queued.applicationId).state).toBe('issued');
  // 90 days on: the terminal gives up keeping the name and certificates for a card never shown again.
  const later = new Store(h.store.db, () => Date.now() + retention.uncollectedMs + 60_000);
  expect(later.purgePersonalData()).toContain(queued.applicationId);
  expect(h.store.outbox.list({ applicationId: queued.applicationId }).rows.every((r) => r.certificateDer === null)).toBe(true);

  const result = await pickUp(h.online(), card, 'clerk-a');
  expect(result.source).toBe('ca');
  expect(result.applications[0]?.state).toBe('completed');
  expect(engine.snapshot().files.authCert.complete && engine.snapshot().files.signCert.complete).toBe(true);
  expect(h.store.applications.get(queued.applicationId)).toMatchObject({ state: 'issued', basicInfo: null });
});
