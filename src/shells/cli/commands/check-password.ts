import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { validatePassword, type PasswordKind } from '../../../domain/passwords';
import { parseFlags } from '../common-options';
import { printResult } from '../print-result';

const usage = 'usage: madoguchi check password --kind sign|auth [--json]   (password on stdin, one line)';
/** Bounds what a stray pipe can make us buffer; no password is anywhere near this long. */
const maxInputBytes = 4096;

function parse(args: readonly string[]): { kind: PasswordKind; json: boolean } {
  // Not parseArgs' words: they quote the offending argument, which may be a password typed on argv by mistake.
  const values = parseFlags(args, { kind: { type: 'string' }, json: { type: 'boolean' } }, 'unexpected argument: only --kind and --json are accepted; the password is read from stdin');
  if (values.kind !== 'sign' && values.kind !== 'auth') throw new UsageError('--kind must be sign or auth');
  return { kind: values.kind, json: values.json === true };
}

/** Reads the first line of stdin; strips only its terminator (\n or \r\n), nothing else. */
export async function readOneLine(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
    chunks.push(buffer);
    size += buffer.length;
    if (buffer.includes(0x0a) || size > maxInputBytes) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const newline = text.indexOf('\n');
  if (newline < 0) return text;
  return text.slice(0, newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline);
}

async function checkPassword({ kind, json }: ReturnType<typeof parse>, io: CliIo): Promise<number> {
  const result = validatePassword(kind, await readOneLine(io));
  // Codes only, in both forms: the password (even upper-cased) never leaves the process.
  printResult(io, json, { ok: result.ok, kind, errors: result.errors }, result.ok ? `ok (${kind})` : `invalid (${kind}): ${result.errors.join(', ')}`);
  return result.ok ? ExitCode.ok : ExitCode.invalid;
}

/** `madoguchi check password`: R-PW-1 / R-PW-2 on a password read from stdin. */
export const checkPasswordCommand: CliCommand = {
  path: ['check', 'password'],
  summary: 'check a signing password or authentication PIN read from stdin (R-PW)',
  usage,
  run: async (args, io) => checkPassword(parse(args), io),
};
