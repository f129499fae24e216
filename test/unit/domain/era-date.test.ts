import { eraDate } from '../../../src/domain/era-date';

describe('eraDate (R-PROC-6 receipt dates)', () => {
  test.each([
    ['R-PROC-6 Reiwa', '2025-11-25', '令和7年11月25日', '25 November 2025 (Reiwa 7)', '2025年11月25日'],
    ['R-PROC-6 first day of Reiwa is 元年', '2019-05-01', '令和元年5月1日', '1 May 2019 (Reiwa 1)', '2019年5月1日'],
    ['R-PROC-6 last day of Heisei', '2019-04-30', '平成31年4月30日', '30 April 2019 (Heisei 31)', '2019年4月30日'],
    ['R-VAL-1 an expiry date in a later year', '2028-05-10', '令和10年5月10日', '10 May 2028 (Reiwa 10)', '2028年5月10日'],
    ['R-VAL-1 29 Feb', '2028-02-29', '令和10年2月29日', '29 February 2028 (Reiwa 10)', '2028年2月29日'],
  ])('%s: %s', (_title, iso, eraJa, en, gregorianJa) => {
    const date = eraDate(iso);
    expect(date.eraJa).toBe(eraJa);
    expect(date.en).toBe(en);
    expect(date.gregorianJa).toBe(gregorianJa);
    expect(date.iso).toBe(iso);
  });

  test('R-PROC-6 rejects a non-date', () => {
    expect(() => eraDate('2025-13-01')).toThrow(expect.objectContaining({ code: 'DOMAIN_INVALID_DATE' }));
  });
});
