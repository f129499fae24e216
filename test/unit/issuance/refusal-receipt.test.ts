/** R-ELIG / R-PROC-6: the refusal receipt's content for every refusal reason. */
import { refusalCodes, refusalRules } from '../../../src/domain/eligibility';
import { formatRefusalReceipt, refusalReceiptDocument } from '../../../src/shells/cli/refusal-receipt-text';
import { buildRefusalReceipt } from '../../../src/issuance/receipt';
import { refusalSentence, refusalSentences } from '../../../src/words/receipt';

const base = { applicationId: '6f1c0d7e-2b1a-4c3d-9e8f-001122334455', procedure: 'issue', applicantType: 'self', today: '2026-11-27', certificates: ['sign', 'auth'] } as const;

describe('buildRefusalReceipt', () => {
  test.each(refusalCodes.map((code) => [code]))('R-ELIG %s: the reason carries its rule ids; its sentence in ja and en says the rule in words, without ids', (code) => {
    const receipt = buildRefusalReceipt({ ...base, reasons: [code] });
    expect(receipt.reasons).toEqual([{ code, rules: refusalRules[code] }]);
    for (const lang of ['ja', 'en'] as const) {
      const sentence = refusalSentences[code][lang];
      expect(sentence).not.toMatch(/R-[A-Z]+-\d/);
    }
    const text = formatRefusalReceipt(receipt);
    expect(text).toContain(refusalSentences[code].en);
    expect(text).toContain(base.applicationId);
    expect(text).toContain('signing certificate, user authentication certificate');
    expect(formatRefusalReceipt(receipt, 'ja')).toContain(refusalSentences[code].ja);
  });

  test('the date is printed in Gregorian and era forms; every reason is kept, in order', () => {
    const receipt = buildRefusalReceipt({ ...base, reasons: ['other-municipality', 'representative-required'] });
    expect(receipt.date).toMatchObject({ iso: '2026-11-27', eraJa: '令和8年11月27日' });
    expect(receipt.reasons.map((r) => r.code)).toEqual(['other-municipality', 'representative-required']);
    expect(formatRefusalReceipt(receipt, 'ja')).toContain('令和8年11月27日');
    const text = formatRefusalReceipt(receipt);
    expect(text.indexOf(refusalSentences['other-municipality'].en)).toBeLessThan(text.indexOf(refusalSentences['representative-required'].en));
  });

  test('R-CERT-4 is its own rule; an unknown code is shown as is, never dropped', () => {
    const receipt = buildRefusalReceipt({ ...base, reasons: ['R-CERT-4', 'brand-new-reason'] });
    expect(receipt.reasons).toEqual([
      { code: 'R-CERT-4', rules: ['R-CERT-4'] },
      { code: 'brand-new-reason', rules: [] },
    ]);
    expect(refusalSentence('brand-new-reason').en).toContain('brand-new-reason');
    expect(refusalReceiptDocument(receipt).reasons[1]?.text.ja).toContain('brand-new-reason');
  });

  test('no personal data and no password field: only codes, ids and dates', () => {
    const receipt = buildRefusalReceipt({ ...base, reasons: ['no-card'] });
    expect(Object.keys(receipt).sort()).toEqual(['applicantType', 'applicationId', 'certificates', 'date', 'procedure', 'reasons']);
  });
});
