import { existsSync } from 'node:fs';
import { ExitCode, type CliCommand, type CliIo } from '../command';
import { isCardError } from '../../../card/errors';
import { inspectReaders, type CertificateSummary, type ReaderSummary } from '../../../card/inspect';
import { PcscContext } from '../../../card/pcsc-transport';
import { dataDirPaths, resolveDataDir } from '../../../host/data-dir';
import { openTerminalStore, parseFlags } from '../common-options';

const usage = 'usage: madoguchi cards [--reader NAME] [--data DIR] [--json]';

function parse(args: readonly string[]): { json: boolean; reader: string | undefined; data: string | undefined } {
  const values = parseFlags(args, { json: { type: 'boolean' }, reader: { type: 'string' }, data: { type: 'string' } });
  return { json: values.json === true, reader: values.reader, data: values.data };
}

const slotLabels = { auth: 'auth certificate', sign: 'sign certificate', authCa: 'auth CA', signCa: 'sign CA' } as const;

function describeCertificate(summary: CertificateSummary): string {
  switch (summary.status) {
    case 'present':
      return `${summary.subject}  serial ${summary.serialNumber}  until ${summary.notAfter}`;
    case 'absent':
      return 'none';
    case 'pinRequired':
      return 'present only behind the signing PIN (not read)';
  }
}

/** What this terminal's queue holds for a card: applications it still has to finish. */
export interface WaitingApplication {
  readonly applicationId: string;
  readonly procedure: string;
  readonly state: string;
}

type ReaderWithTerminal = ReaderSummary & { readonly waitingHere?: readonly WaitingApplication[] };

const openStates = ['awaiting_reply', 'queued', 'issued', 'written'] as const;

/**
 * Reads the terminal's database beside whoever owns it, only when it exists: listing cards
 * never creates a data directory.
 */
function withTerminalState(readers: readonly ReaderSummary[], data: string | undefined, env: NodeJS.ProcessEnv): { dataDir: string | null; readers: ReaderWithTerminal[] } {
  const dir = resolveDataDir(data, env);
  if (!existsSync(dataDirPaths(dir).database)) return { dataDir: null, readers: [...readers] };
  const { store, close } = openTerminalStore(data, env);
  try {
    return {
      dataDir: dir,
      readers: readers.map((reader) => {
        const serial = reader.card?.facts.serial;
        if (serial === undefined) return reader;
        const rows = store.applications.list({ states: openStates, cardSerial: serial }).rows;
        return { ...reader, waitingHere: rows.map((a) => ({ applicationId: a.id, procedure: a.procedure, state: a.state })) };
      }),
    };
  } finally {
    close();
  }
}

export function formatReaders(readers: readonly ReaderWithTerminal[]): string {
  if (readers.length === 0) return 'no readers\n';
  const lines: string[] = [];
  for (const reader of readers) {
    lines.push(`${reader.name}: ${reader.isCardPresent ? `card (ATR ${reader.atr})` : 'no card'}`);
    if (reader.error !== undefined) lines.push(`  error ${reader.error.code}: ${reader.error.message}`);
    const card = reader.card;
    if (card === undefined) continue;
    const { facts, pins } = card;
    lines.push(`  type ${facts.cardType}  serial ${facts.serial}  municipality ${facts.municipalityCode}  card expiry ${facts.cardExpiry}`);
    const tries = (p: { triesLeft: number; maxTries: number; isBlocked: boolean } | undefined) =>
      p === undefined ? 'n/a' : `${p.triesLeft}/${p.maxTries}${p.isBlocked ? ' (locked)' : ''}`;
    lines.push(`  PIN tries left: sign ${tries(pins.sign)}, auth ${tries(pins.auth)}, card-info ${tries(pins.cardInfo)}`);
    for (const slot of ['auth', 'sign', 'authCa', 'signCa'] as const) lines.push(`  ${slotLabels[slot]}: ${describeCertificate(card.certificates[slot])}`);
    if (reader.waitingHere !== undefined) {
      const waiting = reader.waitingHere.map((a) => `${a.procedure} ${a.applicationId} (${a.state})`);
      lines.push(`  waiting at this terminal: ${waiting.length === 0 ? 'nothing' : waiting.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function listCards({ json, reader, data }: ReturnType<typeof parse>, io: CliIo): Promise<number> {
  let context: PcscContext | undefined;
  try {
    context = await PcscContext.open();
    const inspected = await inspectReaders(context, { readerName: reader });
    const { dataDir, readers } = withTerminalState(inspected, data, io.env);
    io.stdout.write(json ? `${JSON.stringify({ dataDir, readers })}\n` : formatReaders(readers));
    return ExitCode.ok;
  } catch (error) {
    if (!(isCardError(error))) throw error;
    io.stderr.write(`madoguchi cards: ${error.code}: ${error.message}\n`);
    return ExitCode.failure;
  } finally {
    // Releases every reader watch thread, or the process would never exit.
    await context?.close();
  }
}

/** `madoguchi cards`: readers and cards as PC/SC sees them (docs/design.md §8). */
export const cardsCommand: CliCommand = {
  path: ['cards'],
  summary: 'list readers and cards: type, serial, municipality code, expiry, PIN tries, certificates',
  usage,
  run: async (args, io) => listCards(parse(args), io),
};
