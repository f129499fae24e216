/**
 * Which card a certificate is for: the card serial travels in the CSR, signed by the card's key,
 * and the CA records it; older databases gain the column on open (NULL rows); the training CA
 * knows the shipped training certificates by card.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { findTrainingCaDir, generateJpkiCa, loadJpkiHierarchy } from '../../../src/ca/hierarchy';
import { ReferenceCaService } from '../../../src/ca/service';
import { CaStore } from '../../../src/ca/store';
import { recordTrainingCertificates } from '../../../src/ca/training-records';
import { csrApplicant } from '../../../src/issuance/card-preparation';
import { parseCsr } from '../../../src/pki/csr';
import { fakeCardKey } from '../pki/fake-card';
import { csrFor, signApplicant } from './ca-fixture';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-card-serial-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('the terminal puts the card serial of the common AP into both CSRs', () => {
  const context = {
    applicationId: 'app-1',
    terminalId: 't-1',
    facts: { serial: '212134200005065', municipalityCode: '21213', cardExpiry: '2034-01-01', cardType: 'myNumberCard' as const, atr: '3B', tokenLabel: 'x' },
    basicInfo: { name: '名前', address: '岐阜県各務原市', birthDate: '1980-01-01', sex: '1' as const },
    previousExpiry: undefined,
  };
  expect(csrApplicant('auth', context).cardSerial).toBe('212134200005065');
  expect(csrApplicant('sign', context).cardSerial).toBe('212134200005065');
});

test('the CA records the card serial the card signed into the CSR; a CSR without one leaves it NULL', async () => {
  const store = new CaStore(dir);
  try {
    const service = new ReferenceCaService(store, { sign: generateJpkiCa('sign', 'JPKI-TEST'), auth: generateJpkiCa('auth', 'JPKI-TEST') });
    const withSerial = await csrFor(fakeCardKey(), { ...signApplicant('app-1'), cardSerial: '212134200000000' });
    expect(parseCsr(withSerial).applicant.cardSerial).toBe('212134200000000');
    const without = await csrFor(fakeCardKey(), signApplicant('app-2'));
    expect((await service.enroll('jpki-sign', withSerial, undefined)).status).toBe(200);
    expect((await service.enroll('jpki-sign', without, undefined)).status).toBe(200);
    expect(store.certificatesForCard('212134200000000').map((r) => r.applicationId)).toEqual(['app-1']);
    const rows = store.db.prepare('SELECT application_id, card_serial FROM certificates ORDER BY application_id').all();
    expect(rows).toEqual([
      { application_id: 'app-1', card_serial: '212134200000000' },
      { application_id: 'app-2', card_serial: null },
    ]);
  } finally {
    store.close();
  }
});

test('a card serial that is not 15 digits is refused in the CSR', async () => {
  await expect(csrFor(fakeCardKey(), { ...signApplicant('app-1'), cardSerial: '21213' })).rejects.toThrow();
});

test('a database from before the column gains it on open; its rows stay NULL (no reset can use them)', () => {
  const db = new BetterSqlite3(join(dir, 'ca.sqlite'));
  db.exec(`CREATE TABLE certificates (serial TEXT PRIMARY KEY, label TEXT NOT NULL, spki_sha256 TEXT NOT NULL, csr_sha256 TEXT NOT NULL, application_id TEXT NOT NULL, der BLOB NOT NULL, not_before TEXT NOT NULL, not_after TEXT NOT NULL, issued_at TEXT NOT NULL) STRICT`);
  db.prepare('INSERT INTO certificates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run('AB', 'jpki-auth', 'h', 'c', 'old', Buffer.of(1), '2020-01-01', '2040-01-01', '2020-01-01');
  db.close();
  const store = new CaStore(dir);
  try {
    expect(store.certificate('AB')).toMatchObject({ applicationId: 'old', cardSerial: null, municipalityCode: null });
  } finally {
    store.close();
  }
});

test('the training CA records the certificates the training cards ship with, by card, once', () => {
  const caDir = findTrainingCaDir() ?? '';
  const store = new CaStore(dir);
  try {
    const hierarchy = loadJpkiHierarchy(caDir);
    const added = recordTrainingCertificates(store, hierarchy, join(caDir, '..'));
    // r06, r07 and r08 ship a signing and an authentication certificate each.
    expect(added).toBe(6);
    expect(recordTrainingCertificates(store, hierarchy, join(caDir, '..'))).toBe(0);
    expect(store.certificatesForCard('212134200005065').map((r) => r.label).sort()).toEqual(['jpki-auth', 'jpki-sign']);
    // Another hierarchy did not sign them: nothing is recorded.
    const other = new CaStore(join(dir, 'other'));
    try {
      expect(recordTrainingCertificates(other, { sign: generateJpkiCa('sign', 'JPKI-TEST'), auth: generateJpkiCa('auth', 'JPKI-TEST') }, join(caDir, '..'))).toBe(0);
    } finally {
      other.close();
    }
  } finally {
    store.close();
  }
});
