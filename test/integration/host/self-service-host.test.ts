/**
 * A training self-service terminal built by the composition root (`start --self-service`): its
 * training CA runs in a child process that holds the training issuer key; the terminal process
 * never reads or parses an issuer key, yet resets are authorised.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTrainingCaDir } from '../../../src/ca/hierarchy';
import { buildHost, type TerminalHost } from '../../../src/host/host';
import { resetGrantMessage } from '../../../src/card/issuer';
import { provingCertificateSerialOf, resetProofMessage } from '../../../src/pki/reset-proof';

jest.setTimeout(120_000);

const trainingDir = join(findTrainingCaDir() ?? '', '..');
const card = JSON.parse(fs.readFileSync(join(trainingDir, 'cards', 'r06-sign-locked.json'), 'utf8')) as { serial: string; keys: { auth: string }; files: { authCert: { data: string } } };
const issuerPublic = crypto.createPublicKey(fs.readFileSync(join(trainingDir, 'issuer', 'issuer-pub.pem'), 'utf8'));

let dir: string;
let host: TerminalHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the terminal process loads no issuer key; the CA in its own process authorises the reset', async () => {
  dir = fs.mkdtempSync(join(tmpdir(), 'madoguchi-ss-host-'));
  const reads: string[] = [];
  const realRead = fs.readFileSync;
  jest.spyOn(fs, 'readFileSync').mockImplementation(((path: fs.PathOrFileDescriptor, options?: unknown) => {
    reads.push(String(path));
    return (realRead as (p: fs.PathOrFileDescriptor, o?: unknown) => string | Buffer)(path, options);
  }) as typeof fs.readFileSync);
  const privateKeys = jest.spyOn(crypto, 'createPrivateKey');

  host = await buildHost({ dataFlag: dir, env: process.env, selfService: true, pcsc: false });
  expect(host.terminal).toMatchObject({ mode: 'selfService', training: true });
  expect(host.clerks).toEqual([]);
  const authority = host.resetAuthority;
  if (authority === undefined) throw new Error('no reset authority');

  // A proof as the card would make it (the card's key is outside the terminal: the card file).
  const { nonce } = await authority.challenge({ terminalId: host.terminal.terminalId, cardSerial: card.serial, resetKind: 'sign', proving: { certificate: new Uint8Array(Buffer.from(card.files.authCert.data, 'base64')) } });
  const challenge = Uint8Array.of(9, 8, 7, 6, 5, 4, 3, 2);
  const provingCertificateSerial = provingCertificateSerialOf(new Uint8Array(Buffer.from(card.files.authCert.data, 'base64')));
  const signature = crypto.sign('sha256', resetProofMessage({ nonce, cardChallenge: challenge, resetKind: 'sign', cardSerial: card.serial, provingCertificateSerial }), card.keys.auth);
  const answer = await authority.authorize({ terminalId: host.terminal.terminalId, nonce, signature, cardChallenge: challenge });
  expect(crypto.verify('sha256', resetGrantMessage(challenge, card.serial, 'sign'), { key: issuerPublic, dsaEncoding: 'ieee-p1363' }, Buffer.from(answer.issuerAuthentication))).toBe(true);

  // Nothing in this process parsed a private key object (the card-side signature above takes the PEM directly).
  expect(privateKeys).not.toHaveBeenCalled();
  expect(reads.filter((p) => /issuer/i.test(p))).toEqual([]);
});

test('a self-service config holding an issuer key does not start', async () => {
  dir = fs.mkdtempSync(join(tmpdir(), 'madoguchi-ss-host-'));
  fs.writeFileSync(join(dir, 'config.json'), JSON.stringify({ mode: 'self-service', training: true, issuerKeyPem: join(trainingDir, 'issuer', 'issuer-key.pem') }));
  await expect(buildHost({ dataFlag: dir, env: process.env, pcsc: false })).rejects.toMatchObject({ code: 'CONFIG_INVALID', facts: { fields: ['issuerKeyPem'] } });
});
