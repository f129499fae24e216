/**
 * Card-client integration fixtures: a virtual card in a vpcd slot, our PC/SC context on it,
 * and async openssl (the card answers on this process's event loop, so never spawnSync while a
 * card is inserted).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CardModel } from '../../../src/card/card-model';
import { PcscContext, type PcscTransport } from '../../../src/card/pcsc-transport';
import { CountingTransport } from '../../../src/card/transport';
import type { CardState } from '../../../src/virtual-card/card-state';
import { insertVirtualCard, runTool, type InsertedCard } from '../../support/pcscd';

export interface CardOnReader {
  readonly inserted: InsertedCard;
  readonly context: PcscContext;
  readonly transport: PcscTransport;
  readonly counting: CountingTransport;
  readonly card: CardModel;
  /** Closes our PC/SC handles, then takes the card out (idempotent). */
  dispose(): Promise<void>;
}

export async function cardOnReader(slot: number, state: CardState | string): Promise<CardOnReader> {
  const inserted = await insertVirtualCard(slot, state);
  const context = await PcscContext.open();
  try {
    await context.waitForCard(inserted.readerName, 10_000);
    const transport = await context.connect(inserted.readerName);
    const counting = new CountingTransport(transport);
    let isDisposed = false;
    return {
      inserted,
      context,
      transport,
      counting,
      card: new CardModel(counting),
      async dispose() {
        if (isDisposed) return;
        isDisposed = true;
        await context.close();
        await inserted.remove();
      },
    };
  } catch (error) {
    await context.close();
    await inserted.remove();
    throw error;
  }
}

async function openssl(args: readonly string[], cwd: string): Promise<string> {
  const out = await runTool('sh', ['-c', `cd '${cwd}' && openssl "$@"`, 'openssl', ...args], { timeoutMs: 30_000 });
  if (out.code !== 0) throw new Error(`openssl ${args[0] ?? ''} failed: ${out.stderr}`);
  return out.stdout;
}

/** A throwaway CA in a temp dir; certifies SPKIs the card generated. */
export interface AsyncTestCa {
  readonly dir: string;
  readonly certDer: Uint8Array;
  issue(spkiDer: Uint8Array, subject: string): Promise<Uint8Array>;
  /** `openssl dgst -sha256 -verify` of `signature` over `data` with the certificate's key. */
  verifySignature(certDer: Uint8Array, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
  dispose(): Promise<void>;
}

export async function asyncTestCa(): Promise<AsyncTestCa> {
  const dir = await mkdtemp(join(tmpdir(), 'madoguchi-card-it-'));
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/C=JP/O=JPKI-TEST/OU=Madoguchi integration CA', '-days', '30'], dir);
  await openssl(['x509', '-in', 'ca.pem', '-outform', 'DER', '-out', 'ca.der'], dir);
  let counter = 0;
  return {
    dir,
    certDer: new Uint8Array(await readFile(join(dir, 'ca.der'))),
    async issue(spkiDer, subject) {
      counter += 1;
      await writeFile(join(dir, `pub${counter}.der`), spkiDer);
      await openssl(['pkey', '-pubin', '-inform', 'DER', '-in', `pub${counter}.der`, '-out', `pub${counter}.pem`], dir);
      await openssl(['x509', '-new', '-force_pubkey', `pub${counter}.pem`, '-subj', subject, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-days', '30', '-outform', 'DER', '-out', `cert${counter}.der`], dir);
      return new Uint8Array(await readFile(join(dir, `cert${counter}.der`)));
    },
    async verifySignature(certDer, data, signature) {
      counter += 1;
      await writeFile(join(dir, `v${counter}.crt.der`), certDer);
      await writeFile(join(dir, `v${counter}.data`), data);
      await writeFile(join(dir, `v${counter}.sig`), signature);
      await openssl(['x509', '-inform', 'DER', '-in', `v${counter}.crt.der`, '-pubkey', '-noout', '-out', `v${counter}.pub.pem`], dir);
      const out = await runTool('sh', ['-c', `cd '${dir}' && openssl dgst -sha256 -verify v${counter}.pub.pem -signature v${counter}.sig v${counter}.data`], { timeoutMs: 30_000 });
      return out.code === 0 && out.stdout.includes('Verified OK');
    },
    async dispose() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
