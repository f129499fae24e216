import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes, toApiError } from '../../../src/api/errors';
import { caError } from '../../../src/ca/errors';
import { ageOn } from '../../../src/domain/age';
import { transition } from '../../../src/domain/application-state-machine';
import { CodedError } from '../../../src/errors/coded-error';
import { pkiError } from '../../../src/pki/errors';
import { estError } from '../../../src/sync/est-errors';
import { errorMessages } from '../../../src/words/errors';

const src = join(__dirname, '..', '..', '..', 'src');

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('one error model', () => {
  test('every code is UPPER_SNAKE and starts with its area (one spelling)', () => {
    const bad = errorCodes.filter((code) => code !== 'INTERNAL' && !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(code));
    expect(bad).toEqual([]);
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
  });

  test('the ja and en catalogues cover every code that can reach a person, and nothing else', () => {
    const missing = errorCodes.filter((code) => !(code in errorMessages) || errorMessages[code].ja.trim() === '' || errorMessages[code].en.trim() === '');
    expect(missing).toEqual([]);
    const known = new Set<string>(errorCodes);
    expect(Object.keys(errorMessages).filter((code) => !known.has(code))).toEqual([]);
  });

  test('pki, ca, est and rule codes reach the edge as themselves, with their details and retryability', () => {
    expect(toApiError(pkiError('PKI_BAD_DER', 'cut short'))).toEqual({ code: 'PKI_BAD_DER', retryable: false, details: {} });
    expect(toApiError(caError('CA_RESET_NONCE_USED', 'again'))).toEqual({ code: 'CA_RESET_NONCE_USED', retryable: false, details: {} });
    expect(toApiError(estError('EST_NETWORK', 'refused', undefined, 5000))).toEqual({ code: 'EST_NETWORK', retryable: true, details: {} });
    expect(toApiError(caught(() => transition('completed', 'queue')))).toEqual({ code: 'DOMAIN_ILLEGAL_TRANSITION', retryable: false, details: {} });
    expect(toApiError(caught(() => ageOn('2030-01-01', '2026-01-01')))).toEqual({ code: 'DOMAIN_BIRTH_IN_FUTURE', retryable: false, details: {} });
  });

  test('internal facts and messages stay inside; anything uncoded is INTERNAL', () => {
    const error = new CodedError('CARD_WRONG_PIN', 'VERIFY: wrong PIN (SW 63C2)', { details: { triesLeft: 2 }, facts: { sw: 0x63c2 } });
    expect(toApiError(error)).toEqual({ code: 'CARD_WRONG_PIN', retryable: false, details: { triesLeft: 2 } });
    expect(toApiError(new CodedError('NOT_A_KNOWN_CODE', 'x'))).toEqual({ code: 'INTERNAL', retryable: false, details: {} });
    expect(toApiError(Object.assign(new Error('secret 1234'), { code: 'CARD_WRONG_PIN' }))).toEqual({ code: 'INTERNAL', retryable: false, details: {} });
  });

  test('src/ holds at most a handful of error classes', () => {
    const classes: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/class (\w+)(?:<[^>]*>)? extends (\w*Error)\b/g)) classes.push(`${path.slice(src.length + 1)}: ${m[1]}`);
      }
    };
    walk(src);
    // CodedError, and the CLI's UsageError for a malformed command line.
    expect(classes.map((c) => c.replace(/^.*: /, '')).sort()).toEqual(['CodedError', 'UsageError']);
  });
});
