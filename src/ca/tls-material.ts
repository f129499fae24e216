import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { certPem, generateKey, keyToPem, loadKeyedCertificate, selfSignedCa, tlsLeaf, type KeyedCertificate } from './cert-factory';
import type { RdnEntry } from '../pki/names';
import { municipalityCodePattern, trainingTerminalIdentity, type TerminalIdentity } from './terminal-identity';

/** PEM texts the HTTPS server and its first terminal need. */
export interface TlsMaterial {
  /** Trust anchor for clients: the CA that signed the server certificate. */
  readonly tlsCaPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  /** The terminal-client CA the server checks client certificates against. */
  readonly clientCaPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
  readonly files: TlsFiles;
}

export interface TlsFiles {
  readonly tlsCaCert: string;
  readonly tlsCaKey: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCaCert: string;
  readonly clientCaKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

export function tlsFiles(dataDir: string): TlsFiles {
  const dir = join(dataDir, 'tls');
  return {
    tlsCaCert: join(dir, 'tls-ca-cert.pem'),
    tlsCaKey: join(dir, 'tls-ca-key.pem'),
    serverCert: join(dir, 'server-cert.pem'),
    serverKey: join(dir, 'server-key.pem'),
    clientCaCert: join(dir, 'terminal-client-ca-cert.pem'),
    clientCaKey: join(dir, 'terminal-client-ca-key.pem'),
    clientCert: join(dir, 'terminal-client-cert.pem'),
    clientKey: join(dir, 'terminal-client-key.pem'),
  };
}

function writePair(certFile: string, keyFile: string, keyed: KeyedCertificate): void {
  writeFileSync(keyFile, keyToPem(keyed.key), { mode: 0o600 });
  writeFileSync(certFile, certPem(keyed));
}

/**
 * Creates the TLS server chain and the terminal-client CA with one client certificate the
 * first time a data directory is used; later starts reuse the files, so terminals configured
 * against this CA keep working across restarts.
 */
export function ensureTlsMaterial(dataDir: string, firstTerminal: TerminalIdentity = trainingTerminalIdentity()): TlsMaterial {
  const files = tlsFiles(dataDir);
  if (!Object.values(files).every((f) => existsSync(f))) {
    mkdirSync(join(dataDir, 'tls'), { recursive: true, mode: 0o700 });
    const tlsCa = selfSignedCa([{ type: 'C', value: 'JP' }, { type: 'O', value: 'Madoguchi reference CA' }, { type: 'CN', value: 'Madoguchi TLS CA' }], generateKey('ec'), 10);
    const server = tlsLeaf(tlsCa, { subject: [{ type: 'CN', value: 'localhost' }], purpose: 'server', dnsNames: ['localhost'], ips: ['127.0.0.1', '::1'], years: 5 });
    const clientCa = selfSignedCa([{ type: 'C', value: 'JP' }, { type: 'O', value: 'Madoguchi reference CA' }, { type: 'CN', value: 'Madoguchi terminal client CA' }], generateKey('ec'), 10);
    const client = tlsLeaf(clientCa, { subject: clientSubject(firstTerminal), purpose: 'client', years: 5 });
    writePair(files.tlsCaCert, files.tlsCaKey, tlsCa);
    writePair(files.serverCert, files.serverKey, server);
    writePair(files.clientCaCert, files.clientCaKey, clientCa);
    writePair(files.clientCert, files.clientKey, client);
  }
  const read = (f: string): string => readFileSync(f, 'utf8');
  return {
    tlsCaPem: read(files.tlsCaCert),
    serverCertPem: read(files.serverCert),
    serverKeyPem: read(files.serverKey),
    clientCaPem: read(files.clientCaCert),
    clientCertPem: read(files.clientCert),
    clientKeyPem: read(files.clientKey),
    files,
  };
}

/** The terminal id in CN, its municipality's local government code in OU (see terminal-identity.ts). */
function clientSubject(identity: TerminalIdentity): RdnEntry[] {
  if (!municipalityCodePattern.test(identity.municipalityCode)) throw new Error(`not a local government code: ${identity.municipalityCode}`);
  return [
    { type: 'C', value: 'JP' },
    { type: 'OU', value: identity.municipalityCode },
    { type: 'CN', value: identity.terminalId },
  ];
}

/** Issues another terminal client certificate from the data directory's terminal-client CA. */
export function issueTerminalClientCertificate(dataDir: string, identity: TerminalIdentity): { certPem: string; keyPem: string } {
  const files = tlsFiles(dataDir);
  const clientCa = loadKeyedCertificate(readFileSync(files.clientCaCert, 'utf8'), readFileSync(files.clientCaKey, 'utf8'));
  const client = tlsLeaf(clientCa, { subject: clientSubject(identity), purpose: 'client', years: 5 });
  return { certPem: certPem(client), keyPem: keyToPem(client.key) };
}
