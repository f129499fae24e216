import { certificateTextIssues, isCertificateText } from '../../../src/domain/certificate-text';
import { applicationRequestSchema } from '../../../src/issuance/application-request';
import { isIssuanceError } from '../../../src/issuance/errors';
import { screen } from '../../../src/issuance/screening';

describe('R-CERT-4: text written into a certificate', () => {
  it('accepts ordinary Japanese names and addresses, full-width digits and the ideographic space', () => {
    for (const ok of ['各務原 花子', '岐阜県各務原市那加桜町1丁目69番地', 'ﾃｽﾄ　太郎', '髙橋 𠮷男', 'O\u2019Brien']) expect(isCertificateText(ok)).toBe(true);
  });

  it.each([
    ['NUL', 'a\u0000b', 'control-character'],
    ['line feed', 'a\nb', 'control-character'],
    ['DEL', 'a\u007fb', 'control-character'],
    ['C1 NEL', 'a\u0085b', 'control-character'],
    ['RLO bidi override', 'a\u202eb', 'format-character'],
    ['LRE', 'a\u202ab', 'format-character'],
    ['FSI isolate', 'a\u2068b', 'format-character'],
    ['PDI', 'a\u2069b', 'format-character'],
    ['zero-width space', 'a\u200bb', 'format-character'],
    ['zero-width joiner', 'a\u200db', 'format-character'],
    ['BOM', '\ufeffa', 'format-character'],
    ['unassigned U+0378', 'a\u0378b', 'unassigned-code-point'],
    ['noncharacter U+FFFF', 'a\uffffb', 'unassigned-code-point'],
    ['lone high surrogate', 'a\ud800b', 'lone-surrogate'],
    ['lone low surrogate', 'a\udc00', 'lone-surrogate'],
  ])('refuses %s', (_name, text, problem) => {
    expect(isCertificateText(text)).toBe(false);
    expect(certificateTextIssues(text)).toEqual([problem]);
  });
});

describe('R-CERT-4 at the terminal: screening refuses before any key is generated', () => {
  const basicInfo = { name: '各務原 花子', address: '岐阜県各務原市那加桜町1丁目69番地', birthDate: '1990-05-10', sex: '2' } as const;

  it('refuses a name with a bidi override with ISSUE_NOT_ELIGIBLE naming R-CERT-4, and accepts the clean name', () => {
    const request = applicationRequestSchema.parse({ procedure: 'issue', clerkId: 'c1', certificates: ['sign', 'auth'] });
    const input = { request, today: '2026-05-01', municipalityCode: '21213', facts: undefined, proxyVisit: 'first' as const };
    expect(screen({ ...input, basicInfo }).refusals).toEqual([]);
    let caught: unknown;
    try {
      screen({ ...input, basicInfo: { ...basicInfo, name: '各務原\u202e花子' } });
    } catch (error) {
      caught = error;
    }
    expect(isIssuanceError(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'ISSUE_NOT_ELIGIBLE' });
    expect(String((caught as Error).message)).toContain('R-CERT-4');
  });
});
