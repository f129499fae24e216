/**
 * The application form printed from the card: one paper form per kind of procedure (issuance and
 * renewal share one, pick-up has none), the basic 4 information with the birth date in the
 * Japanese era and the Western year, a 自署 box for each person who signs, the fee by the same
 * rule as the receipt, and the facts whose characters the font may lack flagged.
 */
import { buildApplicationForm, formSourceOfApplication, formSourceOfVisit, signersOf } from '../../../src/domain/application-form';
import type { ApplicantType, BasicInfo, Procedure } from '../../../src/domain/vocabulary';

const holder: BasicInfo = { name: '那加 太郎', address: '岐阜県各務原市那加桜町1-69', birthDate: '1990-05-10', sex: '1' };
// 2026-04-01 10:00 in Japan.
const visitAt = Date.UTC(2026, 3, 1, 1, 0, 0);

function visitForm(procedure: Procedure, overrides: Partial<Parameters<typeof formSourceOfVisit>[0]> = {}) {
  return buildApplicationForm(
    formSourceOfVisit({
      procedure,
      applicantType: 'self',
      documents: ['myNumberCard', 'applicationForm'],
      reissuedCard: false,
      cardSerial: 'TRAIN0001',
      certificates: ['sign', 'auth'],
      basicInfo: holder,
      receiptNumber: '20260401-003',
      representativeName: null,
      nowMs: visitAt,
      ...overrides,
    }),
  );
}

describe('one form per kind of procedure', () => {
  test.each([
    ['issue', 'issueRenew'],
    ['renew', 'issueRenew'],
    ['resetPin', 'resetPin'],
    ['revoke', 'revoke'],
  ] as const)('%s prints the %s form with the visit\'s facts', (procedure, kind) => {
    const form = visitForm(procedure);
    expect(form).toMatchObject({ kind, procedure, receiptNumber: '20260401-003', cardSerial: 'TRAIN0001', certificates: ['sign', 'auth'], applicantType: 'self', documents: ['myNumberCard', 'applicationForm'], signers: ['holder'] });
    expect(form.date).toMatchObject({ iso: '2026-04-01', eraJa: '令和8年4月1日', gregorianJa: '2026年4月1日' });
  });

  test('pick-up has no form of its own: asking for one is a coded error', () => {
    expect(() => visitForm('pickUp')).toThrow(expect.objectContaining({ code: 'DOMAIN_NO_APPLICATION_FORM' }));
  });
});

describe('the holder from the card', () => {
  test.each([
    ['1990-05-10', '平成2年5月10日', '1990年5月10日', 'Heisei 2'],
    ['1989-01-07', '昭和64年1月7日', '1989年1月7日', 'Shōwa 64'],
    ['1989-01-08', '平成元年1月8日', '1989年1月8日', 'Heisei 1'],
    ['2019-05-01', '令和元年5月1日', '2019年5月1日', 'Reiwa 1'],
  ])('born %s: %s and %s on the form', (birthDate, eraJa, gregorianJa, eraEn) => {
    const form = visitForm('issue', { basicInfo: { ...holder, birthDate } });
    expect(form.holder).toMatchObject({ name: holder.name, address: holder.address, sex: '1', birthDate: { iso: birthDate, eraJa, gregorianJa, eraEn }, outsideFont: [] });
  });

  test('not read from the card (a reset or revocation without the card-info PIN): blank lines to write in', () => {
    expect(visitForm('revoke', { basicInfo: null, cardSerial: null }).holder).toBeNull();
  });

  test.each([
    ['a private-use character (外字) in the name', { name: `那加 \u{E000}郎` }, ['name']],
    ['a variation selector in the address', { address: '岐阜県各務原市那加桜町1-69 葛\u{E0100}' }, ['address']],
    ['the replacement character in both', { name: '那加 \u{FFFD}', address: '\u{FFFD}' }, ['name', 'address']],
  ])('%s is flagged', (_title, overrides, flagged) => {
    expect(visitForm('issue', { basicInfo: { ...holder, ...overrides } }).holder?.outsideFont).toEqual(flagged);
  });
});

describe('who signs', () => {
  test.each([
    ['self', ['holder']],
    ['legalRepresentative', ['legalRepresentative']],
    ['proxy', ['holder', 'proxy']],
  ] as const)('%s: a 自署 box for %j', (applicantType: ApplicantType, signers) => {
    expect(signersOf(applicantType)).toEqual(signers);
    expect(visitForm('issue', { applicantType, documents: ['myNumberCard', 'photoId', 'authorityProof'] })).toMatchObject({ applicantType, signers, documents: ['myNumberCard', 'photoId', 'authorityProof'] });
  });
});

describe("the representative's name", () => {
  test('printed for a legal representative or a proxy, never for the holder in person', () => {
    expect(visitForm('issue', { applicantType: 'legalRepresentative', representativeName: '那加 花子' }).representativeName).toBe('那加 花子');
    expect(visitForm('resetPin', { applicantType: 'proxy', representativeName: '鵜沼 次郎' }).representativeName).toBe('鵜沼 次郎');
    expect(visitForm('issue', { applicantType: 'self', representativeName: '那加 花子' }).representativeName).toBeNull();
    expect(visitForm('issue', { applicantType: 'proxy' }).representativeName).toBeNull();
  });
});

describe('the fee', () => {
  test('200 yen for issuance onto a re-issued card, nothing otherwise (R-DOC-3)', () => {
    expect(visitForm('issue', { reissuedCard: true }).feeYen).toBe(200);
    expect(visitForm('renew', { reissuedCard: true }).feeYen).toBe(200);
    expect(visitForm('issue').feeYen).toBe(0);
    expect(visitForm('resetPin', { reissuedCard: true }).feeYen).toBe(0);
    expect(visitForm('revoke', { reissuedCard: true }).feeYen).toBe(0);
  });
});

describe('a stored application printed again', () => {
  test('the day of the visit in Japan, its own fee and number', () => {
    // 2026-03-31 23:30 UTC is already 1 April in Japan.
    const form = buildApplicationForm(
      formSourceOfApplication({ procedure: 'renew', applicantType: 'legalRepresentative', documents: ['myNumberCard'], cardSerial: 'S1', certificateKinds: ['auth'], basicInfo: holder, receiptNumber: '20260401-001', feeYen: 200, createdAt: Date.UTC(2026, 2, 31, 23, 30) }),
    );
    expect(form).toMatchObject({ kind: 'issueRenew', date: { iso: '2026-04-01' }, feeYen: 200, receiptNumber: '20260401-001', certificates: ['auth'], signers: ['legalRepresentative'] });
  });
});
