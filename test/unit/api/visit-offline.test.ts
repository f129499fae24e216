/** The reducer never lets the card make keys while the CA cannot answer without the offline notice first. */
import { reduceVisit, type VisitEvent, type VisitState } from '../../../src/api/visit';
import { card, env, fixtures } from './visit-fixtures';

const offline = { ...env, caAnswering: false };
const reduce = (state: VisitState, event: VisitEvent, onLine = true) => reduceVisit(state, event, onLine ? env : offline);
const choose: VisitEvent = { type: 'chooseCertificates', certificates: ['sign', 'auth'] };

describe('offline: the notice before any key is made', () => {
  test.each(['issue', 'renew'] as const)('%s while the CA cannot answer goes to the notice, not to the passwords', (procedure) => {
    expect(reduce({ ...fixtures.certificates, procedure }, choose, false)).toMatchObject({ step: 'offlineNotice', procedure, certificates: ['sign', 'auth'] });
  });

  test('online, the passwords come next and nothing was accepted in advance', () => {
    expect(reduce(fixtures.certificates, choose)).toMatchObject({ step: 'passwords', offlineAccepted: false });
  });

  test('a password reset makes no keys: no notice', () => {
    const reset = { ...fixtures.certificates, procedure: 'resetPin' as const };
    expect(reduce(reset, choose, false)).toMatchObject({ step: 'passwords', procedure: 'resetPin' });
  });

  test("a proxy's first visit touches no card key: it runs without a notice", () => {
    const proxyFirst = { ...fixtures.certificates, applicant: { ...fixtures.certificates.applicant, applicantType: 'proxy' as const, documents: ['myNumberCard', 'applicationForm', 'photoId'] as const } };
    expect(reduce(proxyFirst, choose, false)).toMatchObject({ step: 'working' });
  });

  test('going on leads to the passwords, marked as accepted; back returns to the certificates; cancel leaves the card alone', () => {
    expect(reduce(fixtures.offlineNotice, { type: 'goOnOffline' }, false)).toMatchObject({ step: 'passwords', offlineAccepted: true, deadlineAt: env.now + env.applicantIdleMs });
    expect(reduce(fixtures.offlineNotice, { type: 'back' }, false)).toMatchObject({ step: 'certificates', procedure: 'issue' });
    expect(reduce(fixtures.offlineNotice, { type: 'cancel' }, false)).toEqual({ step: 'cardPresent', clerk: fixtures.offlineNotice.clerk, card, notice: 'cancelled', readError: null });
  });

  test('the CA went away during the passwords: back to the notice instead of the card', () => {
    expect(reduce(fixtures.passwords, { type: 'passwordsAccepted' }, false)).toMatchObject({ step: 'offlineNotice' });
    expect(reduce({ ...fixtures.passwords, offlineAccepted: true }, { type: 'passwordsAccepted' }, false)).toMatchObject({ step: 'working' });
    expect(reduce(fixtures.passwords, { type: 'passwordsAccepted' })).toMatchObject({ step: 'working' });
  });
});
