/**
 * The counter during a real outage of the CA (its process stopped, the terminal configured for
 * its address): nothing may read as finished when it is not, and nobody loses working
 * certificates without being told first. Debian's Chromium drives the browser shell over the
 * real host (pcscd + vpcd + virtual cards, the reference CA over HTTPS on 127.0.0.1, SQLite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { loadResidents } from '../../src/virtual-card/training';
import { startCa, type RunningCa, type ServedCa } from './support/ca';
import { inPersonDocuments, type Counter } from './support/counter';
import { useCounterTerminal } from './support/counter-terminal';

jest.setTimeout(600_000);

const signPassword = 'MADO2026';
const authPin = '4826';

let caDir: string;
let served: ServedCa;
let ca: RunningCa | undefined;
let page: Page;
let counter: Counter;

/** The CA's address and trust for the terminal's configuration, then its process stopped. */
beforeEach(async () => {
  caDir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-offline-ca-'));
  const first = await startCa(caDir);
  served = first.served;
  await first.stop();
  ca = undefined;
});

/** A terminal configured for that CA, which is down; the clerk signed in. */
useCounterTerminal({
  prefix: 'offline',
  config: () => ({ training: true, ...served.terminalConfig }),
  signIn: true,
  ready: (t) => ({ page, counter } = t),
});

beforeEach(async () => {
  // The terminal has tried the CA and knows it is down before the first visit.
  await page.getByRole('button', { name: /オフライン/ }).first().waitFor({ timeout: 60_000 });
});

afterEach(async () => {
  await ca?.stop();
  rmSync(caDir, { recursive: true, force: true });
});

/** A training resident as the training material ships it. */
function trainingResident(id: string) {
  const resident = loadResidents().residents.find((r) => r.id === id);
  if (resident === undefined) throw new Error(`no training resident ${id}`);
  return resident;
}

/** Moves the CA's records of a card's certificates to another municipality, while the CA is down. */
function markOldCertificatesForeign(dir: string, cardSerial: string): void {
  const db = new Database(join(dir, 'ca.sqlite'));
  try {
    const moved = db.prepare("UPDATE certificates SET municipality_code = '99999' WHERE card_serial = ? AND csr_sha256 = 'training-seed'").run(cardSerial).changes;
    if (moved === 0) throw new Error(`the CA holds no shipped certificate of card ${cardSerial}`);
  } finally {
    db.close();
  }
}

/** Procedure, applicant in person with both documents, both certificates. */
async function chooseIssuance(c: Counter, procedure: '新規発行' | '更新'): Promise<void> {
  await c.chooseProcedure(procedure);
  await c.tick(inPersonDocuments);
  await c.toCertificates();
  await c.confirmCertificates();
}

/** While the CA is down the clerk is warned before the passwords (the renewal test checks that warning itself). */
async function goOnIfWarned(c: Counter): Promise<void> {
  const goOn = c.page.getByRole('button', { name: /このまま進める/ });
  await Promise.race([c.heading(/決めてください/), goOn.waitFor()]);
  if (await goOn.isVisible()) await goOn.click();
}

async function setPasswords(c: Counter): Promise<void> {
  await c.heading(/決めてください/);
  await c.typeTwice(signPassword);
  await c.typeTwice(authPin);
  await c.button('設定する');
}

describe('renewal while the CA is offline', () => {
  test('before any key is made the clerk and the resident read what happens and choose; the result says 受け付けました, never 完了', async () => {
    await counter.insertCard(1, /各務 一郎/);
    await counter.readIdentity('1111');
    await chooseIssuance(counter, '更新');
    // Not the resident's keypad: first the plain words, for both to read.
    await counter.heading('認証局と通信できません。電子証明書は今日はお渡しできません');
    await counter.text('手続きを始めた時点で使えなくなります');
    await counter.text('どの窓口でも受け取れます');
    await counter.checkScreen('21-offline-notice');

    // Coming back another day leaves the card as it was.
    await counter.button('今日はやめる（カードはそのまま）');
    await counter.heading('カードの内容');
    await counter.text('手続きを取りやめました');

    // Going on, knowingly.
    await counter.readIdentity('1111');
    await chooseIssuance(counter, '更新');
    await counter.heading('認証局と通信できません。電子証明書は今日はお渡しできません');
    await counter.button(/このまま進める/);
    await setPasswords(counter);
    await page.getByRole('button', { name: '終了して次の方へ' }).waitFor({ timeout: 60_000 });
    const title = await page.getByRole('heading', { level: 1 }).innerText();
    expect(title).toBe('更新を受け付けました');
    expect(await page.locator('body').innerText()).not.toContain('完了しました');
    await counter.text('次にカードを窓口（どの窓口でも可）に持って来られたときに書き込みます');
    expect(counter.failures()).toEqual([]);
  });
});

