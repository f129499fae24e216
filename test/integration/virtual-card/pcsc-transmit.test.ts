/**
 * The issuer flow over real PC/SC (pcsclite → pcscd → vpcd → engine), in particular that the
 * 270-byte GENERATE ASYMMETRIC KEY PAIR response passes in one R-APDU.
 */
import { sign } from 'node:crypto';
import * as path from 'node:path';
import pcsc from 'pcsclite';
import { loadCardFile, saveCardFile } from '../../../src/virtual-card/card-file';
import { issuerAuthMessage } from '../../../src/virtual-card/issuer';
import { startCardSim } from '../../support/pcscd';
import { aids, dataOf, hex, issuerKeyPair, sampleFacts, stateWithPins, swOf } from '../../support/virtual-card';
import { usePcscdScratch } from './pcscd-scratch';

jest.setTimeout(60_000);

type Reader = Parameters<Parameters<ReturnType<typeof pcsc>['on']>[1]>[0];

let tempDir = '';
usePcscdScratch((dir) => (tempDir = dir));

async function withReader<T>(name: string, use: (reader: Reader, protocol: number) => Promise<T>): Promise<T> {
  const context = pcsc();
  context.on('error', () => undefined);
  const readers: Reader[] = [];
  try {
    const reader = await new Promise<Reader>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reader ${name} not found`)), 10_000);
      context.on('reader', (r: Reader) => {
        readers.push(r);
        r.on('error', () => undefined);
        if (r.name === name) {
          clearTimeout(timer);
          resolve(r);
        }
      });
    });
    const protocol = await new Promise<number>((resolve, reject) =>
      reader.connect({ share_mode: reader.SCARD_SHARE_SHARED }, (err, p) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(p))),
    );
    try {
      return await use(reader, protocol);
    } finally {
      await new Promise<void>((resolve) => reader.disconnect(reader.SCARD_LEAVE_CARD, () => resolve()));
    }
  } finally {
    for (const r of readers) r.close();
    context.close();
  }
}

function transmit(reader: Reader, protocol: number, apdu: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    reader.transmit(Buffer.from(apdu), 1024, protocol, (err, response) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(new Uint8Array(response)))),
  );
}

test('issuer authentication and key generation work through pcscd', async () => {
  const issuer = issuerKeyPair();
  const file = path.join(tempDir, 'card.json');
  saveCardFile(file, stateWithPins(issuer.publicPem));
  // The card runs in its own process: pcsclite calls here may block this event loop.
  const card = await startCardSim(1, file);
  try {
    await withReader(card.readerName, async (reader, protocol) => {
      expect(protocol).toBe(reader.SCARD_PROTOCOL_T1);
      expect(swOf(await transmit(reader, protocol, hex(`00A4040C0A${aids.jpki}`)))).toBe('9000');
      const challenge = dataOf(await transmit(reader, protocol, hex('0084000008')));
      expect(challenge.length).toBe(8);
      const signature = sign('sha256', issuerAuthMessage(challenge, sampleFacts().serial), { key: issuer.privateKey, dsaEncoding: 'ieee-p1363' });
      expect(swOf(await transmit(reader, protocol, Buffer.concat([hex('0082000140'), signature])))).toBe('9000');
      const generated = await transmit(reader, protocol, hex('00478000020017'));
      expect(swOf(generated)).toBe('9000');
      // 7F49 82 0109 { 81 82 0100 <256> 82 03 010001 } + SW = 272 bytes.
      expect(generated.length).toBe(272);
      expect(Buffer.from(generated.subarray(0, 9)).toString('hex')).toBe('7f49820109818201' + '00');
    });
  } finally {
    await card.stop();
  }
  expect(loadCardFile(file).keys.auth).toMatch(/BEGIN PRIVATE KEY/);
});
