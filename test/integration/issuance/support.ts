/**
 * Integration harness for the issuance tests: the reference CA's service behind an HTTPS
 * server that records every request body and can be "unplugged", a terminal data directory
 * configured for it, virtual cards kept in files, and the real CLI as a child process.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { writeJpkiHierarchy, type JpkiHierarchy } from '../../../src/ca/hierarchy';
import { caRequestHandler } from '../../../src/ca/http-handler';
import { ReferenceCaService } from '../../../src/ca/service';
import { CaStore } from '../../../src/ca/store';
import { ensureTlsMaterial, issueTerminalClientCertificate } from '../../../src/ca/tls-material';
import { saveCardFile } from '../../../src/virtual-card/card-file';
import { createCardState, type CardFacts } from '../../../src/virtual-card/card-state';
import { findSecret } from '../../unit/issuance/secret-scan';
import type { ProcedureStep } from '../../../src/issuance/steps';

export const repoRoot = resolve(__dirname, '../../..');

export interface RecordingCa {
  readonly url: string;
  readonly dataDir: string;
  readonly hierarchy: JpkiHierarchy;
  readonly service: ReferenceCaService;
  /** Every request body received, raw. */
  readonly bodies: Buffer[];
  /** While true every connection is dropped at once (an outage). */
  isDown: boolean;
  /** Certificates in the CA's own database, by application id and label. */
  issuedCount(where?: { applicationId?: string; label?: string }): number;
  close(): Promise<void>;
}

