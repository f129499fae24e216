import { constants, createHash, generateKeyPairSync, privateEncrypt, X509Certificate } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceCa, type ReferenceCa } from '../../../src/ca/reference-ca';
import { buildCsr, parseCsr } from '../../../src/pki/csr';
import { applicantAttributeOids, type CsrApplicant } from '../../../src/pki/csr-attributes';
import { certificateToPem, parseCertificate, pemBlocks } from '../../../src/pki/jpki-certificate';
import { csrAttributeOids } from '../../../src/pki/oids';
import { assertJavaToolchain, compileClient, runClient, type ClientOutput, type PlanStep, type StepResult } from './bc-client';

// The reference CA must serve a third-party EST client (Bouncy Castle), not only ours.

jest.setTimeout(240_000);

/** A software stand-in for the card key: RSA PKCS#1 v1.5 over the DigestInfo the CSR builder hands over. */
function cardKey(): { spkiDer: Uint8Array; signer: (digestInfo: Uint8Array) => Promise<Uint8Array> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  return {
    spkiDer: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    signer: (digestInfo) => Promise.resolve(new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo))),
  };
}
type CardKey = ReturnType<typeof cardKey>;

const resident = { birthDate: '1985-02-28', name: '各務原 一郎', address: '岐阜県各務原市那加桜町1丁目69番地', sex: '1' } as const;
const signApplicant = (applicationId: string): CsrApplicant => ({ certificateKind: 'sign', applicationId, terminalId: 'training-terminal', cardExpiry: '2034-02-28', ...resident });
const authApplicant = (applicationId: string): CsrApplicant => ({ certificateKind: 'auth', applicationId, terminalId: 'training-terminal', birthDate: resident.birthDate, cardExpiry: '2034-02-28' });

let work: string;
let classDir: string;
let csrCount = 0;
const servers: ReferenceCa[] = [];

/** The terminal's own builder, byte for byte: what BC sends is what the outbox would hold. */
async function csrFile(card: CardKey, applicant: CsrApplicant): Promise<string> {
  const subject = [{ type: 'C', value: 'JP' }, { type: 'CN', value: applicant.applicationId }] as const;
  const der = await buildCsr({ spkiDer: card.spkiDer, subject, applicant, signer: card.signer });
  csrCount += 1;
  const file = join(work, `csr-${csrCount}.der`);
  writeFileSync(file, der);
  return file;
}

/** The applicant attributes as "oid<TAB>value" lines, for the CSR that BC builds itself. */
function attributesFile(applicant: CsrApplicant, name: string): string {
  const values: Record<string, string | undefined> = { ...applicant };
  const lines = Object.entries(csrAttributeOids).flatMap(([field, oid]) => {
    const value = values[field];
    return value === undefined ? [] : [`${oid}\t${value}`];
  });
  const file = join(work, `${name}.attributes`);
  writeFileSync(file, `${lines.join('\n')}\n`, 'utf8');
  return file;
}

async function startCa(name: string, behaviour?: Parameters<typeof startReferenceCa>[0]['behaviour']): Promise<ReferenceCa> {
  const dataDir = join(work, name);
  mkdirSync(dataDir);
  const ca = await startReferenceCa({ dataDir, port: 0, host: '127.0.0.1', ...(behaviour === undefined ? {} : { behaviour }) });
  servers.push(ca);
  return ca;
}

function runAgainst(ca: ReferenceCa, plan: readonly PlanStep[], name: string): Promise<ClientOutput> {
  return runClient(classDir, `127.0.0.1:${ca.port}`, ca.files, plan, join(work, `${name}.plan`));
}

const der = (b64: string | undefined): Buffer => Buffer.from(b64 ?? '', 'base64');
const spkiOf = (certDer: Buffer): Buffer => new X509Certificate(certDer).publicKey.export({ format: 'der', type: 'spki' });
const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function caCertDer(ca: ReferenceCa, index: 0 | 1): Buffer {
  const block = pemBlocks(ca.caCertsPem)[index];
  if (block === undefined) throw new Error(`caCertsPem lacks certificate ${index}`);
  return Buffer.from(block);
}

/** `openssl verify` as the independent chain oracle; asynchronous like everything that runs beside the CA. */
function opensslVerify(caDer: Buffer, eeDer: Buffer): Promise<string> {
  const dir = mkdtempSync(join(work, 'verify-'));
  writeFileSync(join(dir, 'ca.pem'), certificateToPem(caDer));
  writeFileSync(join(dir, 'ee.pem'), certificateToPem(eeDer));
  return new Promise((resolve) => {
    execFile('openssl', ['verify', '-CAfile', 'ca.pem', 'ee.pem'], { cwd: dir, encoding: 'utf8', timeout: 20_000 }, (error, stdout, stderr) => {
      resolve(`${error === null ? 'exit 0' : `exit ${String(error.code)}`}\n${stdout}${stderr}`);
    });
  });
}

