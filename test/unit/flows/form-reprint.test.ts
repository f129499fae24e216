/**
 * The application form printed again from a past visit: rebuilt from the store with the visit's
 * own facts, fee, day and receipt number; said to be removed once the purge took its personal
 * data; none for a pick-up, which has no form. Each reprint is audited.
 */
import { join } from 'node:path';
import { reprintDocument, visitDetail } from '../../../src/flows/visit-search';
import { openDatabase } from '../../../src/store/open-database';
import { purgePersonalData } from '../../../src/store/personal-data-purge';
import { Store } from '../../../src/store/unit-of-work';
import { sampleApplication, tempDir } from '../store/fixtures';

const terminal = { terminalId: 't1', municipalityCode: '21213' };
const basicInfo = { name: '那加 太郎', address: '岐阜県各務原市那加桜町1-69', birthDate: '1990-05-10', sex: '1' } as const;
const requestView = () => {
  throw new Error('no CA requests in these visits');
};

let cleanup: () => void;
let store: Store;
let closeDb: () => void;

beforeEach(() => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  const { db } = openDatabase(join(temp.dir, 'terminal.sqlite'));
  closeDb = () => db.close();
  store = new Store(db);
});
afterEach(() => {
  closeDb();
  cleanup();
});

const add = (over: Parameters<typeof sampleApplication>[0]) => store.recordNewApplication(sampleApplication(over), { actor: 'c02', action: 'application.recorded' });

test('a renewal by a legal representative prints again as it was signed, marked with the day of the reprint', () => {
  const application = add({ procedure: 'renew', applicantType: 'legalRepresentative', state: 'rejected', basicInfo, cardSerial: 'CARD0001', documents: ['myNumberCard', 'photoId', 'authorityProof'] });
  expect(visitDetail(store, application.id, 'c01', requestView).reprints['application-form']).toBe('available');
  const view = reprintDocument(store, terminal, { applicationId: application.id, document: 'application-form' }, 'c01');
  if (view.document !== 'application-form') throw new Error('expected the form');
  expect(view.content).toMatchObject({
    kind: 'issueRenew',
    receiptNumber: application.receiptNumber,
    holder: { name: basicInfo.name, address: basicInfo.address, birthDate: { eraJa: '平成2年5月10日' } },
    cardSerial: 'CARD0001',
    applicantType: 'legalRepresentative',
    signers: ['legalRepresentative'],
    documents: ['myNumberCard', 'photoId', 'authorityProof'],
  });
  expect(view.reissuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(store.audit.list({ subject: application.id }).rows.at(-1)).toMatchObject({ actor: 'c01', action: 'document.reprinted', details: { document: 'application-form' } });
});

test('once the purge removed its personal data the form is said to be removed, not printed blank', () => {
  const application = add({ state: 'completed', basicInfo });
  expect(purgePersonalData(store.db, store.audit, () => Date.now())).toEqual([application.id]);
  expect(visitDetail(store, application.id, 'c01', requestView).reprints['application-form']).toBe('removed');
  expect(() => reprintDocument(store, terminal, { applicationId: application.id, document: 'application-form' }, 'c01')).toThrow(expect.objectContaining({ code: 'VISIT_DOCUMENT_REMOVED' }));
});

test('a pick-up has no form', () => {
  const application = add({ procedure: 'pickUp', state: 'completed' });
  expect(visitDetail(store, application.id, 'c01', requestView).reprints['application-form']).toBe('none');
  expect(() => reprintDocument(store, terminal, { applicationId: application.id, document: 'application-form' }, 'c01')).toThrow(expect.objectContaining({ code: 'VISIT_DOCUMENT_NONE' }));
});