export async function startRecordingCa(dataDir: string): Promise<RecordingCa> {
  mkdirSync(dataDir, { recursive: true });
  const tls = ensureTlsMaterial(dataDir);
  const hierarchy = writeJpkiHierarchy(join(dataDir, 'ca'), 'JPKI-REFERENCE');
  const store = new CaStore(dataDir);
  const service = new ReferenceCaService(store, hierarchy);
  const handle = caRequestHandler(service);
  const bodies: Buffer[] = [];
  const server: Server = createServer({ key: tls.serverKeyPem, cert: tls.serverCertPem, ca: tls.clientCaPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => bodies.push(Buffer.concat([Buffer.from(`${req.method ?? ''} ${req.url ?? ''}\n`), ...Object.entries(req.headers).map(([k, v]) => Buffer.from(`${k}: ${String(v)}\n`)), ...chunks])));
    handle(req, res);
  });
  const ca: RecordingCa = {
    url: '',
    dataDir,
    hierarchy,
    service,
    bodies,
    isDown: false,
    issuedCount(where = {}) {
      const db = new BetterSqlite3(join(dataDir, 'ca.sqlite'), { readonly: true });
      try {
        const value = db
          .prepare('SELECT COUNT(*) FROM certificates WHERE (? IS NULL OR application_id = ?) AND (? IS NULL OR label = ?)')
          .pluck()
          .get(where.applicationId ?? null, where.applicationId ?? null, where.label ?? null, where.label ?? null);
        return typeof value === 'number' ? value : -1;
      } finally {
        db.close();
      }
    },
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      store.close();
    },
  };
  server.on('connection', (socket) => {
    if (ca.isDown) socket.destroy();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return Object.assign(ca, { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

export interface TerminalDir {
  readonly dir: string;
  readonly issuerPublicPem: string;
}

/** A data directory configured for `ca`, with its own issuer key (the cards trust its public half). */
export function makeTerminalDir(root: string, ca: RecordingCa, name = 'terminal'): TerminalDir {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(join(dir, 'issuer-key.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  const tlsDir = join(ca.dataDir, 'tls');
  // Each terminal its own client certificate: the CA checks the CSR's terminal id against it.
  const terminalId = `it-${name}`;
  const client = issueTerminalClientCertificate(ca.dataDir, { terminalId, municipalityCode: '21213' });
  writeFileSync(join(dir, 'client-cert.pem'), client.certPem);
  writeFileSync(join(dir, 'client-key.pem'), client.keyPem, { mode: 0o600 });
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      terminalId,
      training: true,
      ca: { url: ca.url, trustAnchorPem: join(tlsDir, 'tls-ca-cert.pem'), clientCertPem: join(dir, 'client-cert.pem'), clientKeyPem: join(dir, 'client-key.pem') },
      sync: { concurrency: 2, idleIntervalMs: 1000, connectTimeoutMs: 2000, responseTimeoutMs: 10_000 },
    }),
  );
  return { dir, issuerPublicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

let serial = 200000000000000 + (process.pid % 1000) * 1000;

export const resident = { name: '各務原 花子', address: '岐阜県各務原市那加桜町1丁目1番地', birthDate: '1980-02-17', sex: '2' } as const;

/** A blank card (no keys, JPKI PINs unset) trusting the terminal's issuer key, saved to a file. */
export function makeCardFile(root: string, issuerPublicPem: string, overrides: Partial<CardFacts> = {}): string {
  serial += 1;
  const file = join(root, 'cards', `${serial}.json`);
  const state = createCardState({
    serial: String(serial),
    municipalityCode: '21213',
    cardExpiry: '20350217',
    individualNumber: '123456789018',
    basicInfo: { ...resident },
    cardInfoPin: '1234',
    training: true,
    trustedIssuerKeys: [issuerPublicPem],
    ...overrides,
  });
  saveCardFile(file, state);
  return file;
}

export function writeApplication(root: string, document: unknown): string {
  const file = join(root, `application-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(document));
  return file;
}

export const issueDocument = {
  procedure: 'issue',
  applicantType: 'self',
  clerkId: 'clerk-it',
  documents: ['myNumberCard', 'applicationForm'],
  certificates: ['sign', 'auth'],
  basicInfo: resident,
};

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the compiled CLI (scripts/test builds first) without blocking this event loop. With
 * `crashAt`, the compiled crash runner runs it instead and SIGKILLs itself at that step.
 */
export function runCli(args: readonly string[], options: { stdin?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; crashAt?: ProcedureStep } = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const entry = options.crashAt === undefined ? [join(repoRoot, 'bin', 'madoguchi')] : [join(repoRoot, 'dist', 'test', 'integration', 'issuance', 'crash-runner.js'), options.crashAt];
    const child = spawn(process.execPath, [...entry, ...args], { cwd: repoRoot, env: { ...process.env, MADOGUCHI_DATA: '', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

export function tempRoot(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeRoot(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

/**
 * docs/design.md §7: where each password occurs in the terminal's files (database, WAL, logs,
 * config), the CA's received request bodies and any extra texts; `[]` when nowhere.
 */
export function passwordLeaks(terminalDir: string, ca: RecordingCa, passwords: readonly string[], extra: Record<string, string> = {}): string[] {
  // PEM files are the test's own keys; their base64 could hold any 4 digits by chance.
  const haystacks: [string, Uint8Array][] = allFiles(terminalDir)
    .filter((f) => !f.endsWith('.pem'))
    .map((f) => [f, readFileSync(f)]);
  for (const [name, text] of Object.entries(extra)) haystacks.push([name, Buffer.from(text)]);
  for (const [i, request] of ca.bodies.entries()) {
    // Request line and headers as sent; a base64 body (a CSR) is searched decoded, where a
    // leaked password would sit as plain bytes and chance matches in base64 text cannot occur.
    const split = request.lastIndexOf(0x0a) + 1;
    const body = request.subarray(split).toString('latin1');
    haystacks.push([`ca request ${i} head`, request.subarray(0, split)]);
    const isBase64 = body.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(body);
    haystacks.push([`ca request ${i} body`, isBase64 ? Buffer.from(body, 'base64') : Buffer.from(body, 'latin1')]);
  }
  return haystacks.flatMap(([name, bytes]) => passwords.flatMap((p) => findSecret(bytes, p).map((at) => `${name}@${at}`)));
}
