import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { domainErrorCodes } from '../../../domain/errors';
import { isCodedError } from '../../../errors/coded-error';
import { eraDate } from '../../../domain/era-date';
import { certificateExpiry, type ExpiryInput } from '../../../domain/validity';
import type { CardType } from '../../../domain/vocabulary';
import { parseFlags } from '../common-options';
import { printResult } from '../print-result';

const usage =
  'usage: madoguchi check expiry --birth YYYY-MM-DD --issued YYYY-MM-DD [--card-expiry YYYY-MM-DD] [--card-type mynumber|juki] [--previous-expiry YYYY-MM-DD] [--json]';

const cardTypeOptions = { mynumber: 'myNumberCard', juki: 'jukiCard' } as const satisfies Record<string, CardType>;

function isCardTypeOption(value: string): value is keyof typeof cardTypeOptions {
  return Object.hasOwn(cardTypeOptions, value);
}

function parse(args: readonly string[]): { input: ExpiryInput; json: boolean } {
  const values = parseFlags(args, {
    birth: { type: 'string' },
    issued: { type: 'string' },
    'card-expiry': { type: 'string' },
    'card-type': { type: 'string' },
    'previous-expiry': { type: 'string' },
    json: { type: 'boolean' },
  });
  const { birth: birthDate, issued: issueDate } = values;
  if (birthDate === undefined || issueDate === undefined) throw new UsageError('--birth and --issued are required');
  const cardTypeText = values['card-type'] ?? 'mynumber';
  if (!isCardTypeOption(cardTypeText)) throw new UsageError('--card-type must be mynumber or juki');
  const input: ExpiryInput = { birthDate, issueDate, cardType: cardTypeOptions[cardTypeText] };
  const { 'card-expiry': cardExpiry, 'previous-expiry': previousExpiry } = values;
  if (cardExpiry !== undefined) input.cardExpiry = cardExpiry;
  if (previousExpiry !== undefined) input.previousExpiry = previousExpiry;
  return { input, json: values.json === true };
}

function describe(label: string, iso: string | null): string {
  if (iso === null) return `${label}: none`;
  const date = eraDate(iso);
  return `${label}: ${iso} (${date.eraJa}; ${date.en})`;
}

function printExpiry({ input, json }: ReturnType<typeof parse>, io: CliIo): number {
  let result;
  try {
    result = certificateExpiry(input);
  } catch (error) {
    if (isCodedError(error, domainErrorCodes)) throw new UsageError(`${error.code}: ${error.message}`);
    throw error;
  }
  const lines = [describe('signing certificate', result.sign), describe('authentication certificate', result.auth)];
  if (result.renewalWindowApplied) lines.push('renewal inside the window: valid to the 6th birthday (R-VAL-4)');
  printResult(io, json, result, lines.join('\n'));
  return ExitCode.ok;
}

/** `madoguchi check expiry`: R-VAL-1..4 from the command line. */
export const checkExpiryCommand: CliCommand = {
  path: ['check', 'expiry'],
  summary: 'certificate expiry dates for a birth date and issue date (R-VAL)',
  usage,
  run: async (args, io) => printExpiry(parse(args), io),
};
