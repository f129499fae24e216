/**
 * R-ELIG-4 on the passwords screen: the legal representative is told to set the authentication
 * PIN only for an applicant under 15 (age by the age-calculation law, on the counter's day in
 * Japan), not for an adult ward or a minor of 15 or more.
 */
import { screen } from '@testing-library/react';
import type { ApplicantDetails } from '../../../src/api/visit';
import { representativeSetsPin } from '../../../renderer/screens/applicant/representative';
import { basicInfo, selfApplicant, states } from '../fixtures';
import { renderWithApi } from '../render';

const representative: ApplicantDetails = { applicantType: 'legalRepresentative', documents: ['myNumberCard', 'authorityProof'], adultWard: false, domicileInCity: true, reissuedCard: false };
const born = (birthDate: string) => ({ ...basicInfo, birthDate });
// 2026-03-31 23:30 in Japan (14:30 UTC): the machine's own zone must not matter.
const counterDay = new Date('2026-03-31T14:30:00Z');

describe('representativeSetsPin (R-ELIG-4)', () => {
  it('under 15 with a legal representative: yes; the 15th birthday itself: no', () => {
    expect(representativeSetsPin(states.passwords({ certificates: ['auth'], applicant: representative, basicInfo: born('2011-04-01') }), counterDay)).toBe(true);
    expect(representativeSetsPin(states.passwords({ certificates: ['auth'], applicant: representative, basicInfo: born('2011-03-31') }), counterDay)).toBe(false);
  });

  it('counts the day in Japan, not on the machine clock’s UTC day', () => {
    // 2026-04-01 00:30 in Japan is still 31 March in UTC: the applicant born 2011-04-01 is 15.
    expect(representativeSetsPin(states.passwords({ certificates: ['auth'], applicant: representative, basicInfo: born('2011-04-01') }), new Date('2026-03-31T15:30:00Z'))).toBe(false);
  });

  it('an adult ward, a minor of 15 or more, the applicant in person, or a signing password: no', () => {
    expect(representativeSetsPin(states.passwords({ certificates: ['auth'], applicant: { ...representative, adultWard: true }, basicInfo: born('1950-01-01') }), counterDay)).toBe(false);
    expect(representativeSetsPin(states.passwords({ certificates: ['auth'], applicant: representative, basicInfo: born('2010-01-01') }), counterDay)).toBe(false);
    expect(representativeSetsPin(states.passwords({ certificates: ['auth'], applicant: selfApplicant, basicInfo: born('2016-01-01') }), counterDay)).toBe(false);
    expect(representativeSetsPin(states.passwords({ certificates: ['sign', 'auth'], applicant: representative, basicInfo: born('2010-01-01') }), counterDay)).toBe(false);
  });

  it('without the basic 4 information (a password reset), a representative of a non-ward with no signing certificate: yes', () => {
    expect(representativeSetsPin(states.passwords({ procedure: 'resetPin', certificates: ['auth'], applicant: representative, basicInfo: null }), counterDay)).toBe(true);
  });
});

describe('the passwords screen says who sets the PIN', () => {
  it('an adult ward’s representative is not told to set it', async () => {
    renderWithApi(undefined, { visit: states.passwords({ certificates: ['auth'], applicant: { ...representative, adultWard: true } }) });
    await screen.findByRole('heading', { level: 2, name: '利用者証明用暗証番号' });
    expect(screen.queryByText('法定代理人の方が利用者証明用暗証番号を決めてください。')).toBeNull();
  });

  it('a child’s representative is, in English too', async () => {
    renderWithApi(undefined, { visit: states.passwords({ certificates: ['auth'], applicant: representative, basicInfo: born('2018-06-01') }), language: 'en' });
    expect(await screen.findByText('The legal representative sets the authentication PIN.')).toBeTruthy();
  });
});
