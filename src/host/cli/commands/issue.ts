/**
 * `madoguchi issue --reader NAME --application FILE`: one scripted procedure at the counter
 * (design.md §8). Passwords come on stdin, one per line: the signing password, then the
 * authentication PIN, only for the certificates the application names (password reset: the
 * PINs to set; pick-up, revocation and a voluntary proxy's first visit: none).
 *
 * `madoguchi pickup --reader NAME`: pick-up for the card in the reader (R-PROC-3), the same as
 * `issue` with `"procedure": "pickUp"`.
 *
 * Both first finish what a crash left (recovery), and `--json` prints the application id, its
 * state, each issued certificate's serial and notAfter, and the receipt.
 */
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { ConfigError } from '../../data-dir';
import { openTerminal, TerminalError, type CardSession, type Terminal } from '../../terminal';
import { CardError } from '../../../card/errors';
import { validatePassword } from '../../../domain/passwords';
import { certificateKinds, type CertificateKind } from '../../../domain/vocabulary';
import { applicationRequestSchema, type ApplicationRequest } from '../../../issuance/application-request';
import { crashPoint } from '../../../issuance/crash-point';
import { IssuanceError } from '../../../issuance/errors';
import { issueCertificates } from '../../../issuance/issue';
import { pickUp } from '../../../issuance/pickup';
import { resetPins } from '../../../issuance/reset-pin';
import { revokeCertificates } from '../../../issuance/revoke';
import type { Secrets } from '../../../issuance/secrets';
import { StoreError } from '../../../store/errors';
import { parseCommon } from '../common-options';

const issueUsage = 'usage: madoguchi issue --reader NAME --application FILE [--data DIR] [--json]   (passwords on stdin: sign, then auth)';
const pickupUsage = 'usage: madoguchi pickup --reader NAME [--data DIR] [--json]';
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

async function readStdin(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
    size += buffer.length;
    if (size > maxStdinBytes) throw new UsageError('stdin too large for passwords');
    chunks.push(buffer);
  }
  const all = Buffer.concat(chunks);
  for (const chunk of chunks) chunk.fill(0);
  return all;
}

/** The kinds whose password the procedure reads from stdin, in vocabulary order. */
export function passwordKinds(request: ApplicationRequest): CertificateKind[] {
  const needs = (request.procedure === 'issue' || request.procedure === 'renew' || request.procedure === 'resetPin') && !(request.applicantType === 'proxy' && request.continuesApplicationId === undefined);
  return needs ? certificateKinds.filter((k) => request.certificates.includes(k)) : [];
}

/** Lines → card-ready bytes; the error names the kind and the rule codes, never the value. */
async function readSecrets(io: CliIo, kinds: readonly CertificateKind[]): Promise<Secrets> {
  if (kinds.length === 0) return {};
  const raw = await readStdin(io.stdin);
  try {
    const lines = raw.toString('utf8').split('\n').map((l) => l.replace(/\r$/, ''));
    const secrets: Secrets = {};
    kinds.forEach((kind, i) => {
      const line = lines[i];
      if (line === undefined || line === '') throw new IssuanceError('ISSUE_BAD_PASSWORD', `no ${kind} password on stdin line ${i + 1}`, [kind]);
      const check = validatePassword(kind, line);
      if (!check.ok) throw new IssuanceError('ISSUE_BAD_PASSWORD', `${kind} password refused: ${check.errors.join(', ')}`, check.errors);
      secrets[kind] = new Uint8Array(Buffer.from(check.normalized, 'latin1'));
    });
    return secrets;
  } finally {
    raw.fill(0);
  }
}

function errorExit(error: unknown, io: CliIo): number {
  if (error instanceof IssuanceError) {
    io.stderr.write(`madoguchi: ${error.code}: ${error.message}\n`);
    const isJudgement = error.code === 'ISSUE_NOT_ELIGIBLE' || error.code === 'ISSUE_MISSING_DOCUMENTS' || error.code === 'ISSUE_BAD_PASSWORD';
    return isJudgement ? ExitCode.invalid : ExitCode.failure;
  }
  if (error instanceof CardError || error instanceof StoreError || error instanceof ConfigError || error instanceof TerminalError) {
    io.stderr.write(`madoguchi: ${error.code}: ${error.message}\n`);
    return ExitCode.failure;
  }
  throw error;
}

function print(io: CliIo, json: boolean, document: unknown, line: string): void {
  io.stdout.write(json ? `${JSON.stringify(document)}\n` : `${line}\n`);
}

async function withTerminal(data: string | undefined, io: CliIo, run: (terminal: Terminal) => Promise<number>): Promise<number> {
  let terminal: Terminal | undefined;
  try {
    terminal = await openTerminal({ dataFlag: data, env: io.env });
    return await run(terminal);
  } catch (error) {
    return errorExit(error, io);
  } finally {
    await terminal?.close();
  }
}

async function runPickup(terminal: Terminal, reader: string, actor: string, json: boolean, io: CliIo): Promise<number> {
  const recovery = await terminal.recover();
  crashPoint('pickup-after-recover');
  const session = await terminal.openCard(reader);
  try {
    const result = await pickUp(terminal.context, session.card, actor);
    const written = result.applications.filter((a) => a.state === 'completed').length;
    print(io, json, { ...result, recovery }, `card ${result.cardSerial}: ${written} of ${result.applications.length} application(s) completed (${result.source})`);
    return ExitCode.ok;
  } finally {
    await session.close();
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
    const needsCard = request.procedure !== 'revoke' && !(request.applicantType === 'proxy' && request.continuesApplicationId === undefined);
    if (needsCard && reader === undefined) throw new UsageError('--reader NAME is required for this procedure');
    let secrets: Secrets;
    try {
      secrets = await readSecrets(io, passwordKinds(request));
    } catch (error) {
      return errorExit(error, io);
    }
    return withTerminal(data, io, async (terminal) => {
      if (request.procedure === 'pickUp') return runPickup(terminal, reader ?? '', request.clerkId, json, io);
      const recovery = await terminal.recover();
      let session: CardSession | undefined;
      try {
        if (reader !== undefined) session = await terminal.openCard(reader);
        const card = session?.card;
        let result;
        if (request.procedure === 'revoke') result = await revokeCertificates(terminal.context, card, request);
        else if (card === undefined && request.applicantType === 'proxy') result = await issueCertificates(terminal.context, undefined, request, secrets);
        else if (card === undefined) throw new UsageError('--reader NAME is required for this procedure');
        else if (request.procedure === 'resetPin') result = await resetPins(terminal.context, card, request, secrets);
        else result = await issueCertificates(terminal.context, card, request, secrets);
        print(io, json, { ...result, recovery }, `application ${result.applicationId}: ${result.state}${result.certificates.map((c) => `; ${c.kind} ${c.serial} until ${c.notAfter}`).join('')}\n${result.receipt.nextStepText.en}`);
        return ExitCode.ok;
      } finally {
        for (const kind of certificateKinds) secrets[kind]?.fill(0);
        await session?.close();
      }
    });
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
    return withTerminal(data, io, (terminal) => runPickup(terminal, reader, clerk, json, io));
  },
};
