import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { caLabels, certificateKinds, type CaLabel, type CertificateKind } from '../domain/vocabulary';
import { crlDistributionPointDirNameExtension, directoryNameSanExtension } from '../pki/extensions';
import { buildName, type RdnEntry } from '../pki/names';
import { certPem, generateKey, keyToPem, loadKeyedCertificate, selfSignedCa, type KeyedCertificate } from './cert-factory';

/** One JPKI-shaped issuing CA: the signing or the authentication hierarchy. */
export interface JpkiCa extends KeyedCertificate {
  readonly kind: CertificateKind;
  readonly label: CaLabel;
  readonly certPemText: string;
}

export type JpkiHierarchy = Readonly<Record<CertificateKind, JpkiCa>>;

const ouByKind = { sign: 'JPKI for digital signature', auth: 'JPKI for user authentication' } as const;
const ouJaByKind = { sign: '公的個人認証サービス署名用', auth: '公的個人認証サービス利用者証明用' } as const;

/**
 * The DN of the real J-LIS CAs (docs/jpki-card.md §8) with the organisation marked, as JPKI test
 * cards use O=JPKI-TEST: `JPKI-TRAINING` for the shipped training hierarchy, `JPKI-REFERENCE`
 * for one a reference CA generates for itself.
 */
export function jpkiCaSubject(kind: CertificateKind, organisation: string): RdnEntry[] {
  return [
    { type: 'C', value: 'JP' },
    { type: 'O', value: organisation },
    { type: 'OU', value: ouByKind[kind] },
    { type: 'OU', value: 'Japan Agency for Local Authority Information Systems' },
  ];
}

export function caFileNames(kind: CertificateKind): { key: string; cert: string } {
  return { key: `${kind}-ca-key.pem`, cert: `${kind}-ca-cert.pem` };
}

export function generateJpkiCa(kind: CertificateKind, organisation: string, now = new Date()): JpkiCa {
  const subject = jpkiCaSubject(kind, organisation);
  const jaName = buildName([
    { type: 'C', value: 'JP' },
    { type: 'O', value: `公的個人認証サービス（${organisation}）` },
    { type: 'OU', value: ouJaByKind[kind] },
    { type: 'OU', value: '地方公共団体情報システム機構' },
  ]);
  const ca = selfSignedCa(subject, generateKey('rsa'), 10, [directoryNameSanExtension(jaName), crlDistributionPointDirNameExtension(buildName(subject))], now);
  return { ...ca, kind, label: caLabels[kind], certPemText: certPem(ca) };
}

/** Writes `{sign,auth}-ca-key.pem` and `-cert.pem` into `dir` (created if needed). */
export function writeJpkiHierarchy(dir: string, organisation: string): JpkiHierarchy {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const write = (kind: CertificateKind): JpkiCa => {
    const ca = generateJpkiCa(kind, organisation);
    const files = caFileNames(kind);
    writeFileSync(join(dir, files.key), keyToPem(ca.key), { mode: 0o600 });
    writeFileSync(join(dir, files.cert), ca.certPemText);
    return ca;
  };
  return { sign: write('sign'), auth: write('auth') };
}

export function hasJpkiHierarchy(dir: string): boolean {
  return certificateKinds.every((kind) => {
    const files = caFileNames(kind);
    return existsSync(join(dir, files.key)) && existsSync(join(dir, files.cert));
  });
}

export function loadJpkiHierarchy(dir: string): JpkiHierarchy {
  const load = (kind: CertificateKind): JpkiCa => {
    const files = caFileNames(kind);
    const certPemText = readFileSync(join(dir, files.cert), 'utf8');
    const keyed = loadKeyedCertificate(certPemText, readFileSync(join(dir, files.key), 'utf8'));
    return { ...keyed, kind, label: caLabels[kind], certPemText };
  };
  return { sign: load('sign'), auth: load('auth') };
}

/**
 * Where the shipped training hierarchy lives: `resources/training/ca` of the checkout, found
 * by walking up from this module so it loads from src/ (jest) and dist/ (CLI) alike, whatever
 * the working directory.
 */
export function findTrainingCaDir(start: string = __dirname): string | undefined {
  let dir = start;
  for (let i = 0; i < 8; i += 1) {
    const candidate = join(dir, 'resources', 'training', 'ca');
    if (hasJpkiHierarchy(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
