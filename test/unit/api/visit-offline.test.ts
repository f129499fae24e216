/** The reducer never lets the card make keys while the CA cannot answer without the offline notice first. */
import { type VisitEvent, type VisitState } from '../../../src/api/visit';
import { reduceVisit } from '../../../src/api/visit-reducer';
import { card, env, fixtures } from './visit-fixtures';

const offline = { ...env, caAnswering: false };
const reduce = (state: VisitState, event: VisitEvent, onLine = true) => reduceVisit(state, event, onLine ? env : offline);
const chooseEvent: VisitEvent = { type: 'chooseCertificates', certificates: ['sign', 'auth'] };
/** The certificates chosen, the signed form received, the procedure started. */
const choose = 'choose' as const;
function after(state: VisitState, event: VisitEvent | typeof choose, onLine = true): VisitState {
  return event === choose ? reduceStart(state, onLine) : reduce(state, event, onLine);
}
function reduceStart(state: VisitState, onLine: boolean): VisitState {
  const form = reduce(state, chooseEvent, onLine);
  // A refusal the rules decide at the choice comes before any form: nothing more to sign.
  if (form.step !== 'applicationForm') return form;
  return reduce(reduce(form, { type: 'setFormSigned', signed: true }, onLine), { type: 'startProcedure' }, onLine);
}

describe('offline: the notice before any key is made', () => {
  test.each(['issue', 'renew'] as const)('%s while the CA cannot answer goes to the notice, not to the passwords', (procedure) => {
    expect(after({ ...fixtures.certificates, procedure }, choose, false)).toMatchObject({ step: 'offlineNotice', procedure, certificates: ['sign', 'auth'] });
  });

  test('online, the passwords come next and nothing was accepted in advance', () => {
    expect(after(fixtures.certificates, choose)).toMatchObject({ step: 'passwords', offlineAccepted: false });
  });

  test('a password reset makes no keys: no notice', () => {
    const reset = { ...fixtures.certificates, procedure: 'resetPin' as const };
    expect(after(reset, choose, false)).toMatchObject({ step: 'passwords', procedure: 'resetPin' });
  });

  test("a proxy's first visit touches no card key: it runs without a notice", () => {
    const proxyFirst = { ...fixtures.certificates, applicant: { ...fixtures.certificates.applicant, applicantType: 'proxy' as const, documents: ['myNumberCard', 'applicationForm', 'photoId'] as const } };
    expect(after(proxyFirst, choose, false)).toMatchObject({ step: 'working' });
  });

  test('going on leads to the passwords, marked as accepted; back returns to the signed form; cancel leaves the card alone', () => {
    expect(after(fixtures.offlineNotice, { type: 'goOnOffline' }, false)).toMatchObject({ step: 'passwords', offlineAccepted: true, deadlineAt: env.now + env.applicantIdleMs });
    expect(after(fixtures.offlineNotice, { type: 'back' }, false)).toMatchObject({ step: 'applicationForm', procedure: 'issue', formSigned: true });
    expect(after(fixtures.offlineNotice, { type: 'cancel' }, false)).toEqual({ step: 'cardPresent', clerk: fixtures.offlineNotice.clerk, card, notice: 'cancelled', readError: null });
  });

  test('the CA went away during the passwords: back to the notice instead of the card', () => {
    expect(after(fixtures.passwords, { type: 'passwordsAccepted' }, false)).toMatchObject({ step: 'offlineNotice' });
    expect(after({ ...fixtures.passwords, offlineAccepted: true }, { type: 'passwordsAccepted' }, false)).toMatchObject({ step: 'working' });
    expect(after(fixtures.passwords, { type: 'passwordsAccepted' })).toMatchObject({ step: 'working' });
  });
});

describe('refusals the rules know are decided before the passwords', () => {
  test.each([
    ['another municipality (R-ELIG-5)', { card: { ...card, municipalityCode: '21201' } }, ['other-municipality']],
    ['a Basic Resident Register card (R-ELIG-3)', { card: { ...card, cardType: 'jukiCard' as const } }, ['juki-card']],
    ['under 15 as 本人 (R-ELIG-4)', { basicInfo: { ...fixtures.certificates.basicInfo, birthDate: '2015-04-03', name: '窓口 花子', address: '岐阜県', sex: '2' as const } }, ['representative-required']],
    ['a missing document (R-DOC)', { applicant: { ...fixtures.certificates.applicant, documents: [] as const } }, ['myNumberCard']],
  ])('%s: refused, never the passwords (and not the offline notice either)', (_name, overrides, reasons) => {
    const from = { ...fixtures.certificates, ...overrides } as Extract<VisitState, { step: 'certificates' }>;
    for (const onLine of [true, false]) expect(after(from, choose, onLine)).toEqual({ step: 'refused', clerk: from.clerk, card: from.card, procedure: 'issue', certificates: ['sign', 'auth'], reasons });
  });

  test('a password reset without the card ticked is refused before the passwords', () => {
    const reset = { ...fixtures.certificates, procedure: 'resetPin' as const, applicant: { ...fixtures.certificates.applicant, documents: [] } };
    expect(after(reset, choose)).toMatchObject({ step: 'refused', reasons: ['myNumberCard'] });
  });
});
