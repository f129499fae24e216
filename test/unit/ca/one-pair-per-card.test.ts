/**
 * The CA never holds two valid certificates of one kind for one card: a new issuance for a card
 * revokes the older ones as superseded (R-PROC-1: the card's new keys replace the old ones), and
 * `x-card` says what it holds for a card serial.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateJpkiCa } from '../../../src/ca/hierarchy';
import { ReferenceCaService } from '../../../src/ca/service';
import { CaStore } from '../../../src/ca/store';
import { trainingTerminalIdentity } from '../../../src/ca/terminal-identity';
import { parseCrl } from '../../../src/pki/crl';
import type { CsrApplicant } from '../../../src/pki/csr-attributes';
import { fakeCardKey } from '../pki/fake-card';
import { csrFor, handle, resident, signApplicant } from './ca-fixture';

const card = '212134200000000';
const otherCard = '212134200011143';
let dir: string;
let store: CaStore;
let service: ReferenceCaService;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-one-pair-'));
  store = new CaStore(dir);
  service = new ReferenceCaService(store, { sign: generateJpkiCa('sign', 'JPKI-TEST'), auth: generateJpkiCa('auth', 'JPKI-TEST') });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const authApplicant = (applicationId: string, cardSerial: string): CsrApplicant => ({ certificateKind: 'auth', applicationId, terminalId: 'training-terminal', birthDate: resident.birthDate, cardExpiry: '2035-05-10', cardSerial });

/** One application: new keys on the card, a CSR per kind, as the counter sends them. */
async function issue(applicationId: string, cardSerial: string, kinds: readonly ('sign' | 'auth')[]): Promise<void> {
  for (const kind of kinds) {
    const applicant = kind === 'sign' ? { ...signApplicant(applicationId), cardSerial } : authApplicant(applicationId, cardSerial);
    const answer = await service.enroll(kind === 'sign' ? 'jpki-sign' : 'jpki-auth', await csrFor(fakeCardKey(), applicant), undefined, trainingTerminalIdentity());
    expect(answer.status).toBe(200);
  }
}

function holdings(cardSerial: string): { kind: string; status: string; reason: string | null; application: string }[] {
  return store.certificatesForCard(cardSerial).map((r) => ({ kind: r.label, status: r.revokedAt === null ? 'valid' : 'revoked', reason: r.reason, application: r.applicationId }));
}

test('a second issuance for a card supersedes the first pair; another card is untouched', async () => {
  await issue('app-1', card, ['sign', 'auth']);
  await issue('app-other', otherCard, ['sign', 'auth']);
  await issue('app-2', card, ['sign', 'auth']);
  expect(holdings(card)).toEqual([
    { kind: 'jpki-sign', status: 'revoked', reason: 'superseded', application: 'app-1' },
    { kind: 'jpki-auth', status: 'revoked', reason: 'superseded', application: 'app-1' },
    { kind: 'jpki-sign', status: 'valid', reason: null, application: 'app-2' },
    { kind: 'jpki-auth', status: 'valid', reason: null, application: 'app-2' },
  ]);
  expect(holdings(otherCard).every((h) => h.status === 'valid')).toBe(true);
  // The CRLs say so.
  const superseded = store.certificatesForCard(card).filter((r) => r.applicationId === 'app-1');
  for (const row of superseded) {
    const crl = parseCrl(service.crl(row.label));
    expect(crl.entries.find((e) => e.serialHex === row.serial)).toMatchObject({ reason: 'superseded' });
  }
});

test('an authentication-only issuance takes the old signing certificate with the old authentication one (R-REV-1 d)', async () => {
  await issue('app-1', card, ['sign', 'auth']);
  await issue('app-2', card, ['auth']);
  expect(holdings(card)).toEqual([
    { kind: 'jpki-sign', status: 'revoked', reason: 'superseded', application: 'app-1' },
    { kind: 'jpki-auth', status: 'revoked', reason: 'superseded', application: 'app-1' },
    { kind: 'jpki-auth', status: 'valid', reason: null, application: 'app-2' },
  ]);
});

test('x-card lists what the CA holds for a card serial, with status, for the asking municipality only', async () => {
  await issue('app-1', card, ['sign', 'auth']);
  await issue('app-2', card, ['auth']);
  const reply = await handle(service, 'GET', `/.well-known/est/x-card?serial=${card}`, {}, Buffer.alloc(0));
  expect(reply.status).toBe(200);
  const body = JSON.parse(reply.body.toString('utf8')) as { certificates: { kind: string; status: string; reason: string | null }[] };
  expect(body.certificates.map((c) => [c.kind, c.status, c.reason])).toEqual([
    ['sign', 'revoked', 'superseded'],
    ['auth', 'revoked', 'superseded'],
    ['auth', 'valid', null],
  ]);
  expect(JSON.parse(service.cardRecordsAnswer(card, { terminalId: 'elsewhere', municipalityCode: '23100' }).body.toString('utf8'))).toEqual({ certificates: [] });
  expect((await handle(service, 'GET', '/.well-known/est/x-card?serial=12345', {}, Buffer.alloc(0))).status).toBe(400);
  expect((await handle(service, 'POST', `/.well-known/est/x-card?serial=${card}`, {}, Buffer.alloc(0))).status).toBe(405);
});