function step(output: ClientOutput, index: number): StepResult {
  const result = output.steps[index];
  if (result === undefined) throw new Error(`no result for step ${index}: ${JSON.stringify(output.steps.map((s) => s.op))}`);
  return result;
}

/** The one certificate BC found for the CSR's key; fails with BC's error text otherwise. */
function issued(result: StepResult): Buffer {
  expect({ ok: result.ok, error: result.error, errorBody: result.errorBody, completed: result.completed }).toEqual({ ok: true, error: undefined, errorBody: undefined, completed: true });
  expect(result.certificatesForCsrKey).toHaveLength(1);
  return der(result.certificatesForCsrKey?.[0]);
}

beforeAll(() => {
  assertJavaToolchain();
  work = mkdtempSync(join(tmpdir(), 'madoguchi-estconf-'));
  classDir = join(work, 'classes');
  mkdirSync(classDir);
  compileClient(classDir);
});

afterAll(async () => {
  for (const ca of servers) await ca.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('reference CA with Bouncy Castle EST client (mutual TLS, trust only the CA TLS anchor)', () => {
  // One JVM run executes the whole plan in this order; the tests then read the results by name.
  const stepNames = [
    'caSign', 'caAuth', 'enrollA', 'resendA', 'secondCsrA', 'keyedB', 'replayB', 'keyReusedC', 'authD',
    'noClientCert', 'roundTripTestCsr', 'roundTripProjectCsr', 'enrollProjectCsr', 'foreignAnchor', 'csrattrs', 'csrattrsAuth',
    'csrattrsUnknownLabel', 'bcBuiltCsr',
  ] as const;
  type StepName = (typeof stepNames)[number];
  let ca: ReferenceCa;
  let output: ClientOutput;
  let planOps: string[];
  let cardA: CardKey;
  let cardB: CardKey;
  let cardD: CardKey;

  beforeAll(async () => {
    ca = await startCa('plain');
    cardA = cardKey();
    cardB = cardKey();
    const cardC = cardKey();
    cardD = cardKey();
    const csrA = await csrFile(cardA, signApplicant('app-a'));
    const csrA2 = await csrFile(cardA, signApplicant('app-a-second'));
    const csrB = await csrFile(cardB, signApplicant('app-b'));
    const csrC = await csrFile(cardC, signApplicant('app-c'));
    const csrD = await csrFile(cardD, authApplicant('app-d'));
    // Every private-arc attribute at once, so the whole SET OF goes through BC's re-encoding.
    const csrProject = await csrFile(cardKey(), { ...signApplicant('app-project-builder'), previousExpiry: '2029-02-28', cardType: 'myNumberCard' });
    const plan: Record<StepName, PlanStep> = {
      caSign: { op: 'cacerts', label: 'jpki-sign' },
      caAuth: { op: 'cacerts', label: 'jpki-auth' },
      enrollA: { op: 'enroll', label: 'jpki-sign', csrFile: csrA },
      resendA: { op: 'enroll', label: 'jpki-sign', csrFile: csrA },
      secondCsrA: { op: 'enroll', label: 'jpki-sign', csrFile: csrA2 },
      keyedB: { op: 'enroll', label: 'jpki-sign', csrFile: csrB, idempotencyKey: 'outbox-b-0001' },
      replayB: { op: 'enroll', label: 'jpki-sign', csrFile: csrB, idempotencyKey: 'outbox-b-0001' },
      keyReusedC: { op: 'enroll', label: 'jpki-sign', csrFile: csrC, idempotencyKey: 'outbox-b-0001' },
      authD: { op: 'enroll', label: 'jpki-auth', csrFile: csrD },
      noClientCert: { op: 'cacerts-without-client-cert', label: 'jpki-sign' },
      roundTripTestCsr: { op: 'csr-roundtrip', csrFile: csrA },
      roundTripProjectCsr: { op: 'csr-roundtrip', csrFile: csrProject },
      enrollProjectCsr: { op: 'enroll', label: 'jpki-sign', csrFile: csrProject },
      foreignAnchor: { op: 'cacerts-trusting', label: 'jpki-sign', anchorFile: ca.files.clientCaCert },
      csrattrs: { op: 'csrattrs', label: 'jpki-sign' },
      csrattrsAuth: { op: 'csrattrs', label: 'jpki-auth' },
      csrattrsUnknownLabel: { op: 'csrattrs', label: 'jpki-none' },
      bcBuiltCsr: { op: 'enroll-bc-csr', label: 'jpki-sign', attributesFile: attributesFile(signApplicant('app-bc-built'), 'bc-built'), idempotencyKey: 'outbox-bc-0001' },
    };
    planOps = stepNames.map((name) => plan[name].op);
    output = await runAgainst(
      ca,
      stepNames.map((name) => plan[name]),
      'plain',
    );
  });
  const resultOf = (name: StepName): StepResult => step(output, stepNames.indexOf(name));

  it('the client ran every step of the plan (so each check below judges a real answer)', () => {
    expect(output.steps.map((s) => s.op)).toEqual(planOps);
  });

  it('BC parses cacerts for jpki-sign and jpki-auth, over a connection it trusts, as exactly the issuing CA certificates', () => {
    expect(output.provider).toMatch(/^BC /);
    const [sign, auth] = [resultOf('caSign'), resultOf('caAuth')];
    for (const result of [sign, auth]) expect({ ok: result.ok, error: result.error, trusted: result.trusted }).toEqual({ ok: true, error: undefined, trusted: true });
    expect(sign.certificates?.map(der)).toEqual([caCertDer(ca, 0)]);
    expect(auth.certificates?.map(der)).toEqual([caCertDer(ca, 1)]);
    expect(sign.subjects?.[0]).toContain('JPKI for digital signature');
  });

  it('simpleenroll (plain EST, no extra header) returns a certificate for the CSR key that chains to the CA', async () => {
    const result = resultOf('enrollA');
    const ee = issued(result);
    expect(spkiOf(ee)).toEqual(Buffer.from(cardA.spkiDer));
    expect(result.issuerSignatureVerified).toBe(true);
    // certs-only holds the issued certificate and its issuing CA, both readable by BC.
    expect(result.certificates?.map(der)).toEqual([ee, caCertDer(ca, 0)]);
    expect(await opensslVerify(caCertDer(ca, 0), ee)).toMatch(/^exit 0\nee\.pem: OK/);
    // The other hierarchy must not vouch for it.
    expect(await opensslVerify(caCertDer(ca, 1), ee)).not.toMatch(/^exit 0/);
  });

  it('a plain EST resend of the same CSR (no Idempotency-Key) answers the byte-identical certificate and issues nothing new', () => {
    expect(issued(resultOf('resendA'))).toEqual(issued(resultOf('enrollA')));
    expect(ca.service.certificatesForKey('jpki-sign', sha256Hex(cardA.spkiDer))).toHaveLength(1);
  });

  it('a different CSR for a key that already has a live signing certificate is refused with 409 CA_DUPLICATE_KEY', () => {
    const result = resultOf('secondCsrA');
    expect(result.ok).toBe(false);
    expect(result.httpStatus).toBe(409);
    expect(result.errorBody).toContain('CA_DUPLICATE_KEY');
  });

  it('Idempotency-Key sent through BC (ESTAuth request hook): the replay is byte-identical; the key with another CSR gets 422', async () => {
    const first = issued(resultOf('keyedB'));
    const replay = resultOf('replayB');
    expect(issued(replay)).toEqual(first);
    expect(replay.certificates).toEqual(resultOf('keyedB').certificates);
    expect(spkiOf(first)).toEqual(Buffer.from(cardB.spkiDer));
    expect(first).not.toEqual(issued(resultOf('enrollA')));
    expect(await opensslVerify(caCertDer(ca, 0), first)).toMatch(/^exit 0\nee\.pem: OK/);
    expect(ca.service.certificatesForKey('jpki-sign', sha256Hex(cardB.spkiDer))).toHaveLength(1);
    // The 422 also proves the header went through BC: without it the CA keys on the CSR hash and would issue.
    const mismatch = resultOf('keyReusedC');
    expect(mismatch.ok).toBe(false);
    expect(mismatch.httpStatus).toBe(422);
    expect(mismatch.errorBody).toContain('CA_IDEMPOTENCY_MISMATCH');
  });

  it('enrolls at the jpki-auth label; the certificate chains to the authentication CA', async () => {
    const result = resultOf('authD');
    const ee = issued(result);
    expect(spkiOf(ee)).toEqual(Buffer.from(cardD.spkiDer));
    expect(result.issuerSignatureVerified).toBe(true);
    expect(await opensslVerify(caCertDer(ca, 1), ee)).toMatch(/^exit 0\nee\.pem: OK/);
  });

  it('refuses a client that presents no terminal certificate (mutual TLS is mandatory)', () => {
    const result = resultOf('noClientCert');
    expect(result.ok).toBe(false);
    expect(result.certificates).toBeUndefined();
    // In TLS 1.3 the client's handshake ends before the server judges its certificate; the server's
    // alert then races its close, so under load Java may report the closed socket instead of the alert.
    // Either way BC got no answer; the round trips above show it does get one with a certificate.
    expect(result.error).toMatch(/SSLHandshakeException|certificate_required|bad_certificate|Broken pipe|Connection reset/);
  });

  it('BC refuses the CA when told to trust another anchor (so "trusted" above means the TLS chain was checked)', () => {
    const result = resultOf('foreignAnchor');
    expect(result.ok).toBe(false);
    expect(result.certificates).toBeUndefined();
    expect(result.error).toMatch(/SSLHandshakeException|certification path|PKIX/i);
  });

  it('csrattrs (optional, RFC 7030 §4.5) lists the private-arc attribute OIDs of each label, as BC parses them', () => {
    const sign = resultOf('csrattrs');
    const auth = resultOf('csrattrsAuth');
    for (const result of [sign, auth]) expect({ ok: result.ok, error: result.error, has: result.hasAttributesResponse }).toEqual({ ok: true, error: undefined, has: true });
    // Bare OIDs (no `attribute:` marks); BC hands them back unordered.
    expect([...(sign.attributeOids ?? [])].sort()).toEqual([...applicantAttributeOids('sign')].sort());
    expect([...(auth.attributeOids ?? [])].sort()).toEqual([...applicantAttributeOids('auth')].sort());
    // The basic 4 information is asked for only where it belongs (R-CERT-3).
    expect(sign.attributeOids).toContain(csrAttributeOids.name);
    expect(auth.attributeOids).not.toContain(csrAttributeOids.name);
  });

  it('a 404 (csrattrs at an unknown label) is read by BC as "no attributes", not as a broken response', () => {
    // BC closes a 404 without reading it; any body bytes would fail the close.
    const result = resultOf('csrattrsUnknownLabel');
    expect({ ok: result.ok, error: result.error, has: result.hasAttributesResponse }).toEqual({ ok: true, error: undefined, has: false });
  });

  it('a CSR built by Bouncy Castle itself (own key, own encodings, attributes from the private arc) is accepted and its facts reach the certificate', async () => {
    const result = resultOf('bcBuiltCsr');
    const ee = issued(result);
    const csr = parseCsr(new Uint8Array(der(result.csr)));
    expect(csr.applicant).toEqual(signApplicant('app-bc-built'));
    expect(spkiOf(ee)).toEqual(Buffer.from(csr.spkiDer));
    expect(result.issuerSignatureVerified).toBe(true);
    const cert = parseCertificate(new Uint8Array(ee));
    expect(cert.kind).toBe('sign');
    expect(cert.san?.name).toBe(resident.name);
    expect(cert.san?.address).toBe(resident.address);
    expect(await opensslVerify(caCertDer(ca, 0), ee)).toMatch(/^exit 0\nee\.pem: OK/);
  });

  it('the CSRs these tests send are DER: BC re-encodes them byte for byte', () => {
    expect(resultOf('roundTripTestCsr').reencodedIdentical).toBe(true);
  });

  // BC re-encodes every request as DER before sending it; the attributes SET OF must already be
  // in DER order or the signed bytes change (formerly 400 CA_BAD_CSR).
  it('CSRs from the project builder with all ten attributes survive BC re-encoding and are enrolled through BC', async () => {
    expect(resultOf('roundTripProjectCsr').reencodedIdentical).toBe(true);
    const ee = issued(resultOf('enrollProjectCsr'));
    expect(await opensslVerify(caCertDer(ca, 0), ee)).toMatch(/^exit 0\nee\.pem: OK/);
  });
});

describe('reference CA answering 202 + Retry-After, polled by Bouncy Castle', () => {
  let ca: ReferenceCa;
  let card: CardKey;
  let output: ClientOutput;

  beforeAll(async () => {
    ca = await startCa('pending', { pendingPolls: 2, retryAfterSeconds: 1 });
    card = cardKey();
    const csr = await csrFile(card, signApplicant('app-pending'));
    output = await runAgainst(
      ca,
      [
        { op: 'cacerts', label: 'jpki-sign' },
        { op: 'enroll', label: 'jpki-sign', csrFile: csr, maxPolls: 5 },
      ],
      'pending',
    );
  });

  it('the client ran both steps (so the polling check below judges a real answer)', () => {
    expect(output.steps.map((s) => s.op)).toEqual(['cacerts', 'enroll']);
    expect(step(output, 0).ok).toBe(true);
  });

  // BC 1.72 never reads a 202 body and fails closing a response with unread bytes, so the 202
  // must be empty (Content-Length: 0) for it to poll at all.
  it('BC waits per Retry-After, re-sends the same request and receives the certificate after the announced polls', async () => {
    const result = step(output, 1);
    const ee = issued(result);
    expect(result.polls).toBe(2);
    expect(spkiOf(ee)).toEqual(Buffer.from(card.spkiDer));
    expect(result.issuerSignatureVerified).toBe(true);
    expect(await opensslVerify(caCertDer(ca, 0), ee)).toMatch(/^exit 0\nee\.pem: OK/);
    expect(ca.service.certificatesForKey('jpki-sign', sha256Hex(card.spkiDer))).toHaveLength(1);
  });
});
