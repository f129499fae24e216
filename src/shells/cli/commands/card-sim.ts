import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { resolveDataDir } from '../../../host/data-dir';
import { cardFileErrorCodes, loadCardFile, persistTo, saveCardFile } from '../../../virtual-card/card-file';
import { VirtualCardEngine } from '../../../virtual-card/engine';
import { loadResidents, trainingDir } from '../../../virtual-card/training';
import { VpcdLink, vpcdLinkErrorCodes } from '../../../virtual-card/vpcd-link';
import { isCodedError } from '../../../errors/coded-error';
import { parseFlags } from '../common-options';

const usage = 'usage: madoguchi card-sim --slot N (--resident ID | --card FILE) [--data DIR] [--json]';

interface Options {
  readonly slot: number;
  readonly resident: string | undefined;
  readonly card: string | undefined;
  readonly data: string | undefined;
  readonly json: boolean;
}

function parse(args: readonly string[]): Options {
  const values = parseFlags(args, { slot: { type: 'string' }, resident: { type: 'string' }, card: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' } });
  const slot = Number(values.slot ?? '0');
  if (!Number.isInteger(slot) || slot < 0 || slot > 15) throw new UsageError('--slot must be a vpcd slot number (0, 1, …)');
  if ((values.resident === undefined) === (values.card === undefined)) throw new UsageError('give exactly one of --resident ID and --card FILE');
  return { slot, resident: values.resident, card: values.card, data: values.data, json: values.json === true };
}

/** The training card is copied on first use so the shipped file is never modified. */
function residentCardFile(id: string, dataFlag: string | undefined, io: CliIo): string {
  const dir = trainingDir();
  const resident = loadResidents(dir).residents.find((r) => r.id === id);
  if (resident === undefined) throw new UsageError(`no training resident '${id}'`);
  const target = path.join(resolveDataDir(dataFlag, io.env), 'cards', `${id}.json`);
  if (!fs.existsSync(target)) saveCardFile(target, loadCardFile(path.join(dir, resident.cardFile)));
  return target;
}

function waitForRemoval(link: VpcdLink): Promise<'signal' | 'vpcd'> {
  return new Promise((resolve) => {
    const onSignal = () => {
      cleanup();
      resolve('signal');
    };
    const cleanup = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    void link.closed.then(() => {
      cleanup();
      resolve('vpcd');
    });
  });
}

export const cardSimCommand: CliCommand = {
  path: ['card-sim'],
  summary: 'put a virtual card into a vpcd reader until SIGTERM/SIGINT',
  usage,
  async run(args, io) {
    const options = parse(args);
    let file: string;
    let engine: VirtualCardEngine;
    try {
      file = options.resident !== undefined ? residentCardFile(options.resident, options.data, io) : path.resolve(options.card ?? '');
      engine = VirtualCardEngine.fromState(loadCardFile(file));
    } catch (error) {
      if (isCodedError(error, cardFileErrorCodes)) {
        io.stderr.write(`madoguchi card-sim: ${error.message}\n`);
        return ExitCode.failure;
      }
      throw error;
    }
    persistTo(engine, file);
    let link: VpcdLink;
    try {
      link = await VpcdLink.connect(engine, { slot: options.slot, connectTimeoutMs: 30_000 });
    } catch (error) {
      if (isCodedError(error, vpcdLinkErrorCodes)) {
        io.stderr.write(`madoguchi card-sim: ${error.message} (is pcscd with vpcd running? scripts/pcscd-up)\n`);
        return ExitCode.failure;
      }
      throw error;
    }
    io.stdout.write(options.json ? `${JSON.stringify({ reader: link.readerName, card: file })}\n` : `inserted ${file} into ${link.readerName}\n`);
    const how = await waitForRemoval(link);
    if (how === 'signal') await link.remove();
    saveCardFile(file, engine.snapshot());
    if (!options.json) io.stdout.write(`removed from ${link.readerName}\n`);
    return ExitCode.ok;
  },
};
