import { ageOn, isUnder15 } from '../../../src/domain/age';
import { assessEligibility, type EligibilityInput } from '../../../src/domain/eligibility';

describe('age (R-ELIG-4)', () => {
  test.each([
    ['R-ELIG-4 day before the 15th birthday', '2010-06-15', '2025-06-14', 14, true],
    ['R-ELIG-4 on the 15th birthday', '2010-06-15', '2025-06-15', 15, false],
    ['R-ELIG-4 29 Feb birth, 28 Feb of a non-leap year counts as the birthday', '2008-02-29', '2023-02-28', 15, false],
    ['R-ELIG-4 29 Feb birth, 27 Feb of a non-leap year', '2008-02-29', '2023-02-27', 14, true],
    ['R-ELIG-4 29 Feb birth, 1 Mar of a non-leap year', '2008-02-29', '2023-03-01', 15, false],
    ['R-ELIG-4 born today', '2025-11-25', '2025-11-25', 0, true],
    ['R-ELIG-4 adult', '1990-05-10', '2025-11-25', 35, false],
  ])('%s: born %s on %s → %i', (_title, birth, today, age, under15) => {
    expect(ageOn(birth, today)).toBe(age);
    expect(isUnder15(birth, today)).toBe(under15);
  });

  test('R-ELIG-4 a birth date after today is refused', () => {
    expect(() => ageOn('2026-01-01', '2025-11-25')).toThrow(expect.objectContaining({ code: 'DOMAIN_BIRTH_IN_FUTURE' }));
  });
});

const adult: EligibilityInput = {
  birthDate: '1990-05-10',
  today: '2025-11-25',
  cardType: 'myNumberCard',
  cardMunicipalityCode: '212130',
  municipalityCode: '212130',
  applicantType: 'self',
};

describe('assessEligibility', () => {
  test.each<[string, Partial<EligibilityInput>, boolean, string[], string[], boolean]>([
    ['R-ELIG-1 R-APP-1 adult in person: both, same day', {}, true, [], ['sign', 'auth'], true],
    ['R-PROC-1 R-ELIG-1 adult declining the signing certificate', { wantsSign: false }, true, [], ['auth'], true],
    ['R-ELIG-3 no card: nothing today', { cardType: undefined, cardMunicipalityCode: undefined }, false, ['no-card'], [], true],
    ['R-ELIG-3 juki card refused', { cardType: 'jukiCard' }, false, ['juki-card'], [], true],
    ['R-ELIG-5 card from another municipality', { cardMunicipalityCode: '212016' }, false, ['other-municipality'], [], true],
    ['R-ELIG-4 R-APP-2 under 15 with representative: auth only', { birthDate: '2012-01-01', applicantType: 'legalRepresentative' }, true, [], ['auth'], true],
    ['R-ELIG-4 under 15 alone is refused', { birthDate: '2012-01-01' }, false, ['representative-required'], [], true],
    ['R-ELIG-4 15th birthday today: both', { birthDate: '2010-11-25' }, true, [], ['sign', 'auth'], true],
    ['R-ELIG-4 adult ward with representative: auth only', { adultWard: true, applicantType: 'legalRepresentative' }, true, [], ['auth'], true],
    ['R-APP-2 representative for an adult who needs none', { applicantType: 'legalRepresentative' }, false, ['representative-not-applicable'], [], true],
    ['R-APP-3 voluntary proxy: not the same day', { applicantType: 'proxy' }, true, [], ['sign', 'auth'], false],
  ])('%s', (_title, change, ok, refusals, certificates, sameDay) => {
    const result = assessEligibility({ ...adult, ...change });
    expect(result.ok).toBe(ok);
    expect(result.refusals).toEqual(refusals);
    expect(result.certificates).toEqual(certificates);
    expect(result.sameDay).toBe(sameDay);
  });

  test.each<[string, Partial<EligibilityInput>, string[]]>([
    ['R-ELIG-2 R-ELIG-5 adult: crime warning and confirm registration', {}, ['false-application-is-a-crime', 'confirm-registration']],
    ['R-ELIG-2 R-ELIG-4 under 15', { birthDate: '2012-01-01', applicantType: 'legalRepresentative' }, ['false-application-is-a-crime', 'no-sign-under-15', 'representative-sets-pin', 'confirm-registration']],
    ['R-ELIG-2 R-ELIG-4 adult ward', { adultWard: true, applicantType: 'legalRepresentative' }, ['false-application-is-a-crime', 'no-sign-adult-ward', 'confirm-registration']],
    ['R-ELIG-2 R-APP-3 proxy', { applicantType: 'proxy' }, ['false-application-is-a-crime', 'not-same-day', 'confirm-registration']],
    ['R-ELIG-2 even a refusal shows the warning', { cardType: undefined, cardMunicipalityCode: undefined }, ['false-application-is-a-crime']],
  ])('%s', (_title, change, warnings) => {
    expect(assessEligibility({ ...adult, ...change }).warnings).toEqual(warnings);
  });
});
