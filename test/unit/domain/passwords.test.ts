import { passwordsMatch, validateAuthPin, validatePassword, validateSignPassword } from '../../../src/domain/passwords';

describe('signing password (R-PW-1)', () => {
  test.each([
    ['R-PW-1 6 chars is the minimum', 'ABC123', 'ABC123', []],
    ['R-PW-1 5 chars is too short', 'ABC12', 'ABC12', ['too-short']],
    ['R-PW-1 16 chars is the maximum', 'ABCDEFGH12345678', 'ABCDEFGH12345678', []],
    ['R-PW-1 17 chars is too long', 'ABCDEFGH123456789', 'ABCDEFGH123456789', ['too-long']],
    ['R-PW-1 lower case becomes upper case', 'abc123', 'ABC123', []],
    ['R-PW-1 mixed case', 'aBc1234', 'ABC1234', []],
    ['R-PW-1 letters only', 'ABCDEF', 'ABCDEF', ['needs-digit']],
    ['R-PW-1 digits only', '123456', '123456', ['needs-letter']],
    ['R-PW-1 empty', '', '', ['too-short', 'needs-letter', 'needs-digit']],
    ['R-PW-1 full-width refused, not converted', 'ＡＢＣ１２３', 'ＡＢＣ１２３', ['needs-letter', 'needs-digit', 'full-width']],
    ['R-PW-1 one full-width digit', 'ABC12３', 'ABC12３', ['full-width']],
    ['R-PW-1 ideographic space', 'ABC\u3000123', 'ABC\u3000123', ['full-width']],
    ['R-PW-1 kana', 'ABCあ123', 'ABCあ123', ['full-width']],
    ['R-PW-1 symbol', 'ABC-123', 'ABC-123', ['bad-character']],
    ['R-PW-1 accented letter', 'ÀBC123', 'ÀBC123', ['bad-character']],
    ['R-PW-1 half-width katakana', 'ABCｱ123', 'ABCｱ123', ['bad-character']],
    ['R-PW-1 leading space not trimmed', ' ABC123', ' ABC123', ['whitespace']],
    ['R-PW-1 trailing space not trimmed', 'ABC123 ', 'ABC123 ', ['whitespace']],
    ['R-PW-1 no-break space', 'ABC\u00a0123', 'ABC\u00a0123', ['whitespace']],
    ['R-PW-1 tab', 'ABC\t123', 'ABC\t123', ['control-character']],
    ['R-PW-1 newline', 'ABC123\n', 'ABC123\n', ['control-character']],
    ['R-PW-1 NUL', 'ABC\u0000123', 'ABC\u0000123', ['control-character']],
    ['R-PW-1 zero-width space (format char)', 'ABC\u200b123', 'ABC\u200b123', ['control-character']],
    ['R-PW-1 several rules at once', 'a b', 'A B', ['too-short', 'needs-digit', 'whitespace']],
  ])('%s: %j', (_title, raw, normalized, errors) => {
    const result = validateSignPassword(raw);
    expect(result).toEqual({ ok: errors.length === 0, normalized, errors });
  });

  test('R-PW-1 length counts code points, not UTF-16 units', () => {
    // 5 ASCII + 1 astral wide char = 6 code points (7 UTF-16 units): not too-short.
    expect(validateSignPassword('ABC12\u{20000}').errors).toEqual(['full-width']);
    // 15 ASCII + 1 astral = 16 code points: not too-long.
    expect(validateSignPassword('ABCDEFGH1234567\u{20000}').errors).toEqual(['full-width']);
  });
});

describe('authentication PIN (R-PW-2)', () => {
  test.each([
    ['R-PW-2 4 digits', '1234', []],
    ['R-PW-2 3 digits', '123', ['too-short']],
    ['R-PW-2 5 digits', '12345', ['too-long']],
    ['R-PW-2 leading zeros kept', '0000', []],
    ['R-PW-2 letter', '12a4', ['not-digits']],
    ['R-PW-2 symbol', '12-4', ['not-digits']],
    ['R-PW-2 full-width digits', '１２３４', ['full-width']],
    ['R-PW-2 space', '123 ', ['whitespace']],
    ['R-PW-2 newline', '123\n', ['control-character']],
    ['R-PW-2 empty', '', ['too-short']],
  ])('%s: %j', (_title, raw, errors) => {
    expect(validateAuthPin(raw)).toEqual({ ok: errors.length === 0, normalized: raw, errors });
  });
});

describe('by kind and typed twice (R-PW-1, R-PW-2, R-PW-3)', () => {
  test.each([
    ['R-PW-1', 'sign', 'abc123', true],
    ['R-PW-2', 'auth', '1234', true],
    ['R-PW-2', 'auth', 'abc123', false],
    ['R-PW-1', 'sign', '1234', false],
  ] as const)('%s validatePassword(%s, %j).ok = %s', (_rule, kind, raw, ok) => {
    expect(validatePassword(kind, raw).ok).toBe(ok);
  });

  test.each([
    ['R-PW-3 same', 'sign', 'ABC123', 'ABC123', true],
    ['R-PW-3 case differs, same once normalized', 'sign', 'abc123', 'ABC123', true],
    ['R-PW-3 differs', 'sign', 'ABC123', 'ABC124', false],
    ['R-PW-3 trailing space is a difference', 'sign', 'ABC123', 'ABC123 ', false],
    ['R-PW-3 PIN same', 'auth', '1234', '1234', true],
    ['R-PW-3 PIN differs', 'auth', '1234', '1243', false],
    ['R-PW-3 full-width never equals half-width', 'auth', '1234', '１２３４', false],
  ] as const)('%s', (_title, kind, first, second, expected) => {
    expect(passwordsMatch(kind, first, second)).toBe(expected);
  });
});
