import { reduceVisit } from '../../../src/api/visit-reducer';
import { env, fixtures } from './visit-fixtures';

describe('going back from the certificates to the applicant step', () => {
  it('carries what the clerk chose, so the ticked documents are shown again', () => {
    const from = fixtures.certificates;
    if (from.step !== 'certificates') throw new Error('fixture is not the certificates step');
    const back = reduceVisit(from, { type: 'back' }, env);
    expect(back.step).toBe('applicant');
    expect(back.step === 'applicant' ? back.chosen : undefined).toEqual(from.applicant);
  });
});
