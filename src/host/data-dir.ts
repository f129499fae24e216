import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { CodedError, isCodedError } from '../errors/coded-error';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { clerkListSchema } from './clerks';

export interface DataDirPaths {
  readonly dir: string;
  readonly database: string;
  readonly config: string;
  readonly logs: string;
}

/**
 * docs/design.md §8: `--data DIR`, else `$MADOGUCHI_DATA`, else `${XDG_DATA_HOME:-~/.local/share}/madoguchi`.
 * Two runs with two data directories never share state.
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv, home: string = homedir()): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  const fromEnv = env['MADOGUCHI_DATA'];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const xdg = env['XDG_DATA_HOME'];
  const base = xdg !== undefined && xdg !== '' && isAbsolute(xdg) ? xdg : join(home, '.local', 'share');
  return join(base, 'madoguchi');
}

export function dataDirPaths(dir: string): DataDirPaths {
  return { dir, database: join(dir, 'madoguchi.sqlite'), config: join(dir, 'config.json'), logs: join(dir, 'logs') };
}

/** Creates the directory (owner-only: it holds personal data and the terminal key) and `logs/`. */
export function ensureDataDir(dir: string): DataDirPaths {
  const paths = dataDirPaths(dir);
  const existed = existsSync(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A directory we just made gets 0700 regardless of the umask; an existing one is the owner's call.
  if (!existed) chmodSync(dir, 0o700);
  mkdirSync(paths.logs, { recursive: true, mode: 0o700 });
  if (!statSync(dir).isDirectory()) throw configError('CONFIG_DATA_DIR', `${dir} is not a directory`);
  return paths;
}

export type ConfigErrorCode = 'CONFIG_DATA_DIR' | 'CONFIG_UNREADABLE' | 'CONFIG_INVALID' | 'CONFIG_NO_CA';
export type ConfigError = CodedError<ConfigErrorCode>;
const configErrorCodes: readonly ConfigErrorCode[] = ['CONFIG_DATA_DIR', 'CONFIG_UNREADABLE', 'CONFIG_INVALID', 'CONFIG_NO_CA'];

/** For CONFIG_INVALID, `fields` names every field at fault (dotted paths). */
export function configError(code: ConfigErrorCode, message: string, fields: readonly string[] = []): ConfigError {
  return new CodedError(code, message, { facts: { fields } });
}

export function isConfigError(error: unknown): error is ConfigError {
  return isCodedError(error, configErrorCodes);
}

const pathField = z.string().min(1).max(4096);

const timeoutsDefault = { applicantIdleSeconds: 120, applicantWarningSeconds: 30, clerkIdleSeconds: 600 };

export const terminalConfigSchema = z
  .object({
    terminalId: z.string().min(1).max(64).optional(),
    /** Training terminals use the reference CA, the training issuer key and virtual cards. */
    training: z.boolean().default(false),
    /**
     * `counter` (a clerk, the issuer key, every procedure) or `self-service` (unattended,
     * password reset only, authorised by the CA; no issuer key, no clerks, online only).
     */
    mode: z.enum(['counter', 'self-service']).default('counter'),
    /** This municipality (R-ELIG-1, R-ELIG-5): its local government code and name. Required unless training. */
    municipality: z
      .object({
        code: z.string().regex(/^\d{5,6}$/, 'expected the 5- or 6-digit local government code'),
        name: z.string().min(1).max(100),
      })
      .strict()
      .optional(),
    /** PEM (PKCS#8 EC P-256) the cards trust; relative paths are inside the data directory. Default `issuer-key.pem`. */
    issuerKeyPem: pathField.optional(),
    /** Who may sign in; required unless training (the training clerks ship in resources/training/). */
    clerks: clerkListSchema.optional(),
    timeouts: z
      .object({
        applicantIdleSeconds: z.number().int().min(30).max(3600).default(timeoutsDefault.applicantIdleSeconds),
        /** WCAG 2.2.1: at least 20 s to ask for more time. */
        applicantWarningSeconds: z.number().int().min(20).max(600).default(timeoutsDefault.applicantWarningSeconds),
        clerkIdleSeconds: z.number().int().min(60).max(86_400).default(timeoutsDefault.clerkIdleSeconds),
      })
      .strict()
      .default(timeoutsDefault),
    ca: z
      .object({
        url: z.url({ protocol: /^https$/ }),
        /** PEM files; relative paths are inside the data directory. */
        trustAnchorPem: pathField,
        clientCertPem: pathField,
        clientKeyPem: pathField,
      })
      .strict()
      .optional(),
    sync: z
      .object({
        concurrency: z.number().int().min(1).max(64).default(4),
        idleIntervalMs: z.number().int().min(100).max(3_600_000).default(30_000),
        connectTimeoutMs: z.number().int().min(100).max(120_000).default(5_000),
        responseTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
      })
      .strict()
      .default({ concurrency: 4, idleIntervalMs: 30_000, connectTimeoutMs: 5_000, responseTimeoutMs: 30_000 }),
  })
  .strict();
export type TerminalConfig = z.infer<typeof terminalConfigSchema>;

export type LoadedConfig = { readonly kind: 'training'; readonly config: TerminalConfig } | { readonly kind: 'configured'; readonly config: TerminalConfig };

export interface ConfigProblem {
  readonly field: string;
  readonly message: string;
}

/** Cross-field rules zod's object schema cannot see field by field. */
function crossFieldProblems(config: TerminalConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!config.training && config.municipality === undefined) problems.push({ field: 'municipality', message: 'required for a production terminal' });
  if (config.mode === 'self-service') {
    // An unattended terminal must never hold what a counter holds.
    if (config.issuerKeyPem !== undefined) problems.push({ field: 'issuerKeyPem', message: 'a self-service terminal holds no issuer key (the CA authorises each reset)' });
    if (config.clerks !== undefined) problems.push({ field: 'clerks', message: 'a self-service terminal has no clerks' });
    if (!config.training && config.ca === undefined) problems.push({ field: 'ca', message: 'a self-service terminal works online only: the CA is required' });
  } else if (!config.training && config.clerks === undefined) problems.push({ field: 'clerks', message: 'required for a production terminal' });
  if (config.timeouts.applicantWarningSeconds >= config.timeouts.applicantIdleSeconds) {
    problems.push({ field: 'timeouts.applicantWarningSeconds', message: 'must be shorter than timeouts.applicantIdleSeconds' });
  }
  return problems;
}

