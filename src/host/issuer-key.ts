/**
 * The issuer key the cards trust (docs/design.md §4). A production terminal names it in config.json
 * (`issuerKeyPem`); only a training terminal falls back to `<data>/issuer-key.pem` and then to
 * the shipped training key, so a misconfigured production terminal fails instead of signing
 * with a key no real card trusts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostError } from '../api/errors';
import { issuerSignerFromPem, type IssuerSigner } from '../card/issuer';
import { configPath, type DataDirPaths, type TerminalConfig } from './data-dir';

/** The repository's (or installed package's) `resources/training`, found upwards from this file. */
export function trainingResourcesDir(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 8; i += 1) {
    const candidate = join(dir, 'resources', 'training');
    if (existsSync(join(candidate, 'residents.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

export function findIssuerKeyFile(paths: DataDirPaths, config: TerminalConfig): string | undefined {
  if (config.issuerKeyPem !== undefined) return configPath(paths, config.issuerKeyPem);
  if (!config.training) return undefined;
  const own = join(paths.dir, 'issuer-key.pem');
  if (existsSync(own)) return own;
  const training = trainingResourcesDir();
  const shipped = training === undefined ? undefined : join(training, 'issuer', 'issuer-key.pem');
  return shipped !== undefined && existsSync(shipped) ? shipped : undefined;
}

/** Loaded on first use, so commands that never touch a card work without a key. */
export function lazyIssuer(paths: DataDirPaths, config: TerminalConfig): IssuerSigner {
  let signer: IssuerSigner | undefined;
  return {
    async sign(data) {
      if (signer === undefined) {
        const file = findIssuerKeyFile(paths, config);
        if (file === undefined) throw hostError('TERMINAL_NO_ISSUER_KEY', 'no issuer key: set "issuerKeyPem" in config.json', { field: 'issuerKeyPem' });
        let pem: string;
        try {
          pem = readFileSync(file, 'utf8');
        } catch {
          throw hostError('TERMINAL_NO_ISSUER_KEY', `cannot read the issuer key ${file}`, { field: 'issuerKeyPem' });
        }
        signer = issuerSignerFromPem(pem);
      }
      return signer.sign(data);
    },
  };
}
