/**
 * Is this data directory ready for a production terminal? (docs/provisioning.md)
 * Every problem at once, each as a code with the field or file at fault, so IT fixes a terminal
 * in one pass. Reads only: nothing is created, migrated or repaired, and no key material or PIN
 * hash ends up in a problem.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { accessSync, constants, existsSync, lstatSync, readFileSync, statSync, type Stats } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { ConfigCheckCode, ConfigCheckProblem } from '../api/config-check';
import { configPath, dataDirPaths, terminalConfigSchema, validateConfig, type DataDirPaths, type TerminalConfig } from './data-dir';

export interface ConfigCheckEnvironment {
  readonly now: Date;
  /** The user the terminal runs as; undefined where the platform has no uids (Windows). */
  readonly uid: number | undefined;
}

export interface ConfigCheckResult {
  readonly dataDir: string;
  readonly problems: readonly ConfigCheckProblem[];
}

type Problems = ConfigCheckProblem[];

function readConfigJson(paths: DataDirPaths, problems: Problems): unknown {
  if (!existsSync(paths.config)) {
    problems.push({ code: 'CONFIG_MISSING', file: paths.config });
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(paths.config, 'utf8')) as unknown;
  } catch (error) {
    problems.push({ code: 'CONFIG_UNREADABLE', file: paths.config, detail: error instanceof SyntaxError ? 'not JSON' : 'cannot be read' });
    return undefined;
  }
}

/** Reads a file named by config.json, reporting a missing or unreadable one under its field. */
function readNamedFile(file: string, field: string, problems: Problems): Buffer | undefined {
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch {
    problems.push({ code: 'FILE_MISSING', field, file });
    return undefined;
  }
  if (!stat.isFile()) {
    problems.push({ code: 'FILE_UNREADABLE', field, file, detail: 'not a regular file' });
    return undefined;
  }
  try {
    return readFileSync(file);
  } catch {
    problems.push({ code: 'FILE_UNREADABLE', field, file });
    return undefined;
  }
}

/**
 * A private key file: a regular file (a symlink could be swapped to another key by whoever owns
 * its directory), owner-only (0600 or stricter), owned by the user the terminal runs as.
 */
function checkKeyFileAccess(file: string, field: string, env: ConfigCheckEnvironment, problems: Problems): void {
  let link: Stats;
  try {
    link = lstatSync(file);
  } catch {
    return; // reported as FILE_MISSING by the read
  }
  if (link.isSymbolicLink()) {
    problems.push({ code: 'KEY_FILE_SYMLINK', field, file });
    return;
  }
  if ((link.mode & 0o077) !== 0) problems.push({ code: 'KEY_FILE_MODE', field, file, detail: `mode ${(link.mode & 0o777).toString(8).padStart(4, '0')}, expected 0600` });
  if (env.uid !== undefined && link.uid !== env.uid) problems.push({ code: 'KEY_FILE_OWNER', field, file, detail: `owner uid ${link.uid}, terminal runs as uid ${env.uid}` });
}

