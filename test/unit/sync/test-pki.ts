import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: globalThis.crypto }));

const rsa = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;

function name(cn: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({ typesAndValues: [new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: cn }) })] });
}

export interface TestCa {
  readonly cert: pkijs.Certificate;
  readonly der: Uint8Array;
  readonly privateKey: CryptoKey;
}

export async function makeCa(cn: string): Promise<TestCa> {
  const keys = await crypto.subtle.generateKey(rsa, true, ['sign', 'verify']);
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: 1 });
  cert.issuer = name(cn);
  cert.subject = name(cn);
  cert.notBefore.value = new Date(Date.now() - 60_000);
  cert.notAfter.value = new Date(Date.now() + 365 * 86_400_000);
  cert.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: new pkijs.BasicConstraints({ cA: true }).toSchema().toBER(false), parsedValue: new pkijs.BasicConstraints({ cA: true }) }),
  ];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(keys.privateKey, 'SHA-256');
  return { cert, der: new Uint8Array(cert.toSchema(false).toBER(false)), privateKey: keys.privateKey };
}

export async function issue(ca: TestCa, csrDer: Uint8Array, serial = randomBytes(8).readUInt32BE(0)): Promise<Uint8Array> {
  const csr = pkijs.CertificationRequest.fromBER(new Uint8Array(csrDer));
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial });
  cert.issuer = ca.cert.subject;
  cert.subject = csr.subject;
  cert.notBefore.value = new Date(Date.now() - 60_000);
  cert.notAfter.value = new Date('2031-05-10T14:59:59Z');
  cert.subjectPublicKeyInfo = csr.subjectPublicKeyInfo;
  await cert.sign(ca.privateKey, 'SHA-256');
  return new Uint8Array(cert.toSchema(false).toBER(false));
}

export function certsOnly(certs: readonly Uint8Array[]): Uint8Array {
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    certificates: certs.map((der) => pkijs.Certificate.fromBER(new Uint8Array(der))),
    signerInfos: [],
  });
  const info = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

/** A CSR signed by a software key standing in for the card. */
export async function makeCsr(cn: string): Promise<Uint8Array> {
  const keys = await crypto.subtle.generateKey(rsa, true, ['sign', 'verify']);
  const csr = new pkijs.CertificationRequest();
  csr.version = 0;
  csr.subject = name(cn);
  await csr.subjectPublicKeyInfo.importKey(keys.publicKey);
  await csr.sign(keys.privateKey, 'SHA-256');
  return new Uint8Array(csr.toSchema(false).toBER(false));
}

export interface TlsMaterial {
  readonly caPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

/** TLS CA, a server certificate for 127.0.0.1 and a terminal client certificate, via openssl. */
export function makeTls(dir: string): TlsMaterial {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=test tls ca');
  for (const [who, ext] of [['server', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], ['client', 'extendedKeyUsage=clientAuth']] as const) {
    run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${who}.key`, '-out', `${who}.csr`, '-subj', `/CN=test ${who}`);
    writeFileSync(join(dir, `${who}.ext`), `${ext}\n`);
    run('x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${who}.pem`, '-days', '2', '-extfile', `${who}.ext`);
  }
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { caPem: read('ca.pem'), serverCertPem: read('server.pem'), serverKeyPem: read('server.key'), clientCertPem: read('client.pem'), clientKeyPem: read('client.key') };
}
