import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { certificateKinds } from '../domain/vocabulary';
import { caRequestHandler, defaultBodyTimeoutMs } from './http-handler';
import { findTrainingCaDir, hasJpkiHierarchy, loadJpkiHierarchy, writeJpkiHierarchy, type JpkiHierarchy } from './hierarchy';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { issuerSignerFromPem, type IssuerSigner } from '../card/issuer';
import { ResetStore } from './reset-store';
import { SelfResetService, type ResetLimits } from './self-reset';
import { ReferenceCaService, type CaBehaviour } from './service';
import { CaStore } from './store';
import { recordTrainingCertificates } from './training-records';
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
  /**
   * The issuer key (PEM) this CA signs self-service reset authorisations with. Training
   * mode defaults to the training issuer key next to the training hierarchy; without one the
   * x-reset endpoints answer 404.
   */
  readonly resetIssuerKeyPem?: string;
  readonly resetLimits?: ResetLimits;
  /** Bounds other than the shipped `caServerLimits` (a smaller machine, a test that watches one fire). */
  readonly limits?: Partial<CaServerLimits>;
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
  readonly selfReset: SelfResetService;
  /**
   * A rehearsed outage (training): while unreachable every connection is dropped as it arrives,
   * as a cut network would, and the connections already open are closed.
   */
  setReachable(isReachable: boolean): void;
  isReachable(): boolean;
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

/** The issuer key for x-reset: given, or in training the shipped `issuer/issuer-key.pem` beside `ca/`. */
function resetIssuer(options: ReferenceCaOptions, caDir: string): IssuerSigner | undefined {
  if (options.resetIssuerKeyPem !== undefined) return issuerSignerFromPem(options.resetIssuerKeyPem);
  if (options.training !== true) return undefined;
  const file = join(dirname(caDir), 'issuer', 'issuer-key.pem');
  return existsSync(file) ? issuerSignerFromPem(readFileSync(file, 'utf8')) : undefined;
}

/**
 * TLS 1.2 suites: ECDHE with AEAD only (no CBC, no static RSA); the TLS 1.3 suites (all AEAD)
 * stay allowed. Both ECDSA (our server key) and RSA variants, for operators who swap the key.
 */
export const aeadCiphers = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/**
 * Bounds under load: an idle socket costs memory (tens of KiB with TLS state), so their number
 * and lifetime are capped; the product is the memory ceiling.
 */
export interface CaServerLimits {
  readonly handshakeTimeoutMs: number;
  readonly maxConnections: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly idleSocketMs: number;
  /** A body that stalls is answered 408 `CA_REQUEST_TIMEOUT` after this long. */
  readonly bodyTimeoutMs: number;
}

export const caServerLimits: CaServerLimits = Object.freeze({
  handshakeTimeoutMs: 5_000,
  maxConnections: 4_096,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleSocketMs: 15_000,
  bodyTimeoutMs: defaultBodyTimeoutMs,
});

/** Starts the reference central CA: HTTPS with client-certificate authentication, EST paths. */
export async function startReferenceCa(options: ReferenceCaOptions): Promise<ReferenceCa> {
  const host = options.host ?? '127.0.0.1';
  const limits: CaServerLimits = { ...caServerLimits, ...options.limits };
  const { hierarchy, caDir } = loadHierarchy(options);
  const tls = ensureTlsMaterial(options.dataDir);
  const store = new CaStore(options.dataDir);
  try {
    // The training cards ship with certificates of the training hierarchy: the CA knows their cards.
    if (options.training === true) recordTrainingCertificates(store, hierarchy, dirname(caDir));
  } catch (error) {
    store.close();
    throw error;
  }
  const service = new ReferenceCaService(store, hierarchy, options.behaviour);
  const selfReset = new SelfResetService(store, new ResetStore(store.db), hierarchy, resetIssuer(options, caDir), options.resetLimits);
  const server: Server = createServer(
    {
      key: tls.serverKeyPem,
      cert: tls.serverCertPem,
      ca: tls.clientCaPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      ciphers: aeadCiphers,
      // A connection that never finishes its handshake is dropped after seconds, not Node's 120.
      handshakeTimeout: limits.handshakeTimeoutMs,
      // Node checks headers/request timeouts on this tick (30 s by default, longer than them).
      connectionsCheckingInterval: 1_000,
    },
    caRequestHandler(service, { selfReset, bodyTimeoutMs: limits.bodyTimeoutMs }),
  );
  let isReachable = true;
  server.on('connection', (socket: Socket) => {
    if (!isReachable) socket.destroy();
  });
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = 5_000;
  // A TLS connection that never sends a request is not covered by the headers timeout.
  server.timeout = limits.idleSocketMs;
  // Node answers a headers/request timeout itself; ours adds the code so a terminal can tell.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && !socket.destroyed) {
      const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const status = timeout ? '408 Request Timeout' : '400 Bad Request';
      const code = timeout ? 'CA_REQUEST_TIMEOUT' : 'CA_BAD_REQUEST';
      socket.end(`HTTP/1.1 ${status}\r\nCa-Error-Code: ${code}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    socket.destroy();
  });
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
    selfReset,
    setReachable(reachable) {
      isReachable = reachable;
      if (!reachable) server.closeAllConnections();
    },
    isReachable: () => isReachable,
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
