import { issueCertificates } from '../../../src/issuance/issue';
import { randomUUID } from 'node:crypto';
import { pickUp } from '../../../src/issuance/pickup';
import { recoverInterrupted } from '../../../src/issuance/recover';
import { resetPins } from '../../../src/issuance/reset-pin';
import { reportPendingRevocations, revokeCertificates } from '../../../src/issuance/revoke';
import { authPin, bytes, issueRequest, secrets, useHarness, type Harness } from './harness';

jest.setTimeout(60_000);

let h: Harness;
useHarness((harness) => (h = harness));

describe('password reset (R-PROC-2, R-LOCK-2)', () => {
  test('sets a new PIN on a locked card; the old one no longer works', async () => {
    const { card } = h.newCard();
    await issueCertificates(h.online(), card, issueRequest(), secrets());
    // Lock the authentication PIN (R-LOCK-1: 3 wrong tries).
    for (let i = 0; i < 3; i += 1) await card.verifyPin('auth', bytes('0000')).catch(() => undefined);
    expect((await card.readPinStatus()).auth.isBlocked).toBe(true);

    const result = await resetPins(h.online(), card, issueRequest({ procedure: 'resetPin', documents: ['myNumberCard'], certificates: ['auth'] }), { auth: bytes('5678') });
    expect(result.state).toBe('completed');
    expect(result.receipt.certificates).toEqual([expect.objectContaining({ kind: 'auth', status: 'pinReset' })]);
    // The resident's receipt names the application by the number it was filed under, like every receipt.
    expect(result.receipt.receiptNumber).toMatch(/^\d{8}-\d{3}$/);
    expect(result.receipt.receiptNumber).toBe(h.store.applications.get(result.applicationId).receiptNumber);
    expect((await card.readPinStatus()).auth).toMatchObject({ isBlocked: false, triesLeft: 3 });
    await expect(card.verifyPin('auth', bytes(authPin))).rejects.toMatchObject({ code: 'CARD_WRONG_PIN' });
    await card.verifyPin('auth', bytes('5678'));
  });
});

describe('revocation on request (R-PROC-4)', () => {
  test('online: the CA revokes the card’s certificates at once', async () => {
    const { card } = h.newCard();
    const issued = await issueCertificates(h.online(), card, issueRequest(), secrets());
    const spki = h.store.applications.get(issued.applicationId).spkiSha256;
    const result = await revokeCertificates(h.online(), card, issueRequest({ procedure: 'revoke', documents: ['applicationForm'] }));
    expect(result.state).toBe('completed');
    expect(result.receipt.nextStep).toBe('revocationReported');
    expect(h.ca.service.certificatesForKey('jpki-auth', spki.auth ?? '')).toEqual([]);
    expect(h.ca.service.certificatesForKey('jpki-sign', spki.sign ?? '')).toEqual([]);
  });

  test('during an outage the report is owed, survives, and is delivered later', async () => {
    const { card } = h.newCard();
    const issued = await issueCertificates(h.online(), card, issueRequest(), secrets());
    const spki = h.store.applications.get(issued.applicationId).spkiSha256;
    const result = await revokeCertificates(h.offline(), card, issueRequest({ procedure: 'revoke', documents: ['applicationForm'], certificates: ['auth'] }));
    expect(result.state).toBe('card_prepared');
    // The owed report is an outbox row of its own kind, not an audit entry read back.
    const owed = h.store.outbox.list({ applicationId: result.applicationId }).rows;
    expect(owed.map((r) => ({ kind: r.kind, label: r.caLabel }))).toEqual([{ kind: 'revoke', label: 'jpki-auth' }]);
    expect(owed[0]?.state).toBe('failed_retryable');
    expect(result.receipt.nextStep).toBe('revocationPending');
    expect(h.ca.service.certificatesForKey('jpki-auth', spki.auth ?? '')).toHaveLength(1);

    const report = await reportPendingRevocations(h.online());
    expect(report.reported).toBeGreaterThanOrEqual(1);
    expect(h.store.applications.get(result.applicationId).state).toBe('completed');
    expect(h.ca.service.certificatesForKey('jpki-auth', spki.auth ?? '')).toEqual([]);
  });

  test('a lost card: serials named by the clerk, no card in the reader', async () => {
    const { card } = h.newCard();
    const issued = await issueCertificates(h.online(), card, issueRequest(), secrets());
    const auth = issued.certificates.find((c) => c.kind === 'auth');
    const result = await revokeCertificates(h.online(), undefined, issueRequest({ procedure: 'revoke', documents: ['applicationForm'], certificates: ['auth'], revocation: { reason: 'keyCompromise', serials: { auth: auth?.serial ?? '' } } }));
    expect(result.state).toBe('completed');
    expect(result.receipt.certificates).toEqual([expect.objectContaining({ kind: 'auth', status: 'revoked', serial: auth?.serial })]);
  });

  test('an unknown serial is refused by the CA: the revocation ends failed with the code', async () => {
    const result = await revokeCertificates(h.online(), undefined, issueRequest({ procedure: 'revoke', documents: ['applicationForm'], certificates: ['auth'], revocation: { reason: 'unspecified', serials: { auth: 'ABCDEF0123' } } }));
    expect(result.state).toBe('failed');
    expect(h.store.applications.get(result.applicationId).errorCode).toBe(h.store.outbox.list({ applicationId: result.applicationId }).rows[0]?.lastErrorCode);
    expect(h.store.outbox.list({ applicationId: result.applicationId }).rows[0]?.state).toBe('failed_permanent');
  });
});