/** Every problem at once: a clerk fixing config.json should not discover them one run at a time. */
export function validateConfig(json: unknown): { ok: true; config: TerminalConfig } | { ok: false; problems: ConfigProblem[] } {
  const parsed = terminalConfigSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      // An unknown key is reported on its parent; name the key itself.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      return keys.map((key) => ({ field: [...issue.path, ...(key === undefined ? [] : [key])].map(String).join('.') || '(root)', message: issue.message }));
    });
    const flat = problems.flat();
    // Cross-field rules on the fields that did parse, so nothing waits for a second run.
    if (typeof json === 'object' && json !== null) {
      const training = 'training' in json && json.training === true;
      if (!training && !('municipality' in json)) flat.push({ field: 'municipality', message: 'required for a production terminal' });
      const selfService = 'mode' in json && json.mode === 'self-service';
      if (!training && !selfService && !('clerks' in json)) flat.push({ field: 'clerks', message: 'required for a production terminal' });
      if (selfService && 'issuerKeyPem' in json) flat.push({ field: 'issuerKeyPem', message: 'a self-service terminal holds no issuer key (the CA authorises each reset)' });
      if (selfService && 'clerks' in json) flat.push({ field: 'clerks', message: 'a self-service terminal has no clerks' });
    }
    return { ok: false, problems: flat };
  }
  const problems = crossFieldProblems(parsed.data);
  return problems.length === 0 ? { ok: true, config: parsed.data } : { ok: false, problems };
}

/**
 * No config file means a training terminal (docs/design.md §8); `selfService` (`start --self-service`)
 * makes it a training self-service terminal, and requires a configured terminal to be one.
 */
export function loadConfig(paths: DataDirPaths, selfService = false): LoadedConfig {
  if (!existsSync(paths.config)) return { kind: 'training', config: terminalConfigSchema.parse({ training: true, ...(selfService ? { mode: 'self-service' } : {}) }) };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(paths.config, 'utf8'));
  } catch (error) {
    throw configError('CONFIG_UNREADABLE', `${paths.config}: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
  const result = validateConfig(json);
  if (!result.ok) {
    const list = result.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    throw configError('CONFIG_INVALID', `${paths.config}: ${list}`, [...new Set(result.problems.map((p) => p.field))]);
  }
  if (selfService && result.config.mode !== 'self-service') throw configError('CONFIG_INVALID', `${paths.config}: mode: "self-service" is required for --self-service`, ['mode']);
  return { kind: 'configured', config: result.config };
}

/** A path from config.json: absolute, or relative to the data directory. */
export function configPath(paths: DataDirPaths, file: string): string {
  return isAbsolute(file) ? file : join(paths.dir, file);
}

export interface CaConnection {
  readonly url: string;
  readonly trustAnchorPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

/** Reads the CA's TLS material named by the config. */
export function loadCaConnection(paths: DataDirPaths, config: TerminalConfig): CaConnection {
  if (config.ca === undefined) throw configError('CONFIG_NO_CA', `no "ca" section in ${paths.config}: cannot reach a CA`);
  const read = (file: string, what: string) => {
    const full = configPath(paths, file);
    try {
      return readFileSync(full, 'utf8');
    } catch {
      throw configError('CONFIG_UNREADABLE', `cannot read ${what} ${full}`);
    }
  };
  return {
    url: config.ca.url,
    trustAnchorPem: read(config.ca.trustAnchorPem, 'ca.trustAnchorPem'),
    clientCertPem: read(config.ca.clientCertPem, 'ca.clientCertPem'),
    clientKeyPem: read(config.ca.clientKeyPem, 'ca.clientKeyPem'),
  };
}