describe('pick-up while the CA is still offline', () => {
  test('nothing was written, so the screen says so and never that the pick-up is done', async () => {
    await counter.insertCard(1, /那加 太郎/);
    await counter.readIdentity('1357');
    await chooseIssuance(counter, '新規発行');
    await goOnIfWarned(counter);
    await setPasswords(counter);
    await counter.button('終了して次の方へ');

    // The resident is back, but the CA has still not answered. The card is read again after the
    // visit; its summary knows the certificates are waiting.
    await counter.heading('カードの内容');
    await counter.text('このカードに書き込む電子証明書があります');
    await counter.button('受取（後日交付）を始める');
    await page.getByRole('button', { name: '終了して次の方へ' }).waitFor({ timeout: 60_000 });
    const title = await page.getByRole('heading', { level: 1 }).innerText();
    expect(title).not.toContain('完了');
    expect(title).toBe('受取（後日交付）はまだできません');
    await counter.text('カードには何も書き込んでいません');
    expect(await page.getByText('カードに書き込みました').count()).toBe(0);
    expect(await page.locator('.notice--success').count()).toBe(0);
  });
});

describe('the queue through an outage and after it', () => {
  test('waiting is not failure; a send-now that sent nothing says so; a revocation refused for good counts until a clerk acknowledges it', async () => {
    // A renewal while the CA is down: new certificate requests and the old certificates' revocations wait.
    await counter.insertCard(1, /各務 一郎/);
    await counter.readIdentity('1111');
    await chooseIssuance(counter, '更新');
    await goOnIfWarned(counter);
    await setPasswords(counter);
    await page.getByRole('button', { name: '終了して次の方へ' }).waitFor({ timeout: 60_000 });
    await counter.button('終了して次の方へ');

    await counter.button(/送信待ちの状況を開く/);
    await counter.heading('送信待ちの状況');
    await counter.text('送信待ち（認証局との通信の回復を待っています）');
    expect(await page.getByText(/送信失敗/).count()).toBe(0);
    await counter.button('今すぐ送信する');
    await counter.text('送信できませんでした。認証局と通信できません');
    expect(await page.locator('.notice--success').count()).toBe(0);

    // The CA returns on the same address, but it does not hold the card's old certificates as
    // this municipality's (as for certificates another system issued), so it refuses their
    // revocation for good (404): that is no quiet line. The CA's own records say so.
    markOldCertificatesForeign(caDir, trainingResident('r08-certified').facts.cardSerial);
    ca = await startCa(caDir, served.port);
    const badge = page.getByRole('button', { name: /送信待ちの状況を開く/ });
    await page.getByRole('button', { name: /要対応 \d+件/ }).waitFor({ timeout: 180_000 });
    await counter.text('対応が必要なもの（認証局が受け付けなかったもの）');
    const refused = page.getByRole('row', { name: /の失効の届出/ });
    expect(await refused.count()).toBeGreaterThan(0);
    await counter.text('認証局がこの失効の届出を受け付けませんでした');
    await counter.checkScreen('22-queue-needs-clerk');
    expect(await badge.innerText()).toMatch(/要対応 \d+件/);

    // The clerk deals with each one: acknowledged (audited), the badge stops counting it.
    // Each round waits until the list has one button fewer: the confirmation words stay on screen
    // from the round before, so they alone do not show that the list was refreshed.
    const acknowledgeButtons = page.getByRole('button', { name: /を確認済みにする$/ });
    for (let i = 0, left = await acknowledgeButtons.count(); i < 4 && left > 0; i += 1) {
      await acknowledgeButtons.first().click();
      await page.getByRole('alertdialog').getByRole('button', { name: '確認済みにする' }).click();
      await counter.text('確認済みにしました。記録は監査ログに残ります。');
      const expected = left - 1;
      await acknowledgeButtons.nth(expected).waitFor({ state: 'detached', timeout: 30_000 });
      left = expected;
    }
    await counter.text('対応が必要なものはありません。');
    await page.getByRole('button', { name: /送信待ち 0件・オンライン$/ }).waitFor({ timeout: 60_000 });
    expect(counter.failures()).toEqual([]);
  });
});