describe('voluntary proxy (R-APP-3, R-PROC-5)', () => {
  test('first visit files the request and the inquiry letter; the second visit issues onto the card', async () => {
    const { engine, card } = h.newCard();
    const first = await issueCertificates(h.online(), undefined, issueRequest({ applicantType: 'proxy', documents: ['myNumberCard', 'applicationForm', 'photoId'] }), {});
    expect(first.state).toBe('awaiting_reply');
    expect(first.receipt.nextStep).toBe('awaitInquiryLetter');
    // The letter and the receipt carry the short number the application keeps; the id stays internal.
    const receiptNumber = h.store.applications.get(first.applicationId).receiptNumber;
    expect(receiptNumber).toMatch(/^\d{8}-\d{3}$/);
    expect(first.receipt.receiptNumber).toBe(receiptNumber);
    expect(first.receipt.inquiryLetter).toMatchObject({ applicationId: first.applicationId, receiptNumber, addresseeName: '各務原 花子', certificates: ['sign', 'auth'] });
    expect(first.receipt.warnings).toContain('not-same-day');

    const incomplete = issueRequest({ applicantType: 'proxy', documents: ['myNumberCard', 'applicationForm', 'photoId'], continuesApplicationId: first.applicationId });
    await expect(issueCertificates(h.online(), card, incomplete, secrets())).rejects.toMatchObject({ code: 'ISSUE_MISSING_DOCUMENTS', details: { reasons: ['inquiryLetter'] } });

    const second = await issueCertificates(h.online(), card, { ...incomplete, documents: ['myNumberCard', 'applicationForm', 'photoId', 'inquiryLetter'] }, secrets());
    expect(second.applicationId).toBe(first.applicationId);
    expect(second.state).toBe('completed');
    expect(engine.snapshot().files.authCert.complete).toBe(true);
  });
});

describe('a voluntary proxy’s second visit interrupted after key generation (R-PROC-5)', () => {
  test('recovery puts the filed request back to awaiting_reply, and the second visit runs again to completion', async () => {
    const { engine, card } = h.newCard();
    const docs = ['myNumberCard', 'applicationForm', 'photoId'] as const;
    const first = await issueCertificates(h.online(), undefined, issueRequest({ applicantType: 'proxy', documents: [...docs] }), {});
    // The second visit got as far as the card: keys generated, card_prepared recorded, then the
    // power went (no CSR queued). This is the state a crash there leaves.
    h.store.recordTransition({ applicationId: first.applicationId, from: 'awaiting_reply', to: 'card_prepared', patch: { cardSerial: (await card.readCardFacts()).serial }, audit: { actor: 'clerk-7', action: 'card.prepared' } });

    const report = recoverInterrupted(h.store);
    expect(report.resumed).toEqual([first.applicationId]);
    expect(report.failed).not.toContain(first.applicationId);
    const resumed = h.store.applications.get(first.applicationId);
    expect(resumed).toMatchObject({ state: 'awaiting_reply', errorCode: null });
    expect(h.store.audit.list({ subject: first.applicationId }).rows.map((e) => e.action)).toContain('application.recovered');

    const second = await issueCertificates(h.online(), card, issueRequest({ applicantType: 'proxy', documents: [...docs, 'inquiryLetter'], continuesApplicationId: first.applicationId }), secrets());
    expect(second).toMatchObject({ applicationId: first.applicationId, state: 'completed' });
    expect(engine.snapshot().files.authCert.complete).toBe(true);
  });

  test('an in-person application interrupted at the same point still ends failed', async () => {
    const { card } = h.newCard();
    const facts = await card.readCardFacts();
    const app = h.store.recordNewApplication(
      { id: randomUUID(), procedure: 'issue', applicantType: 'self', documents: ['myNumberCard', 'applicationForm'], clerkId: 'clerk-7', cardSerial: facts.serial, certificateKinds: ['auth'], state: 'card_prepared', feeYen: 0, basicInfo: null, spkiSha256: { sign: null, auth: null }, expiry: { sign: null, auth: null }, errorCode: null },
      { actor: 't', action: 'x' },
    );
    const report = recoverInterrupted(h.store);
    expect(report.failed).toContain(app.id);
    expect(report.resumed).not.toContain(app.id);
  });
});

describe('pick-up (R-PROC-3)', () => {
  test('a card with nothing waiting and no readable key: nothing to do, nothing recorded', async () => {
    const { card } = h.newCard();
    const count = h.store.applications.list().rows.length;
    const result = await pickUp(h.online(), card, 'clerk-1');
    expect(result).toMatchObject({ source: 'none', applications: [] });
    expect(h.store.applications.list().rows.length).toBe(count);
  });
});

