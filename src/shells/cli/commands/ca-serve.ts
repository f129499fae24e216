import { join, resolve } from 'node:path';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { resolveDataDir } from '../../../host/data-dir';
import { startReferenceCa } from '../../../ca/reference-ca';
import type { CaBehaviour } from '../../../ca/service';

const usage = [
  'usage: madoguchi ca serve [--port N] [--data DIR] [--host ADDR] [--training] [--json]',
  '                          [--pending-polls N] [--retry-after S] [--issue-delay-ms N]',
  '  --pending-polls N  answer 202 + Retry-After N times per new enrollment (client tests)',
].join('\n');

interface ServeArgs {
  readonly port: number;
  readonly data: string | undefined;
  readonly host: string;
  readonly training: boolean;
  readonly json: boolean;
  readonly behaviour: CaBehaviour;
}

function count(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!/^\d{1,7}$/.test(text) || n > max) throw new UsageError(`${flag} must be 0..${max}`);
  return n;
}

function parseArgs(args: readonly string[]): ServeArgs {
  let port = 8443;
  let data: string | undefined;
  let host = '127.0.0.1';
  let training = false;
  let json = false;
  const behaviour: { pendingPolls?: number; retryAfterSeconds?: number; issueDelayMs?: number } = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const value = (): string => {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg ?? ''} needs a value`);
      i += 1;
      return next;
    };
    if (arg === '--port') {
      const text = value();
      port = Number(text);
      if (!/^\d{1,5}$/.test(text) || port > 65535) throw new UsageError('--port must be 0..65535');
    } else if (arg === '--data') data = value();
    else if (arg === '--host') host = value();
    else if (arg === '--training') training = true;
    else if (arg === '--json') json = true;
    else if (arg === '--pending-polls') behaviour.pendingPolls = count(arg, value(), 1000);
    else if (arg === '--retry-after') behaviour.retryAfterSeconds = count(arg, value(), 86_400);
    else if (arg === '--issue-delay-ms') behaviour.issueDelayMs = count(arg, value(), 600_000);
    else throw new UsageError(`unknown option ${arg ?? ''}`);
  }
  return { port, data, host, training, json, behaviour };
}

/** Resolves on the first SIGINT/SIGTERM; the handlers are removed afterwards. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

async function serve(args: ServeArgs, io: CliIo): Promise<number> {
  // Never the terminal's own directory: the CA keeps its keys and database apart.
  const dataDir = args.data !== undefined ? resolve(args.data) : join(resolveDataDir(undefined, io.env), 'reference-ca');
  let ca: Awaited<ReturnType<typeof startReferenceCa>>;
  try {
    ca = await startReferenceCa({ dataDir, port: args.port, host: args.host, training: args.training, behaviour: args.behaviour });
  } catch (error) {
    io.stderr.write(`madoguchi: the reference CA did not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.failure;
  }
  const stopped = untilSignal();
  const info = {
    url: ca.url,
    port: ca.port,
    dataDir,
    training: args.training,
    behaviour: args.behaviour,
    files: ca.files,
    // What a terminal's config.json needs to reach this CA (docs/design.md §6).
    terminalConfig: { ca: { url: ca.url, trustAnchorPem: ca.files.tlsCaCert, clientCertPem: ca.files.clientCert, clientKeyPem: ca.files.clientKey } },
  };
  if (args.json) io.stdout.write(`${JSON.stringify(info)}\n`);
  else {
    io.stdout.write(
      [
        `reference CA listening on ${ca.url}${args.training ? ' (training hierarchy)' : ''}`,
        `  CA keys and certificates: ${ca.files.caDir}`,
        `  database:                 ${ca.files.database}`,
        `  TLS trust anchor:         ${ca.files.tlsCaCert}`,
        `  terminal client cert:     ${ca.files.clientCert}`,
        `  terminal client key:      ${ca.files.clientKey}`,
        'stop with Ctrl-C or SIGTERM',
        '',
      ].join('\n'),
    );
  }
  const signal = await stopped;
  await ca.close();
  if (!args.json) io.stdout.write(`stopped (${signal})\n`);
  return ExitCode.ok;
}

/** `madoguchi ca serve`: the reference central CA (docs/design.md §6, §8). */
export const caServeCommand: CliCommand = {
  path: ['ca', 'serve'],
  summary: 'run the reference central CA (EST over HTTPS with client certificates)',
  usage,
  run: (args, io) => serve(parseArgs(args), io),
};
