import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCardFile, saveCardFile } from '../../../src/virtual-card/card-file';
import { insertVirtualCard, readerIndex, runTool } from '../../support/pcscd';
import { issuerKeyPair, stateWithPins } from '../../support/virtual-card';
import { usePcscdScratch } from './pcscd-scratch';

jest.setTimeout(60_000);

let tempDir = '';
usePcscdScratch((dir) => (tempDir = dir));

async function listPins(index: number): Promise<string> {
  const out = await runTool('pkcs15-tool', ['-r', String(index), '--list-pins']);
  return `${out.stdout}${out.stderr}`;
}

function triesLeft(listing: string): number[] {
  return [...listing.matchAll(/Tries left\s*:\s*(\d+)/g)].map((m) => Number(m[1]));
}

test('OpenSC sees the JPKI PINs of an inserted card with their tries left', async () => {
  const state = stateWithPins(issuerKeyPair().publicPem);
  state.pins.sign.triesLeft = 2;
  const card = await insertVirtualCard(1, state);
  try {
    const listing = await listPins(await readerIndex(card.readerName));
    expect(listing).toContain('User Authentication PIN');
    expect(listing).toContain('Digital Signature PIN');
    expect(triesLeft(listing)).toEqual([3, 2]);
  } finally {
    await card.remove();
  }
});

test('a card file survives removal mid-way and still loads', async () => {
  const file = path.join(tempDir, 'card.json');
  saveCardFile(file, stateWithPins(issuerKeyPair().publicPem));
  const card = await insertVirtualCard(0, file);
  const index = await readerIndex(card.readerName);
  // A wrong PIN changes persistent state while the card is in the reader.
  const out = await runTool('pkcs15-tool', ['-r', String(index), '--verify-pin', '--auth-id', '01', '--pin', '9999']);
  expect(`${out.stdout}${out.stderr}`).not.toContain('No smart card readers');
  await card.remove();
  const reloaded = loadCardFile(file);
  expect(reloaded.pins.auth.triesLeft).toBe(2);
  expect(fs.readdirSync(tempDir)).toEqual(['card.json']);
});