describe('renewal (R-PROC-1, R-VAL-4)', () => {
  test('replaces both keys and certificates; the CSR carried the previous expiry', async () => {
    const { engine, card } = h.newCard();
    const first = await issueCertificates(h.online(), card, issueRequest(), secrets());
    const oldSpki = h.store.applications.get(first.applicationId).spkiSha256;
    const renewed = await issueCertificates(h.online(), card, issueRequest({ procedure: 'renew' }), secrets());
    expect(renewed.state).toBe('completed');
    const newSpki = h.store.applications.get(renewed.applicationId).spkiSha256;
    expect(newSpki.auth).not.toBe(oldSpki.auth);
    expect(engine.snapshot().files.authCert.complete).toBe(true);
    const previous = first.receipt.certificates.find((c) => c.kind === 'auth')?.expiry?.iso;
    const row = h.store.outbox.list({ applicationId: renewed.applicationId }).rows.find((r) => r.kind === 'enroll' && r.certificateKind === 'auth');
    expect(previous).toBeDefined();
    expect(Buffer.from(row?.csrDer ?? new Uint8Array()).includes(Buffer.from(previous ?? 'none'))).toBe(true);
  });

  test('the previous certificates of the renewed kinds are revoked at the CA (superseded), through the queue', async () => {
    const { card } = h.newCard();
    const first = await issueCertificates(h.online(), card, issueRequest(), secrets());
    const oldSpki = h.store.applications.get(first.applicationId).spkiSha256;
    const oldSerials = first.certificates.map((c) => c.serial).sort();
    expect(h.ca.service.certificatesForKey('jpki-auth', oldSpki.auth ?? '')).toHaveLength(1);

    const renewed = await issueCertificates(h.online(), card, issueRequest({ procedure: 'renew' }), secrets());
    expect(renewed.state).toBe('completed');
    const revocations = h.store.outbox.list({ applicationId: renewed.applicationId }).rows.filter((r) => r.kind === 'revoke');
    expect(revocations.map((r) => r.revocation?.serial).sort()).toEqual(oldSerials);
    expect(revocations.every((r) => r.state === 'done' && r.revocation?.reason === 'superseded')).toBe(true);
    expect(h.ca.service.certificatesForKey('jpki-auth', oldSpki.auth ?? '')).toEqual([]);
    expect(h.ca.service.certificatesForKey('jpki-sign', oldSpki.sign ?? '')).toEqual([]);
    // The new ones stay live.
    const newSpki = h.store.applications.get(renewed.applicationId).spkiSha256;
    expect(h.ca.service.certificatesForKey('jpki-auth', newSpki.auth ?? '')).toHaveLength(1);
  });

  test('renewing only the auth certificate revokes the old auth one, not by the new one', async () => {
    const { card } = h.newCard();
    const first = await issueCertificates(h.online(), card, issueRequest(), secrets());
    const oldAuth = first.certificates.find((c) => c.kind === 'auth')?.serial;
    const renewed = await issueCertificates(h.online(), card, issueRequest({ procedure: 'renew', certificates: ['auth'] }), secrets(['auth']));
    const revocations = h.store.outbox.list({ applicationId: renewed.applicationId }).rows.filter((r) => r.kind === 'revoke');
    expect(revocations.map((r) => ({ kind: r.certificateKind, serial: r.revocation?.serial }))).toEqual([{ kind: 'auth', serial: oldAuth }]);
  });

  test('offline: the revocation of the replaced certificate is owed in the queue and delivered later', async () => {
    const { card } = h.newCard();
    const first = await issueCertificates(h.online(), card, issueRequest(), secrets());
    const oldSpki = h.store.applications.get(first.applicationId).spkiSha256;
    const renewed = await issueCertificates(h.offline(), card, issueRequest({ procedure: 'renew' }), secrets());
    expect(renewed.state).toBe('queued');
    const owed = h.store.outbox.list({ applicationId: renewed.applicationId }).rows.filter((r) => r.kind === 'revoke');
    expect(owed.length).toBeGreaterThanOrEqual(1);
    expect(owed.every((r) => r.state !== 'done')).toBe(true);
    expect(h.ca.service.certificatesForKey('jpki-auth', oldSpki.auth ?? '')).toHaveLength(1);

    await reportPendingRevocations(h.online());
    expect(h.store.outbox.list({ applicationId: renewed.applicationId }).rows.filter((r) => r.kind === 'revoke').every((r) => r.state === 'done')).toBe(true);
    expect(h.ca.service.certificatesForKey('jpki-auth', oldSpki.auth ?? '')).toEqual([]);
  });

  test('a new issuance (not a renewal) revokes nothing', async () => {
    const { card } = h.newCard();
    const issued = await issueCertificates(h.online(), card, issueRequest(), secrets());
    expect(h.store.outbox.list({ applicationId: issued.applicationId }).rows.filter((r) => r.kind === 'revoke')).toEqual([]);
  });
});
