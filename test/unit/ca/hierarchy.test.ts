import { createPrivateKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTrainingCaDir, loadJpkiHierarchy, writeJpkiHierarchy } from '../../../src/ca/hierarchy';
import { ensureTlsMaterial, issueTerminalClientCertificate } from '../../../src/ca/tls-material';
import { parseCertificate, pemBlocks } from '../../../src/pki/jpki-certificate';
import { openssl } from '../pki/fake-card';

// RSA key generation is slow on a shared 2-core machine.
jest.setTimeout(30_000);

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'madoguchi-ca-hier-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('JPKI CA hierarchy files', () => {
  it('writes, finds from a nested directory and reloads the training hierarchy, PKCS#1 keys included', () => {
    const caDir = join(root, 'resources', 'training', 'ca');
    const written = writeJpkiHierarchy(caDir, 'JPKI-TRAINING');
    const nested = join(root, 'dist', 'src', 'ca');
    mkdirSync(nested, { recursive: true });
    expect(findTrainingCaDir(nested)).toBe(caDir);
    expect(findTrainingCaDir(tmpdir())).toBeUndefined();
    // Another tool may write the traditional RSA PEM; loading must accept it.
    const pkcs1 = createPrivateKey(readFileSync(join(caDir, 'sign-ca-key.pem'))).export({ format: 'pem', type: 'pkcs1' }).toString();
    writeFileSync(join(caDir, 'sign-ca-key.pem'), pkcs1);
    const loaded = loadJpkiHierarchy(caDir);
    expect(loaded.sign.certDer).toEqual(written.sign.certDer);
    const sign = parseCertificate(loaded.sign.certDer);
    expect(sign.subjectText).toBe('C=JP, O=JPKI-TRAINING, OU=JPKI for digital signature, OU=Japan Agency for Local Authority Information Systems');
    expect(sign.isCa).toBe(true);
    expect(parseCertificate(loaded.auth.certDer).kind).toBe('auth');
    const text = openssl(['x509', '-in', 'sign-ca-cert.pem', '-noout', '-text', '-nameopt', 'utf8'], caDir).output;
    expect(text).toContain('Certificate Sign, CRL Sign');
    expect(text).toContain('CA:TRUE');
    // openssl prints the Japanese dirName SAN with escapes; its presence is what matters here.
    expect(text).toMatch(/Subject Alternative Name:\s*\n\s*DirName:\/C=JP\/O=/);
    expect(text).toContain('CRL Distribution Points');
  });
});

describe('TLS material', () => {
  it('is created once and reused; client certificates chain to the terminal-client CA', () => {
    const first = ensureTlsMaterial(root);
    const again = ensureTlsMaterial(root);
    expect(again.serverCertPem).toBe(first.serverCertPem);
    expect(pemBlocks(first.clientCertPem)).toHaveLength(1);
    const extra = issueTerminalClientCertificate(root, { terminalId: 'terminal-2', municipalityCode: '21213' });
    writeFileSync(join(root, 'extra.pem'), extra.certPem);
    const verify = openssl(['verify', '-purpose', 'sslclient', '-CAfile', first.files.clientCaCert, first.files.clientCert, join(root, 'extra.pem')], root).output;
    expect(verify.match(/: OK/g)).toHaveLength(2);
    const server = openssl(['verify', '-purpose', 'sslserver', '-CAfile', first.files.tlsCaCert, first.files.serverCert], root).output;
    expect(server).toContain(': OK');
    expect(openssl(['x509', '-in', first.files.serverCert, '-noout', '-ext', 'subjectAltName'], root).output).toMatch(/IP Address:127\.0\.0\.1/);
  });
});
