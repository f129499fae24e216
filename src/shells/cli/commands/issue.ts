/**
 * `madoguchi issue --reader NAME --application FILE`: one scripted procedure at the counter
 * (docs/design.md §8). Passwords come on stdin, one per line: the signing password, then the
 * authentication PIN, only for the certificates the procedure sets (the procedure map in
 * issuance/procedures.ts decides which, and whether the card is needed).
 *
 * `madoguchi pickup --reader NAME`: pick-up for the card in the reader (R-PROC-3), the same as
 * `issue` with `"procedure": "pickUp"`.
 *
 * A thin adapter over the host: it builds the one host for the data directory (refused while a
 * running terminal owns it), which finishes what a crash left (recovery), then runs the
 * procedure. `--json` prints the application id, its state, each issued certificate's serial
 * and notAfter, and the receipt.
 */
import { readFileSync } from 'node:fs';
import { nextStepMessages } from '../../../words/receipt';
import { passwordErrorsOf } from '../../../domain/passwords';
import type { CertificateKind } from '../../../domain/vocabulary';
import { applicationRequestSchema, type ApplicationRequest } from '../../../issuance/application-request';
import { issuanceError, isIssuanceError } from '../../../issuance/errors';
import { jstDate } from '../../../issuance/context';
import { buildRefusalReceipt } from '../../../issuance/receipt';
import type { RecoveryReport } from '../../../issuance/recover';
import { wipeAll, type Secrets } from '../../../issuance/secrets';
import type { TerminalHost } from '../../../host/host';
import type { CardSession } from '../../../host/host-types';
import { handlerFor, type ProcedureRun } from '../../../issuance/procedures';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { parseCommon } from '../common-options';
import { readSecretStdin } from '../secret-stdin';
import { errorExit, withHost } from '../host-command';
import { formatRefusalReceipt, refusalReceiptDocument } from '../refusal-receipt-text';
import { printResult } from '../print-result';

const issueUsage = 'usage: madoguchi issue --reader NAME --application FILE [--data DIR] [--json] [--progress]   (passwords on stdin: sign, then auth)';
const pickupUsage = 'usage: madoguchi pickup --reader NAME [--clerk ID] [--data DIR] [--json] [--progress]';
const maxStdinBytes = 4096;

