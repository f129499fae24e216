/** R-LOCK-4 at the counter: a password change needs the card and the holder, not the basic 4 information. */
import type { VisitEvent, VisitState } from '../../../src/api/visit';
import { reduceVisit } from '../../../src/api/visit-reducer';
import { cardSummary, clerk, env, fixtures } from './visit-fixtures';

const reduce = (state: VisitState, event: VisitEvent) => reduceVisit(state, event, env);
const card = cardSummary();
const lockedAuth = cardSummary({ pins: { ...card.pins, auth: { triesLeft: 0, maxTries: 3, isBlocked: true } } });

describe('password change at the counter (R-LOCK-4)', () => {
  test('chosen with the card present and no basic 4 information, it asks which password, for the holder in person', () => {
    const next = reduce(fixtures.cardPresent, { type: 'chooseProcedure', procedure: 'changePin' });
    expect(next).toMatchObject({ step: 'certificates', procedure: 'changePin', basicInfo: null, applicant: { applicantType: 'self' } });
  });

  test('without the card it cannot be chosen', () => {
    expect(() => reduce({ step: 'procedure', clerk, card: null, basicInfo: null }, { type: 'chooseProcedure', procedure: 'changePin' })).toThrow();
  });

  test('one password, then the applicant types; two at once are refused as a bad request', () => {
    const choosing = reduce(fixtures.cardPresent, { type: 'chooseProcedure', procedure: 'changePin' });
    expect(reduce(choosing, { type: 'chooseCertificates', certificates: ['auth'] })).toMatchObject({ step: 'passwords', procedure: 'changePin', certificates: ['auth'], deadlineAt: env.now + env.applicantIdleMs });
    expect(() => reduce(choosing, { type: 'chooseCertificates', certificates: ['sign', 'auth'] })).toThrow(expect.objectContaining({ code: 'API_BAD_REQUEST' }));
  });

  test('a locked password is refused before anything is typed (it is never tried)', () => {
    const choosing = reduce({ ...fixtures.cardPresent, card: lockedAuth }, { type: 'chooseProcedure', procedure: 'changePin' });
    expect(reduce(choosing, { type: 'chooseCertificates', certificates: ['auth'] })).toMatchObject({ step: 'refused', procedure: 'changePin', reasons: ['pin-locked'] });
  });

  test('back from choosing the password returns to the procedures (no applicant step was shown)', () => {
    const choosing = reduce(fixtures.cardPresent, { type: 'chooseProcedure', procedure: 'changePin' });
    expect(reduce(choosing, { type: 'back' })).toMatchObject({ step: 'procedure', card });
  });

  test('a wrong current password goes back to the applicant with the tries the card reports; the try that locks it ends refused', () => {
    const choosing = reduce(fixtures.cardPresent, { type: 'chooseProcedure', procedure: 'changePin' });
    const typing = reduce(choosing, { type: 'chooseCertificates', certificates: ['auth'] });
    const working = reduce(typing, { type: 'passwordsAccepted' });
    expect(working).toMatchObject({ step: 'working', procedure: 'changePin' });
    const twoLeft = cardSummary({ pins: { ...card.pins, auth: { triesLeft: 2, maxTries: 3, isBlocked: false } } });
    expect(reduce(working, { type: 'currentPasswordRefused', card: twoLeft })).toMatchObject({ step: 'passwords', currentRefused: true, card: { pins: { auth: { triesLeft: 2 } } } });
    expect(reduce(working, { type: 'currentPasswordRefused', card: lockedAuth })).toMatchObject({ step: 'refused', reasons: ['pin-locked'] });
  });
});
