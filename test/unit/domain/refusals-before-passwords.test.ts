import { refusalsBeforePasswords, type PrecheckInput } from '../../../src/domain/refusals-before-passwords';

const adult = { name: '那加　太郎', address: '岐阜県各務原市那加桜町二丁目１８６番地', birthDate: '1978-08-21', sex: '1' } as const;
const child = { ...adult, birthDate: '2015-04-03' };
const base: PrecheckInput = {
  procedure: 'issue',
  applicantType: 'self',
  adultWard: false,
  domicileInCity: false,
  documents: ['myNumberCard', 'applicationForm'],
  certificates: ['sign', 'auth'],
  basicInfo: adult,
  card: { cardType: 'myNumberCard', municipalityCode: '21213' },
  isSecondVisit: false,
  municipalityCode: '21213',
  today: '2026-04-01',
};
const check = (o: Partial<PrecheckInput>) => refusalsBeforePasswords({ ...base, ...o });

describe('refusalsBeforePasswords', () => {
  test('an eligible adult in person with both documents goes on', () => {
    expect(check({})).toEqual([]);
  });

  test.each([
    ['R-ELIG-5: another municipality', { card: { cardType: 'myNumberCard', municipalityCode: '21201' } }, ['other-municipality']],
    ['R-ELIG-3: a Basic Resident Register card', { card: { cardType: 'jukiCard', municipalityCode: '21213' } }, ['juki-card']],
    ['R-ELIG-3: no card', { card: null }, ['no-card']],
    ['R-ELIG-4, R-APP-2: under 15 as 本人', { basicInfo: child }, ['representative-required']],
    ['R-ELIG-4: an adult ward as 本人', { adultWard: true }, ['representative-required']],
    ['R-APP-2: a legal representative for an adult', { applicantType: 'legalRepresentative', documents: ['myNumberCard', 'applicationForm', 'photoId', 'authorityProof'] }, ['representative-not-applicable']],
    ['R-ELIG-4: under 15 asking for the signing certificate only', { basicInfo: child, applicantType: 'legalRepresentative', domicileInCity: true, documents: ['myNumberCard', 'applicationForm', 'photoId'], certificates: ['sign'] }, ['representative-required']],
    ['R-DOC-1: the card not checked', { documents: [] }, ['myNumberCard']],
    ['R-DOC-2: the form is not on the checklist (it is printed and signed at the next step)', { documents: ['myNumberCard'] }, []],
    ['R-CERT-4: a control character in the name', { basicInfo: { ...adult, name: '那加\u202e太郎' } }, ['R-CERT-4']],
  ] as const)('%s', (_name, overrides, expected) => {
    expect(check(overrides as Partial<PrecheckInput>)).toEqual(expected);
  });

  test('eligibility and documents are both listed', () => {
    expect(check({ basicInfo: child, documents: [] })).toEqual(['representative-required', 'myNumberCard']);
  });

  test('a password reset is checked for documents only (R-LOCK-2)', () => {
    expect(check({ procedure: 'resetPin', documents: [], card: { cardType: 'myNumberCard', municipalityCode: '21201' } })).toEqual(['myNumberCard']);
    expect(check({ procedure: 'resetPin', documents: ['myNumberCard'] })).toEqual([]);
  });

  test('without the date of birth only what the card says and the documents needed at any age count', () => {
    const proxySecond: Partial<PrecheckInput> = { applicantType: 'proxy', isSecondVisit: true, basicInfo: null, documents: ['myNumberCard', 'applicationForm', 'photoId', 'inquiryLetter'] };
    expect(check(proxySecond)).toEqual([]);
    expect(check({ ...proxySecond, card: { cardType: 'myNumberCard', municipalityCode: '21201' } })).toEqual(['other-municipality']);
    expect(check({ ...proxySecond, documents: ['myNumberCard', 'applicationForm', 'photoId'] })).toEqual(['inquiryLetter']);
    // The family register copy may be waived for an under-15 applicant: not refused without the date of birth.
    expect(check({ applicantType: 'legalRepresentative', domicileInCity: true, basicInfo: null, documents: ['myNumberCard', 'applicationForm', 'photoId'] })).toEqual([]);
  });

  test('a date of birth after today is left to the procedure to report, not thrown here', () => {
    expect(() => check({ basicInfo: { ...adult, birthDate: '2030-01-01' } })).not.toThrow();
  });
});
