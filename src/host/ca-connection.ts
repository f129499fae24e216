import { join } from 'node:path';
import { startReferenceCa, type ReferenceCa } from '../ca/reference-ca';
import { municipalityCodePattern, trainingTerminalIdentity, type TerminalIdentity } from '../ca/terminal-identity';
import { issueTerminalClientCertificate } from '../ca/tls-material';
import { configError, loadCaConnection, type CaConnection, type DataDirPaths, type LoadedConfig } from './data-dir';

export interface ResolvedCa {
  /** Undefined for a configured terminal without a `ca` section: it queues and never delivers. */
  readonly connection: CaConnection | undefined;
  /** The in-process reference CA a training terminal runs; the caller closes it. */
  readonly trainingCa?: ReferenceCa;
}

/**
 * Where this terminal's certificate requests go. A configured terminal names its CA in
 * config.json. A training terminal without one (docs/design.md §8) runs the reference CA with the
 * training hierarchy in-process on 127.0.0.1, its store in the data directory, so certificates
 * and idempotency keys persist across runs and processes.
 */
export async function resolveCa(paths: DataDirPaths, loaded: LoadedConfig, terminal?: TerminalIdentity): Promise<ResolvedCa> {
  if (loaded.config.ca !== undefined) return { connection: loadCaConnection(paths, loaded.config) };
  if (!loaded.config.training) return { connection: undefined };
  let trainingCa: ReferenceCa;
  try {
    trainingCa = await startReferenceCa({ dataDir: join(paths.dir, 'training-ca'), port: 0, host: '127.0.0.1', training: true });
  } catch (error) {
    throw configError('CONFIG_NO_CA', `training terminal, but the training CA could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The CA checks the CSR's terminal id against the client certificate: a training terminal
  // with an id of its own gets a certificate naming it (and its municipality).
  const training = trainingTerminalIdentity();
  const isOwn = terminal !== undefined && municipalityCodePattern.test(terminal.municipalityCode) && (terminal.terminalId !== training.terminalId || terminal.municipalityCode !== training.municipalityCode);
  const client = isOwn ? issueTerminalClientCertificate(join(paths.dir, 'training-ca'), terminal) : { certPem: trainingCa.clientCertPem, keyPem: trainingCa.clientKeyPem };
  return {
    connection: { url: trainingCa.url, trustAnchorPem: trainingCa.tlsCaPem, clientCertPem: client.certPem, clientKeyPem: client.keyPem },
    trainingCa,
  };
}
