import { issueCertificates } from '../../../src/issuance/issue';
import { pickUp } from '../../../src/issuance/pickup';
import { resetPins } from '../../../src/issuance/reset-pin';
import { reportPendingRevocations, revokeCertificates } from '../../../src/issuance/revoke';
import { authPin, issueRequest, secrets, startHarness, type Harness } from './harness';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

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
});

describe('voluntary proxy (R-APP-3, R-PROC-5)', () => {
  test('first visit files the request and the inquiry letter; the second visit issues onto the card', async () => {
    const { engine, card } = h.newCard();
    const first = await issueCertificates(h.online(), undefined, issueRequest({ applicantType: 'proxy', documents: ['myNumberCard', 'applicationForm', 'photoId'] }), {});
    expect(first.state).toBe('awaiting_reply');
    expect(first.receipt.nextStep).toBe('awaitInquiryLetter');
    expect(first.receipt.inquiryLetter).toMatchObject({ applicationId: first.applicationId, addresseeName: '各務原 花子', certificates: ['sign', 'auth'] });
    expect(first.receipt.warnings).toContain('not-same-day');

    const incomplete = issueRequest({ applicantType: 'proxy', documents: ['myNumberCard', 'applicationForm', 'photoId'], continuesApplicationId: first.applicationId });
    await expect(issueCertificates(h.online(), card, incomplete, secrets())).rejects.toMatchObject({ code: 'ISSUE_MISSING_DOCUMENTS', reasons: ['inquiryLetter'] });

    const second = await issueCertificates(h.online(), card, { ...incomplete, documents: ['myNumberCard', 'applicationForm', 'photoId', 'inquiryLetter'] }, secrets());
    expect(second.applicationId).toBe(first.applicationId);
    expect(second.state).toBe('completed');
    expect(engine.snapshot().files.authCert.complete).toBe(true);
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
    const row = h.store.outbox.list({ applicationId: renewed.applicationId }).rows.find((r) => r.certificateKind === 'auth');
    expect(previous).toBeDefined();
    expect(Buffer.from(row?.csrDer ?? new Uint8Array()).includes(Buffer.from(previous ?? 'none'))).toBe(true);
  });
});
