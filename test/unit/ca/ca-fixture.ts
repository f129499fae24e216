import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sign as nodeSign } from 'node:crypto';
import * as asn1js from 'asn1js';
import { generateJpkiCa, type JpkiHierarchy } from '../../../src/ca/hierarchy';
import { caRequestHandler } from '../../../src/ca/http-handler';
import { ReferenceCaService } from '../../../src/ca/service';
import { trainingTerminalIdentity } from '../../../src/ca/terminal-identity';
import { CaStore } from '../../../src/ca/store';
import { buildCsr } from '../../../src/pki/csr';
import type { CsrApplicant } from '../../../src/pki/csr-attributes';
import type { FakeCardKey } from '../pki/fake-card';

export const resident = { birthDate: '1990-05-10', name: '各務原 花子', address: '岐阜県各務原市那加桜町1丁目69番地', sex: '2' } as const;
export const signApplicant = (applicationId: string): CsrApplicant => ({ certificateKind: 'sign', applicationId, terminalId: 'training-terminal', cardExpiry: '2035-05-10', ...resident });

export function csrFor(card: FakeCardKey, applicant: CsrApplicant): Promise<Uint8Array> {
  return buildCsr({ spkiDer: card.spkiDer, subject: [{ type: 'C', value: 'JP' }, { type: 'CN', value: applicant.applicationId }], applicant, signer: card.signer });
}

/** A CA service on a fresh temp store; `close` removes it. */
export function testCa(): { service: ReferenceCaService; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-ca-unit-'));
  const store = new CaStore(dir);
  const hierarchy: JpkiHierarchy = { sign: generateJpkiCa('sign', 'JPKI-TEST'), auth: generateJpkiCa('auth', 'JPKI-TEST') };
  return {
    service: new ReferenceCaService(store, hierarchy),
    close: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Rebuilds a CSR with its CertificationRequestInfo changed by `edit` and signs the new bytes
 * with the card key, so a refusal can only come from the change and never from the signature.
 */
export function resign(csrDer: Uint8Array, card: FakeCardKey, edit: (info: asn1js.Sequence) => Uint8Array): Uint8Array {
  const csr = asn1js.fromBER(new Uint8Array(csrDer)).result;
  if (!(csr instanceof asn1js.Sequence)) throw new Error('CSR is not a SEQUENCE');
  const [info, algorithm] = csr.valueBlock.value;
  if (!(info instanceof asn1js.Sequence) || algorithm === undefined) throw new Error('bad CSR');
  const tbs = edit(info);
  const signature = nodeSign('sha256', tbs, card.privateKey);
  const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
  const body = Buffer.concat([Buffer.from(tbs), Buffer.from(algorithm.toBER(false)), tlv(0x03, Buffer.concat([Buffer.from([0]), signature]))]);
  return new Uint8Array(tlv(0x30, body));
}

export function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export interface FakeReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** Runs the real request handler in-process on a fake request/response pair (no sockets). */
export function handle(service: ReferenceCaService, method: string, url: string, headers: Record<string, string>, body: Buffer): Promise<FakeReply> {
  const handler = caRequestHandler(service, { identify: () => trainingTerminalIdentity() });
  return new Promise((resolve, reject) => {
    const req = Object.assign(Readable.from(body.length > 0 ? [body] : []), { method, url, headers });
    let status = 0;
    let replyHeaders: Record<string, string> = {};
    const res = {
      headersSent: false,
      destroyed: false,
      writeHead(code: number, h: Record<string, string>) {
        status = code;
        replyHeaders = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
        this.headersSent = true;
      },
      end(data: Buffer) {
        resolve({ status, headers: replyHeaders, body: data });
      },
      destroy() {
        this.destroyed = true;
        reject(new Error('the handler destroyed the response without an answer'));
      },
    };
    handler(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  });
}

export const enrollHeaders = { 'content-type': 'application/pkcs10' };