function readApplication(file: string): ApplicationRequest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read application ${file}: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
  const parsed = applicationRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`application ${file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}


/** The kinds whose password the procedure reads from stdin, in vocabulary order. */
export function passwordKinds(request: ApplicationRequest): readonly CertificateKind[] {
  return handlerFor(request).passwords(request);
}

/** The `index`th line of `raw` as a view (no copy, no string), without its `\r\n` or `\n`. */
function lineAt(raw: Uint8Array, index: number): Uint8Array | undefined {
  let start = 0;
  for (let line = 0; line < index; line += 1) {
    const newline = raw.indexOf(0x0a, start);
    if (newline < 0) return undefined;
    start = newline + 1;
  }
  if (start >= raw.length) return undefined;
  const newline = raw.indexOf(0x0a, start);
  let end = newline < 0 ? raw.length : newline;
  if (end > start && raw[end - 1] === 0x0d) end -= 1;
  return raw.subarray(start, end);
}

/** UTF-8 code points as numbers (malformed sequences as U+FFFD), so no string is ever made. */
function* codePoints(bytes: Uint8Array): Generator<number> {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const extra = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (extra < 0 || i + extra >= bytes.length + (extra === 0 ? 1 : 0)) {
      yield 0xfffd;
      i += 1;
      continue;
    }
    let cp = extra === 0 ? b : b & (0x3f >> extra);
    let ok = true;
    for (let k = 1; k <= extra; k += 1) {
      const c = bytes[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) ok = false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok) {
      yield 0xfffd;
      i += 1;
      continue;
    }
    yield cp;
    i += extra + 1;
  }
}

/**
 * Lines → card-ready bytes (R-PW-1: a–z upper-cased on the copy); the error names the kind and
 * the rule codes, never the value. The password is never a JS string (docs/design.md §7): strings
 * cannot be wiped and outlive the visit in the heap.
 */
async function readSecrets(io: CliIo, kinds: readonly CertificateKind[], secrets: Secrets): Promise<void> {
  if (kinds.length === 0) return;
  const raw = await readSecretStdin(io.stdin, maxStdinBytes, 'passwords');
  try {
    kinds.forEach((kind, i) => {
      const line = lineAt(raw, i);
      if (line === undefined || line.length === 0) throw issuanceError('ISSUE_BAD_PASSWORD', `no ${kind} password on stdin line ${i + 1}`, [kind]);
      const errors = passwordErrorsOf(kind, codePoints(line));
      if (errors.length > 0) throw issuanceError('ISSUE_BAD_PASSWORD', `${kind} password refused: ${errors.join(', ')}`, errors);
      const bytes = new Uint8Array(line);
      for (let k = 0; k < bytes.length; k += 1) {
        const b = bytes[k] ?? 0;
        if (b >= 0x61 && b <= 0x7a) bytes[k] = b - 0x20;
      }
      secrets[kind] = bytes;
    });
  } finally {
    raw.fill(0);
  }
}

/**
 * parseArgs quotes what it could not place, and a password typed on the command line by
 * mistake would then be printed: name the argument by position and kind instead.
 */
function describeUnexpected(args: readonly string[], known: readonly string[]): string {
  const switches = new Set(['--json', '--progress']);
  const takesValue = new Set(known.map((k) => `--${k}`).filter((flag) => !switches.has(flag)));
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const flag = arg.split('=')[0] ?? '';
    if (takesValue.has(flag)) {
      if (!arg.includes('=')) i += 1;
      continue;
    }
    if (switches.has(arg)) continue;
    const kind = arg.startsWith('-') ? 'an option this command does not take' : 'a bare word';
    return `argument ${i + 1} is ${kind} (passwords are read from stdin, never from the command line)`;
  }
  return 'an option is missing its value';
}

function parseOptions(args: readonly string[], extra: readonly string[]) {
  let parsed: ReturnType<typeof parseCommon>;
  try {
    parsed = parseCommon(args, { ...Object.fromEntries(extra.map((name) => [name, { type: 'string' as const }])), progress: { type: 'boolean' } });
  } catch {
    throw new UsageError(describeUnexpected(args, ['data', 'json', 'progress', ...extra]));
  }
  if (parsed.positionals.length > 0) throw new UsageError(describeUnexpected(args, ['data', 'json', 'progress', ...extra]));
  return { ...parsed, progress: parsed.flags['progress'] === true };
}

/** Recovery at startup plus the owed revocation reports, as one report. */
async function recoveryOf(host: TerminalHost): Promise<RecoveryReport & { readonly revocationsReported: number }> {
  const late = await host.recover();
  const first = host.startupRecovery;
  return {
    cancelled: [...first.cancelled, ...late.cancelled],
    failed: [...first.failed, ...late.failed],
    completed: [...first.completed, ...late.completed],
    revocationsReported: late.revocationsReported,
  };
}

function report(io: CliIo, json: boolean, run: ProcedureRun, recovery: unknown): void {
  if (run.pickUp !== undefined) {
    const { cardSerial, source } = run.pickUp;
    const written = run.results.filter((a) => a.state === 'completed').length;
    printResult(io, json, { cardSerial, applications: run.results, source, recovery }, `card ${cardSerial}: ${written} of ${run.results.length} application(s) completed (${source})`);
    return;
  }
  const [result] = run.results;
  if (result === undefined) throw new Error('a procedure ended without a result');
  const certificates = result.certificates.map((c) => `; ${c.kind} ${c.serial} until ${c.notAfter}`).join('');
  printResult(io, json, { ...result, recovery }, `application ${result.applicationId}: ${result.state}${certificates}\n${nextStepMessages[result.receipt.nextStep].en}`);
}

async function runOnHost(data: string | undefined, io: CliIo, request: ApplicationRequest, reader: string | undefined, secrets: Secrets, output: { readonly json: boolean; readonly progress: boolean }): Promise<number> {
  const { json, progress } = output;
  return withHost(data, io, { pcsc: reader !== undefined, startSync: false, progress }, async (host) => {
    const recovery = await recoveryOf(host);
    if (request.procedure === 'pickUp') host.progress.emit('pickup-after-recover');
    let session: CardSession | undefined;
    try {
      if (reader !== undefined) session = await host.openCard(reader);
      try {
        const { run } = await host.runProcedureDetailed({ request, card: session?.card, secrets });
        report(io, json, run, recovery);
        return ExitCode.ok;
      } catch (error) {
        if (!(isIssuanceError(error)) || error.code !== 'ISSUE_NOT_ELIGIBLE') throw error;
        // R-PROC-6: a refusal ends with a receipt too, saying what was refused and why.
        const receipt = buildRefusalReceipt({ applicationId: error.facts.applicationId ?? null, procedure: request.procedure, applicantType: request.applicantType, today: jstDate(new Date()), certificates: request.certificates, reasons: error.details.reasons ?? [] });
        printResult(io, json, { refusalReceipt: refusalReceiptDocument(receipt), recovery }, formatRefusalReceipt(receipt).trimEnd());
        return errorExit(error, io);
      }
    } finally {
      await session?.close();
    }
  });
}

type Flags = ReturnType<typeof parseOptions>['flags'];

/**
 * A command that runs one procedure: its options, then the request and reader they name
 * (`prepare` refuses what is missing), the passwords the procedure sets from stdin, the host.
 */
function procedureCommand(about: Pick<CliCommand, 'path' | 'summary' | 'usage'>, options: readonly string[], prepare: (flags: Flags) => { request: ApplicationRequest; reader: string | undefined }): CliCommand {
  return {
    ...about,
    async run(args, io) {
      const { json, progress, data, flags } = parseOptions(args, options);
      const { request, reader } = prepare(flags);
      const secrets: Secrets = {};
      // Every path out of here wipes: a refused password, a terminal that never opens, a card error.
      try {
        try {
          await readSecrets(io, passwordKinds(request), secrets);
        } catch (error) {
          if (error instanceof UsageError) throw error;
          return errorExit(error, io);
        }
        return await runOnHost(data, io, request, reader, secrets, { json, progress });
      } finally {
        wipeAll(secrets);
      }
    },
  };
}

export const issueCommand = procedureCommand(
  { path: ['issue'], summary: 'run one counter procedure from an application file (issue, renew, resetPin, pickUp, revoke)', usage: issueUsage },
  ['reader', 'application'],
  (flags) => {
    const file = flags['application'];
    const reader = typeof flags['reader'] === 'string' ? flags['reader'] : undefined;
    if (typeof file !== 'string') throw new UsageError('--application FILE is required');
    const request = readApplication(file);
    if (handlerFor(request).card === 'required' && reader === undefined) throw new UsageError('--reader NAME is required for this procedure');
    return { request, reader };
  },
);

/** Pick-up sets no password (its procedure names none), so it reads nothing from stdin. */
export const pickupCommand = procedureCommand(
  { path: ['pickup'], summary: 'write certificates issued while offline onto the card in the reader (R-PROC-3)', usage: pickupUsage },
  ['reader', 'clerk'],
  (flags) => {
    const reader = flags['reader'];
    if (typeof reader !== 'string') throw new UsageError('--reader NAME is required');
    const clerk = typeof flags['clerk'] === 'string' ? flags['clerk'] : 'cli';
    return { request: applicationRequestSchema.parse({ procedure: 'pickUp', clerkId: clerk }), reader };
  },
);
