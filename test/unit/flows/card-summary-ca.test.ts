/**
 * The card summary asks the CA what it holds for the card: certificates for the keys on the
 * card are on it or waiting for pick-up; a CA that cannot be asked is "unknown", never "nothing".
 */
import { createPublicKey, createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTrainingCaDir } from '../../../src/ca/hierarchy';
import { CardModel } from '../../../src/card/card-model';
import { DirectTransport } from '../../../src/card/direct-transport';
import { readCardSummary } from '../../../src/flows/card-summary';
import { spkiSha256 } from '../../../src/issuance/card-keys';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import type { CaCardRecord } from '../../../src/sync/est-client';
import { loadCardFile } from '../../../src/virtual-card/card-file';
import { VirtualCardEngine } from '../../../src/virtual-card/engine';

const root = join(findTrainingCaDir() ?? '', '..');
let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-summary-ca-'));
  store = new Store(openDatabase(join(dir, 'q.sqlite')).db);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function r08(): { card: CardModel; keyHash: { sign: string; auth: string } } {
  const state = loadCardFile(join(root, 'cards', 'r08-certified.json'));
  const hash = (pem: string | null) => spkiSha256(new Uint8Array(createPublicKey(createPrivateKey(pem ?? '')).export({ format: 'der', type: 'spki' })));
  return { card: new CardModel(new DirectTransport(VirtualCardEngine.fromState(state))), keyHash: { sign: hash(state.keys.sign), auth: hash(state.keys.auth) } };
}

const record = (o: Partial<CaCardRecord>): CaCardRecord => ({
  kind: 'auth',
  serial: 'AB12',
  spkiSha256: '0'.repeat(64),
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2031-01-01T14:59:59.000Z',
  issuedAt: '2026-01-01T00:00:00.000Z',
  status: 'valid',
  revokedAt: null,
  reason: null,
  ...o,
});

test('a certificate for the key on the card but not on it is waiting for pick-up, and warned about', async () => {
  const { card, keyHash } = r08();
  const onCard = (await card.readCertificates(['auth'])).auth;
  const onCardSerial = onCard.state === 'present' ? onCard.certificate.serialNumber.toUpperCase() : '';
  const records = [
    record({ kind: 'auth', serial: onCardSerial, spkiSha256: keyHash.auth }),
    record({ kind: 'sign', serial: 'CD34', spkiSha256: keyHash.sign }),
    record({ kind: 'auth', serial: 'EF56', spkiSha256: 'f'.repeat(64) }),
    record({ kind: 'sign', serial: '0789', status: 'revoked', revokedAt: '2026-02-01T00:00:00.000Z', reason: 'superseded' }),
  ];
  const summary = await readCardSummary(card, 'R1', { store, municipalityCode: '21213', now: new Date('2026-12-01T00:00:00Z'), caRecords: () => Promise.resolve(records) });
  // The signing certificate is readable only after its password: its slot counts as on the card.
  expect(summary.atCa).toEqual({
    state: 'known',
    certificates: [
      { kind: 'auth', serial: onCardSerial, status: 'onCard', expiry: '2031-01-01' },
      { kind: 'sign', serial: 'CD34', status: 'onCard', expiry: '2031-01-01' },
      { kind: 'auth', serial: 'EF56', status: 'notOnCard', expiry: '2031-01-01' },
      { kind: 'sign', serial: '0789', status: 'revoked', expiry: '2031-01-01' },
    ],
  });
  expect(summary.warnings).not.toContain('certificates-waiting');
  const waiting = await readCardSummary(card, 'R1', { store, municipalityCode: '21213', now: new Date('2026-12-01T00:00:00Z'), caRecords: () => Promise.resolve([record({ kind: 'auth', serial: 'AAAA', spkiSha256: keyHash.auth })]) });
  expect(waiting.atCa).toMatchObject({ certificates: [{ status: 'waitingForPickUp' }] });
  expect(waiting.warnings).toContain('certificates-waiting');
});

test('a CA that cannot be asked is unknown; without a CA there is no record at all', async () => {
  const { card } = r08();
  const offline = await readCardSummary(card, 'R1', { store, municipalityCode: '21213', now: new Date(), caRecords: () => Promise.reject(new Error('offline')) });
  expect(offline.atCa).toEqual({ state: 'unknown' });
  const without = await readCardSummary(card, 'R1', { store, municipalityCode: '21213', now: new Date() });
  expect(without.atCa).toBeUndefined();
});
