import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { certificateKinds } from '../domain/vocabulary';
import { caRequestHandler } from './http-handler';
import { findTrainingCaDir, hasJpkiHierarchy, loadJpkiHierarchy, writeJpkiHierarchy, type JpkiHierarchy } from './hierarchy';
import { ReferenceCaService, type CaBehaviour } from './service';
import { CaStore } from './store';
import { ensureTlsMaterial, type TlsFiles } from './tls-material';

export interface ReferenceCaOptions {
  readonly dataDir: string;
  /** 0 = an ephemeral port. */
  readonly port: number;
  readonly host?: string;
  /** Use the shipped training hierarchy instead of keys of its own. */
  readonly training?: boolean;
  /** Where the training `{sign,auth}-ca-{key,cert}.pem` are; default: found from the checkout. */
  readonly trainingCaDir?: string;
  readonly behaviour?: CaBehaviour;
}

export interface ReferenceCa {
  readonly url: string;
  readonly port: number;
  /** Both issuing CA certificates (sign, then auth), PEM. */
  readonly caCertsPem: string;
  /** Trust anchor for the TLS server certificate. */
  readonly tlsCaPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
  readonly files: TlsFiles & { readonly caDir: string; readonly database: string };
  readonly service: ReferenceCaService;
  close(): Promise<void>;
}

function loadHierarchy(options: ReferenceCaOptions): { hierarchy: JpkiHierarchy; caDir: string } {
  if (options.training === true) {
    const caDir = options.trainingCaDir ?? findTrainingCaDir();
    if (caDir === undefined || !hasJpkiHierarchy(caDir)) throw new Error('training CA hierarchy not found (resources/training/ca)');
    return { hierarchy: loadJpkiHierarchy(caDir), caDir };
  }
  const caDir = join(options.dataDir, 'ca');
  return { hierarchy: hasJpkiHierarchy(caDir) ? loadJpkiHierarchy(caDir) : writeJpkiHierarchy(caDir, 'JPKI-REFERENCE'), caDir };
}

/** Starts the reference central CA: HTTPS with client-certificate authentication, EST paths. */
export async function startReferenceCa(options: ReferenceCaOptions): Promise<ReferenceCa> {
  const host = options.host ?? '127.0.0.1';
  const { hierarchy, caDir } = loadHierarchy(options);
  const tls = ensureTlsMaterial(options.dataDir);
  const store = new CaStore(options.dataDir);
  const service = new ReferenceCaService(store, hierarchy, options.behaviour);
  const server: Server = createServer(
    {
      key: tls.serverKeyPem,
      cert: tls.serverCertPem,
      ca: tls.clientCaPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    caRequestHandler(service),
  );
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    caCertsPem: certificateKinds.map((k) => hierarchy[k].certPemText).join(''),
    tlsCaPem: tls.tlsCaPem,
    clientCertPem: tls.clientCertPem,
    clientKeyPem: tls.clientKeyPem,
    files: { ...tls.files, caDir, database: join(options.dataDir, 'ca.sqlite') },
    service,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
