import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

export interface DataDirPaths {
  readonly dir: string;
  readonly database: string;
  readonly config: string;
  readonly logs: string;
}

/**
 * design.md §8: `--data DIR`, else `$MADOGUCHI_DATA`, else `${XDG_DATA_HOME:-~/.local/share}/madoguchi`.
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
  if (!statSync(dir).isDirectory()) throw new ConfigError('CONFIG_DATA_DIR', `${dir} is not a directory`);
  return paths;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly code: 'CONFIG_DATA_DIR' | 'CONFIG_UNREADABLE' | 'CONFIG_INVALID' | 'CONFIG_NO_CA',
    message: string,
  ) {
    super(message);
  }
}

const pathField = z.string().min(1).max(4096);

export const terminalConfigSchema = z
  .object({
    terminalId: z.string().min(1).max(64).optional(),
    /** Training terminals use the reference CA, the training issuer key and virtual cards. */
    training: z.boolean().default(false),
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

/** No config file means a training terminal (design.md §8). */
export function loadConfig(paths: DataDirPaths): LoadedConfig {
  if (!existsSync(paths.config)) return { kind: 'training', config: terminalConfigSchema.parse({ training: true }) };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(paths.config, 'utf8'));
  } catch (error) {
    throw new ConfigError('CONFIG_UNREADABLE', `${paths.config}: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
  const parsed = terminalConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError('CONFIG_INVALID', `${paths.config}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`);
  }
  return { kind: 'configured', config: parsed.data };
}

export interface CaConnection {
  readonly url: string;
  readonly trustAnchorPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

/** Reads the CA's TLS material named by the config. */
export function loadCaConnection(paths: DataDirPaths, config: TerminalConfig): CaConnection {
  if (config.ca === undefined) throw new ConfigError('CONFIG_NO_CA', `no "ca" section in ${paths.config}: cannot reach a CA`);
  const read = (file: string, what: string) => {
    const full = isAbsolute(file) ? file : join(paths.dir, file);
    try {
      return readFileSync(full, 'utf8');
    } catch {
      throw new ConfigError('CONFIG_UNREADABLE', `cannot read ${what} ${full}`);
    }
  };
  return {
    url: config.ca.url,
    trustAnchorPem: read(config.ca.trustAnchorPem, 'ca.trustAnchorPem'),
    clientCertPem: read(config.ca.clientCertPem, 'ca.clientCertPem'),
    clientKeyPem: read(config.ca.clientKeyPem, 'ca.clientKeyPem'),
  };
}
