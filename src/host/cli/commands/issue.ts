/**
 * `madoguchi issue --reader NAME --application FILE`: one scripted procedure at the counter
 * (design.md §8). Passwords come on stdin, one per line: the signing password, then the
 * authentication PIN, only for the certificates the procedure sets (the procedure map in
 * host/procedures.ts decides which, and whether the card is needed).
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
import { nextStepMessages } from '../../../../renderer/i18n/receipt';
import { validatePassword } from '../../../domain/passwords';
import type { CertificateKind } from '../../../domain/vocabulary';
import { applicationRequestSchema, type ApplicationRequest } from '../../../issuance/application-request';
import { IssuanceError } from '../../../issuance/errors';
import type { RecoveryReport } from '../../../issuance/recover';
import { wipeAll, type Secrets } from '../../../issuance/secrets';
import type { TerminalHost } from '../../host';
import type { CardSession } from '../../host-types';
import { handlerFor, type ProcedureRun } from '../../procedures';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { parseCommon } from '../common-options';
import { readSecretStdin } from '../secret-stdin';
import { errorExit, withHost } from '../host-command';

const issueUsage = 'usage: madoguchi issue --reader NAME --application FILE [--data DIR] [--json]   (passwords on stdin: sign, then auth)';
const pickupUsage = 'usage: madoguchi pickup --reader NAME [--clerk ID] [--data DIR] [--json]';
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

/** Lines → card-ready bytes; the error names the kind and the rule codes, never the value. */
async function readSecrets(io: CliIo, kinds: readonly CertificateKind[]): Promise<Secrets> {
  if (kinds.length === 0) return {};
  const raw = await readSecretStdin(io.stdin, maxStdinBytes, 'passwords');
  const secrets: Secrets = {};
  try {
    const lines = raw.toString('utf8').split('\n').map((l) => l.replace(/\r$/, ''));
    kinds.forEach((kind, i) => {
      const line = lines[i];
      if (line === undefined || line === '') throw new IssuanceError('ISSUE_BAD_PASSWORD', `no ${kind} password on stdin line ${i + 1}`, [kind]);
      const check = validatePassword(kind, line);
      if (!check.ok) throw new IssuanceError('ISSUE_BAD_PASSWORD', `${kind} password refused: ${check.errors.join(', ')}`, check.errors);
      secrets[kind] = new Uint8Array(Buffer.from(check.normalized, 'latin1'));
    });
    return secrets;
  } catch (error) {
    wipeAll(secrets);
    throw error;
  } finally {
    raw.fill(0);
  }
}

function print(io: CliIo, json: boolean, document: unknown, line: string): void {
  io.stdout.write(json ? `${JSON.stringify(document)}\n` : `${line}\n`);
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
    print(io, json, { cardSerial, applications: run.results, source, recovery }, `card ${cardSerial}: ${written} of ${run.results.length} application(s) completed (${source})`);
    return;
  }
  const [result] = run.results;
  if (result === undefined) throw new Error('a procedure ended without a result');
  const certificates = result.certificates.map((c) => `; ${c.kind} ${c.serial} until ${c.notAfter}`).join('');
  print(io, json, { ...result, recovery }, `application ${result.applicationId}: ${result.state}${certificates}\n${nextStepMessages[result.receipt.nextStep].en}`);
}

async function runOnHost(data: string | undefined, io: CliIo, request: ApplicationRequest, reader: string | undefined, secrets: Secrets, json: boolean): Promise<number> {
  try {
    return await withHost(data, io, { pcsc: reader !== undefined, startSync: false }, async (host) => {
      const recovery = await recoveryOf(host);
      if (request.procedure === 'pickUp') io.onStep?.('pickup-after-recover');
      let session: CardSession | undefined;
      try {
        if (reader !== undefined) session = await host.openCard(reader);
        const { run } = await host.runProcedureDetailed({ request, card: session?.card, secrets });
        report(io, json, run, recovery);
        return ExitCode.ok;
      } finally {
        await session?.close();
      }
    });
  } finally {
    // Also when the host or the card never opened.
    wipeAll(secrets);
  }
}

export const issueCommand: CliCommand = {
  path: ['issue'],
  summary: 'run one counter procedure from an application file (issue, renew, resetPin, pickUp, revoke)',
  usage: issueUsage,
  async run(args, io) {
    const { json, data, flags, positionals } = parseCommon(args, { reader: { type: 'string' }, application: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
    const file = flags['application'];
    const reader = typeof flags['reader'] === 'string' ? flags['reader'] : undefined;
    if (typeof file !== 'string') throw new UsageError('--application FILE is required');
    const request = readApplication(file);
    if (handlerFor(request).card === 'required' && reader === undefined) throw new UsageError('--reader NAME is required for this procedure');
    let secrets: Secrets;
    try {
      secrets = await readSecrets(io, passwordKinds(request));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      return errorExit(error, io);
    }
    return runOnHost(data, io, request, reader, secrets, json);
  },
};

export const pickupCommand: CliCommand = {
  path: ['pickup'],
  summary: 'write certificates issued while offline onto the card in the reader (R-PROC-3)',
  usage: pickupUsage,
  async run(args, io) {
    const { json, data, flags, positionals } = parseCommon(args, { reader: { type: 'string' }, clerk: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
    const reader = flags['reader'];
    if (typeof reader !== 'string') throw new UsageError('--reader NAME is required');
    const clerk = typeof flags['clerk'] === 'string' ? flags['clerk'] : 'cli';
    const request = applicationRequestSchema.parse({ procedure: 'pickUp', clerkId: clerk });
    return runOnHost(data, io, request, reader, {}, json);
  },
};
