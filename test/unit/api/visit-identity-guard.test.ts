import { type VisitState } from '../../../src/api/visit';
import { reduceVisit } from '../../../src/api/visit-reducer';
import { basicInfo, env, fixtures } from './visit-fixtures';

/** The host, not the screen, keeps the facts read from the card: the clerk confirms them, never edits them. */
describe('confirming the basic 4 information', () => {
  it('accepts what the card says, as the card says it', () => {
    expect(reduceVisit(fixtures.identity, { type: 'confirmIdentity', basicInfo }, env)).toMatchObject({ step: 'procedure', basicInfo });
  });

  it.each([
    ['another name', { ...basicInfo, name: `${basicInfo.name}子` }],
    ['another address', { ...basicInfo, address: `${basicInfo.address}の2` }],
    ['another birth date', { ...basicInfo, birthDate: '1999-01-01' }],
    ['another sex', { ...basicInfo, sex: basicInfo.sex === '1' ? ('2' as const) : ('1' as const) }],
  ])('refuses facts read from the card but confirmed as %s', (_name, edited) => {
    expect(() => reduceVisit(fixtures.identity, { type: 'confirmIdentity', basicInfo: edited }, env)).toThrow(expect.objectContaining({ code: 'VISIT_IDENTITY_NOT_CARD' }));
  });

  it('takes the facts the clerk typed when they were not read from the card (card-info PIN locked)', () => {
    const typed: VisitState = { ...fixtures.identity, source: 'clerk', basicInfo: null } as VisitState;
    const entered = { ...basicInfo, address: '岐阜県各務原市那加桜町1-1' };
    expect(reduceVisit(typed, { type: 'confirmIdentity', basicInfo: entered }, env)).toMatchObject({ step: 'procedure', basicInfo: entered });
  });
});
