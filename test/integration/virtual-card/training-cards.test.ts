/**
 * Shipped training cards through pcscd + vpcd + OpenSC, and `madoguchi card-sim --resident`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { loadCardFile, saveCardFile } from '../../../src/virtual-card/card-file';
import { loadResidents, trainingDir } from '../../../src/virtual-card/training';
import { ensurePcscd, lockWaitMs, insertVirtualCard, isCardPresent, readerIndex, runTool, type PcscdHandle } from '../../support/pcscd';

jest.setTimeout(90_000);

const dir = trainingDir();
const residents = loadResidents(dir).residents;
let pcscd: PcscdHandle | undefined;
let tempDir = '';

beforeAll(async () => {
  pcscd = await ensurePcscd();
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-training-it-'));
}, lockWaitMs + 30_000);
afterAll(async () => {
  await pcscd?.release();
  if (tempDir !== '') fs.rmSync(tempDir, { recursive: true, force: true });
});

function residentCopy(id: string): string {
  const r = residents.find((x) => x.id === id);
  if (r === undefined) throw new Error(`no resident ${id}`);
  const file = path.join(tempDir, `${id}.json`);
  saveCardFile(file, loadCardFile(path.join(dir, r.cardFile)));
  return file;
}

const tries = (text: string) => [...text.matchAll(/Tries left\s*:\s*(\d+)/g)].map((m) => Number(m[1]));

test.each([
  ['r06-sign-locked', [3, 0]],
  ['r07-auth-locked', [0, 5]],
  ['r01-ordinary', [3, 5]],
])('pkcs15-tool --list-pins on %s shows tries %j', async (id, expected) => {
  const card = await insertVirtualCard(0, residentCopy(id));
  try {
    const out = await runTool('pkcs15-tool', ['-r', String(await readerIndex(card.readerName)), '--list-pins']);
    expect(tries(out.stdout)).toEqual(expected);
  } finally {
    await card.remove();
  }
});

test('OpenSC lists the certified card certificates and reads the auth certificate', async () => {
  const card = await insertVirtualCard(1, residentCopy('r08-certified'));
  try {
    const out = await runTool('pkcs15-tool', ['-r', String(await readerIndex(card.readerName)), '--list-certificates']);
    expect(out.stdout).toContain('User Authentication Certificate');
    expect(out.stdout).toContain('User Authentication Certificate CA');
    expect(out.stdout).toContain('Digital Signature Certificate CA');
  } finally {
    await card.remove();
  }
});

test('card-sim --resident copies the card into the data dir and saves it on SIGTERM', async () => {
  const dataDir = path.join(tempDir, 'data');
  const shipped = fs.readFileSync(path.join(dir, 'cards', 'r01-ordinary.json'), 'utf8');
  const child = spawn(process.execPath, [path.join(__dirname, '..', '..', '..', 'bin', 'madoguchi'), 'card-sim', '--slot', '1', '--resident', 'r01-ordinary', '--data', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('card-sim printed nothing')), 20_000);
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (out.includes('\n')) {
          clearTimeout(timer);
          resolve(out.split('\n')[0] ?? '');
        }
      });
    });
    expect(JSON.parse(line)).toEqual({ reader: 'Virtual PCD 00 01', card: path.join(dataDir, 'cards', 'r01-ordinary.json') });
    const deadline = Date.now() + 15_000;
    while (!(await isCardPresent('Virtual PCD 00 01')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const pins = await runTool('pkcs15-tool', ['-r', String(await readerIndex('Virtual PCD 00 01')), '--list-pins']);
    expect(tries(pins.stdout)).toEqual([3, 5]);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(loadCardFile(path.join(dataDir, 'cards', 'r01-ordinary.json')).serial).toBe(residents[0]?.facts.cardSerial);
  expect(fs.readFileSync(path.join(dir, 'cards', 'r01-ordinary.json'), 'utf8')).toBe(shipped);
});