function parseCertificate(pem: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function parsePrivateKey(pem: Buffer): KeyObject | undefined {
  try {
    return createPrivateKey(pem);
  } catch {
    return undefined;
  }
}

function checkValidity(cert: X509Certificate, now: Date, field: string, file: string, expired: ConfigCheckCode, notYet: ConfigCheckCode | undefined, problems: Problems): void {
  const notAfter = new Date(cert.validTo);
  const notBefore = new Date(cert.validFrom);
  if (notAfter.getTime() < now.getTime()) problems.push({ code: expired, field, file, detail: `expired ${notAfter.toISOString()}` });
  else if (notYet !== undefined && notBefore.getTime() > now.getTime()) problems.push({ code: notYet, field, file, detail: `valid from ${notBefore.toISOString()}` });
}

function checkCa(paths: DataDirPaths, ca: TerminalConfig['ca'], env: ConfigCheckEnvironment, problems: Problems): void {
  if (ca === undefined) {
    problems.push({ code: 'CA_NOT_CONFIGURED', field: 'ca' });
    return;
  }
  const anchorFile = configPath(paths, ca.trustAnchorPem);
  const anchorPem = readNamedFile(anchorFile, 'ca.trustAnchorPem', problems);
  if (anchorPem !== undefined) {
    const anchor = parseCertificate(anchorPem);
    if (anchor === undefined) problems.push({ code: 'TRUST_ANCHOR_INVALID', field: 'ca.trustAnchorPem', file: anchorFile });
    else {
      if (!anchor.ca) problems.push({ code: 'TRUST_ANCHOR_NOT_CA', field: 'ca.trustAnchorPem', file: anchorFile });
      checkValidity(anchor, env.now, 'ca.trustAnchorPem', anchorFile, 'TRUST_ANCHOR_EXPIRED', undefined, problems);
    }
  }

  const certFile = configPath(paths, ca.clientCertPem);
  const certPem = readNamedFile(certFile, 'ca.clientCertPem', problems);
  const cert = certPem === undefined ? undefined : parseCertificate(certPem);
  if (certPem !== undefined && cert === undefined) problems.push({ code: 'CLIENT_CERT_INVALID', field: 'ca.clientCertPem', file: certFile });
  if (cert !== undefined) checkValidity(cert, env.now, 'ca.clientCertPem', certFile, 'CLIENT_CERT_EXPIRED', 'CLIENT_CERT_NOT_YET_VALID', problems);

  const keyFile = configPath(paths, ca.clientKeyPem);
  checkKeyFileAccess(keyFile, 'ca.clientKeyPem', env, problems);
  const keyPem = readNamedFile(keyFile, 'ca.clientKeyPem', problems);
  const key = keyPem === undefined ? undefined : parsePrivateKey(keyPem);
  keyPem?.fill(0);
  if (keyPem !== undefined && key === undefined) problems.push({ code: 'CLIENT_KEY_INVALID', field: 'ca.clientKeyPem', file: keyFile });
  if (cert !== undefined && key !== undefined && !cert.checkPrivateKey(key)) problems.push({ code: 'CLIENT_KEY_MISMATCH', field: 'ca.clientKeyPem', file: keyFile });
}

/** The cards trust an EC P-256 issuer key (docs/design.md §4, src/card/issuer.ts). */
function checkIssuerKey(paths: DataDirPaths, issuerKeyPem: string | undefined, env: ConfigCheckEnvironment, problems: Problems): void {
  if (issuerKeyPem === undefined) {
    problems.push({ code: 'ISSUER_KEY_NOT_CONFIGURED', field: 'issuerKeyPem' });
    return;
  }
  const file = configPath(paths, issuerKeyPem);
  checkKeyFileAccess(file, 'issuerKeyPem', env, problems);
  const pem = readNamedFile(file, 'issuerKeyPem', problems);
  if (pem === undefined) return;
  const key = parsePrivateKey(pem);
  pem.fill(0);
  if (key === undefined) problems.push({ code: 'ISSUER_KEY_INVALID', field: 'issuerKeyPem', file });
  else if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    problems.push({ code: 'ISSUER_KEY_WRONG_TYPE', field: 'issuerKeyPem', file, detail: `${key.asymmetricKeyType ?? 'unknown'} ${key.asymmetricKeyDetails?.namedCurve ?? key.asymmetricKeyDetails?.modulusLength ?? ''}`.trim() });
  }
}

/**
 * An integrity check and nothing else: no migration, no recovery. Opened read-write on purpose:
 * a read-only connection to a WAL database leaves -wal/-shm files behind (owned by whoever ran
 * the check), while the last read-write connection removes them and leaves the file untouched.
 */
function checkStore(paths: DataDirPaths, problems: Problems): void {
  if (!existsSync(paths.database)) return;
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(paths.database, { fileMustExist: true, timeout: 2000 });
    const rows = db.pragma('quick_check(1)') as Array<Record<string, unknown>>;
    const verdict = rows[0] === undefined ? undefined : Object.values(rows[0])[0];
    if (verdict !== 'ok') problems.push({ code: 'STORE_UNOPENABLE', file: paths.database, detail: 'integrity check failed' });
  } catch (error) {
    problems.push({ code: 'STORE_UNOPENABLE', file: paths.database, detail: error instanceof Error ? error.message.slice(0, 200) : 'cannot be opened' });
  } finally {
    db?.close();
  }
}

/** The file-naming sections on their own ('malformed' when the schema already reported them). */
function sectionsOf(json: unknown): { ca: TerminalConfig['ca'] | 'malformed'; issuerKeyPem: string | undefined | 'malformed' } {
  const record: Record<string, unknown> = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const ca = terminalConfigSchema.shape.ca.safeParse(record['ca']);
  const issuer = terminalConfigSchema.shape.issuerKeyPem.safeParse(record['issuerKeyPem']);
  return { ca: ca.success ? ca.data : 'malformed', issuerKeyPem: issuer.success ? issuer.data : 'malformed' };
}

export function checkDataDir(dir: string, env: ConfigCheckEnvironment): ConfigCheckResult {
  const paths = dataDirPaths(dir);
  const problems: Problems = [];
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) return { dataDir: dir, problems: [{ code: 'DATA_DIR_MISSING', file: dir }] };
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    problems.push({ code: 'DATA_DIR_NOT_WRITABLE', file: dir });
  }

  const json = readConfigJson(paths, problems);
  if (json !== undefined) {
    const result = validateConfig(json);
    if (!result.ok) for (const p of result.problems) problems.push({ code: 'CONFIG_INVALID', field: p.field, file: paths.config, detail: p.message });
    else if (result.config.training) problems.push({ code: 'CONFIG_TRAINING', field: 'training', file: paths.config });
    // The key files are checked even when another field is wrong, so nothing waits for a second run.
    const sections = sectionsOf(json);
    if (sections.ca !== 'malformed') checkCa(paths, sections.ca, env, problems);
    if (sections.issuerKeyPem !== 'malformed') checkIssuerKey(paths, sections.issuerKeyPem, env, problems);
  }
  checkStore(paths, problems);
  return { dataDir: dir, problems };
}
