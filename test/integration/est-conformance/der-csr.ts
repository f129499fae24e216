import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { applicantAttributes, type CsrApplicant } from '../../../src/pki/csr-attributes';
import { derOf, sha256 } from '../../../src/pki/der';
import { ensurePkiEngine } from '../../../src/pki/engine';
import { buildName, type RdnEntry } from '../../../src/pki/names';
import { sha256DigestInfo, sha256WithRsaAlgorithm, verifyWithSpki } from '../../../src/pki/signing';

/**
 * A CSR like the project's builder makes, except that the attributes SET OF is in DER order
 * (X.690 §11.6: components sorted by their encodings). Bouncy Castle's EST client re-encodes
 * the request as DER before sending it, so only a CSR that already is DER keeps its signature.
 * Test-only stand-in until the project's builder sorts the set itself.
 */
export async function buildDerOrderedCsr(input: {
  readonly spkiDer: Uint8Array;
  readonly subject: readonly RdnEntry[];
  readonly applicant: CsrApplicant;
  readonly signer: (digestInfo: Uint8Array) => Promise<Uint8Array>;
}): Promise<Uint8Array> {
  ensurePkiEngine();
  const csr = new pkijs.CertificationRequest();
  csr.version = 0;
  csr.subject = buildName(input.subject);
  csr.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(new Uint8Array(input.spkiDer));
  csr.attributes = applicantAttributes(input.applicant)
    .map((attribute) => ({ attribute, der: Buffer.from(derOf(attribute.toSchema())) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((entry) => entry.attribute);
  csr.signatureAlgorithm = sha256WithRsaAlgorithm();
  const tbs = derOf(csr.toSchema(true).valueBlock.value[0] as asn1js.Sequence);
  csr.tbsView = tbs;
  const signature = await input.signer(sha256DigestInfo(sha256(tbs)));
  csr.signatureValue = new asn1js.BitString({ valueHex: new Uint8Array(signature) });
  if (!verifyWithSpki(tbs, signature, input.spkiDer)) throw new Error('test CSR signature does not verify');
  return derOf(csr.toSchema(false));
}
