import { readFileSync } from 'node:fs';
import { certificateExpiry } from '../../../src/domain/validity';
import { expiryDateOf } from '../../../src/issuance/context';
import { isIssuanceError } from '../../../src/issuance/errors';
import { issueCertificates } from '../../../src/issuance/issue';
import { pickUp } from '../../../src/issuance/pickup';
import { recoverInterrupted } from '../../../src/issuance/recover';
import { parseCertificate } from '../../../src/pki/jpki-certificate';
import { findSecret } from './secret-scan';
import { authPin, issueRequest, secrets, signPassword, useHarness, type Harness } from './harness';

jest.setTimeout(60_000);

let h: Harness;
useHarness((harness) => (h = harness));

function certOnCard(engine: { snapshot(): { files: Record<string, { data: string; complete: boolean }> } }, file: string): Uint8Array | undefined {
  const entry = engine.snapshot().files[file];
  return entry?.complete === true ? new Uint8Array(Buffer.from(entry.data, 'base64')) : undefined;
}

describe('issue (R-PROC-1)', () => {
  test('online: both certificates are issued, written to the card and the visit completes', async () => {
    const { engine, card } = h.newCard();
    const result = await issueCertificates(h.online(), card, issueRequest(), secrets());
    expect(result.state).toBe('completed');
    expect(result.certificates.map((c) => c.kind).sort()).toEqual(['auth', 'sign']);

    const sign = certOnCard(engine, 'signCert');
    const auth = certOnCard(engine, 'authCert');
    expect(sign).toBeDefined();
    expect(auth).toBeDefined();
    expect(certOnCard(engine, 'signCaCert')).toBeDefined();
    expect(certOnCard(engine, 'authCaCert')).toBeDefined();
    const parsed = parseCertificate(sign ?? new Uint8Array());
    // R-CERT-3: the signing certificate carries the resident's facts.
    expect(parsed.san).toMatchObject({ name: '各務原 花子', address: '岐阜県各務原市那加桜町1丁目1番地', sex: '2' });
    expect(parseCertificate(auth ?? new Uint8Array()).san).toBeNull();
    // R-VAL-1/R-VAL-3 from the domain rule for today's issue date.
    const expected = certificateExpiry({ birthDate: '1980-02-17', issueDate: result.receipt.date.iso, cardExpiry: '2035-02-17' });
    expect(expiryDateOf(parsed.notAfter)).toBe(expected.sign);
    expect(result.receipt.certificates.find((c) => c.kind === 'auth')?.expiry?.iso).toBe(expected.auth);
    expect(result.receipt.nextStep).toBe('none');
    expect(result.receipt.feeYen).toBe(0);
    expect(result.receipt.date.eraJa).toMatch(/^令和/);
    expect(result.receipt.warnings).toContain('false-application-is-a-crime');

    // The new PINs work on the card.
    await card.verifyPin('sign', new Uint8Array(Buffer.from(signPassword)));
    await card.verifyPin('auth', new Uint8Array(Buffer.from(authPin)));
    const app = h.store.applications.get(result.applicationId);
    expect(app.spkiSha256.sign).toBe(parsed.spkiSha256);
  });

  test('the caller’s password buffers are zeroed', async () => {
    const { card } = h.newCard();
    const given = secrets();
    await issueCertificates(h.online(), card, issueRequest(), given);
    expect([...(given.sign ?? [])].every((b) => b === 0)).toBe(true);
    expect([...(given.auth ?? [])].every((b) => b === 0)).toBe(true);
  });

  test('offline: the visit ends queued with expected dates; pick-up later writes the certificates', async () => {
    const { engine, card } = h.newCard();
    const result = await issueCertificates(h.offline(), card, issueRequest(), secrets());
    expect(result.state).toBe('queued');
    expect(result.certificates).toEqual([]);
    expect(result.receipt.nextStep).toBe('presentCardForPickUp');
    expect(result.receipt.certificates.every((c) => c.expiryIsExpected && c.expiry !== null)).toBe(true);
    expect(certOnCard(engine, 'authCert')).toBeUndefined();

    const picked = await pickUp(h.online(), card, 'clerk-8');
    expect(picked.source).toBe('local');
    expect(picked.applications.map((a) => a.state)).toEqual(['completed']);
    expect(certOnCard(engine, 'authCert')).toBeDefined();
    expect(certOnCard(engine, 'signCert')).toBeDefined();
    expect(h.ca.service.certificatesForKey('jpki-auth', h.store.applications.get(result.applicationId).spkiSha256.auth ?? '')).toHaveLength(1);
  });

  test('R-ELIG-4: under 15 with a legal representative gets only the authentication certificate', async () => {
    const { engine, card } = h.newCard();
    const request = issueRequest({
      applicantType: 'legalRepresentative',
      documents: ['myNumberCard', 'applicationForm', 'photoId'],
      basicInfo: { name: '各務原 太郎', address: '岐阜県各務原市那加桜町1丁目1番地', birthDate: '2016-04-01', sex: '1' },
    });
    const result = await issueCertificates(h.online(), card, request, secrets(['auth']));
    expect(result.state).toBe('completed');
    expect(result.certificates.map((c) => c.kind)).toEqual(['auth']);
    expect(result.receipt.warnings).toContain('no-sign-under-15');
    expect(certOnCard(engine, 'signCert')).toBeUndefined();
  });

  test('a visit that fails for a missing issuer key records that cause, not ISSUE_INTERNAL', async () => {
    const { card } = h.newCard();
    const noKey = Object.assign(new Error('no issuer key: set "issuerKeyPem" in config.json'), { code: 'TERMINAL_NO_ISSUER_KEY' });
    const ctx = { ...h.online(), issuer: { sign: () => Promise.reject(noKey) } };
    const given = secrets();
    await expect(issueCertificates(ctx, card, issueRequest(), given)).rejects.toBe(noKey);
    const ended = h.store.applications.list({ states: ['cancelled'] }).rows.filter((a) => a.errorCode !== 'INTERRUPTED');
    expect(ended.at(-1)?.errorCode).toBe('TERMINAL_NO_ISSUER_KEY');
    expect([...(given.sign ?? []), ...(given.auth ?? [])].every((b) => b === 0)).toBe(true);
  });

  test('an error without a code is still recorded as ISSUE_INTERNAL', async () => {
    const { card } = h.newCard();
    const ctx = { ...h.online(), issuer: { sign: () => Promise.reject(new Error('bug')) } };
    await expect(issueCertificates(ctx, card, issueRequest(), secrets())).rejects.toThrow('bug');
    expect(h.store.applications.list({ states: ['cancelled'] }).rows.at(-1)?.errorCode).toBe('ISSUE_INTERNAL');
  });

  test('R-DOC: a missing document stops the visit before the card is touched', async () => {
    const { engine, card } = h.newCard();
    const before = engine.snapshot();
    await expect(issueCertificates(h.online(), card, issueRequest({ documents: ['myNumberCard'] }), secrets())).rejects.toMatchObject({ code: 'ISSUE_MISSING_DOCUMENTS', details: { reasons: ['applicationForm'] } });
    expect(engine.snapshot().keys).toEqual(before.keys);
  });

  test('R-ELIG-1: a card of another municipality is refused and the refusal is recorded', async () => {
    const { card } = h.newCard({ municipalityCode: '13101' });
    const error: unknown = await issueCertificates(h.online(), card, issueRequest(), secrets()).catch((e: unknown) => e);
    expect(isIssuanceError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ISSUE_NOT_ELIGIBLE', details: { reasons: ['other-municipality'] } });
    const rejected = h.store.applications.list({ states: ['rejected'] }).rows;
    expect(rejected.length).toBeGreaterThan(0);
  });

  test('R-PW: a bad password is refused before anything is recorded', async () => {
    const { card } = h.newCard();
    const count = h.store.applications.list().rows.length;
    const bad = { sign: new Uint8Array(Buffer.from('abc')), auth: new Uint8Array(Buffer.from('1234')) };
    await expect(issueCertificates(h.online(), card, issueRequest(), bad)).rejects.toMatchObject({ code: 'ISSUE_BAD_PASSWORD', details: { reasons: ['sign'] } });
    expect(h.store.applications.list().rows.length).toBe(count);
  });

  test('no password ever reaches the database file or its WAL', async () => {
    const { card } = h.newCard();
    await issueCertificates(h.offline(), card, issueRequest(), secrets());
    h.store.db.pragma('wal_checkpoint(PASSIVE)');
    for (const file of [h.databaseFile, `${h.databaseFile}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(findSecret(bytes, signPassword)).toEqual([]);
      expect(findSecret(bytes, authPin)).toEqual([]);
    }
    const audit = JSON.stringify(h.store.audit.list().rows);
    expect(audit).not.toContain(signPassword);
    expect(findSecret(Buffer.from(audit), authPin)).toEqual([]);
  });
});

describe('recover on restart', () => {
  test('drafts and card_prepared issuance without outbox rows end; queued ones stay', () => {
    const base = {
      procedure: 'issue' as const,
      applicantType: 'self' as const,
      documents: [],
      clerkId: 'c',
      cardSerial: '1',
      certificateKinds: ['auth' as const],
      feeYen: 0,
      basicInfo: null,
      spkiSha256: { sign: null, auth: null },
      expiry: { sign: null, auth: null },
      errorCode: null,
    };
    const draft = h.store.recordNewApplication({ ...base, id: '00000000-0000-4000-8000-000000000001', state: 'draft' }, { actor: 't', action: 'x' });
    const prepared = h.store.recordNewApplication({ ...base, id: '00000000-0000-4000-8000-000000000002', state: 'card_prepared' }, { actor: 't', action: 'x' });
    const written = h.store.recordNewApplication({ ...base, id: '00000000-0000-4000-8000-000000000003', state: 'written' }, { actor: 't', action: 'x' });
    const reset = h.store.recordNewApplication({ ...base, procedure: 'resetPin', id: '00000000-0000-4000-8000-000000000004', state: 'card_prepared' }, { actor: 't', action: 'x' });
    const report = recoverInterrupted(h.store);
    expect(report.cancelled).toContain(draft.id);
    expect(report.failed).toContain(prepared.id);
    expect(report.completed).toEqual(expect.arrayContaining([written.id, reset.id]));
    expect(h.store.applications.get(draft.id).state).toBe('cancelled');
    expect(h.store.applications.get(prepared.id).errorCode).toBe('INTERRUPTED');
    expect(h.store.audit.list({ subject: draft.id }).rows.some((e) => e.action === 'application.recovered')).toBe(true);
    expect(h.store.applications.list({ states: ['queued'] }).rows.every((a) => a.state === 'queued')).toBe(true);
  });
});
