/**
 * A visit the rules will refuse is refused before the passwords: another city's resident
 * (R-ELIG-5), a Basic Resident Register card (R-ELIG-3), an applicant under 15 entered as 本人
 * (R-ELIG-4, R-APP-2) and a missing document (R-DOC). The certificates screen says so and its
 * main button ends the visit with the refusal; the screen never turns to the resident. Debian's
 * Chromium over the real terminal (pcscd + vpcd + virtual cards, the training CA, SQLite).
 */
import { inPersonDocuments, type Counter } from './support/counter';
import { useCounterTerminal } from './support/counter-terminal';

jest.setTimeout(600_000);

let counter: Counter;
/** Every h1 the page showed, in order: the resident's screens would be among them. */
let headings: string[];

useCounterTerminal({
  prefix: 'refusal',
  signIn: true,
  async preparePage(newPage) {
    headings = [];
    await newPage.exposeFunction('reportHeading', (text: string) => {
      if (headings.at(-1) !== text) headings.push(text);
    });
    // Records every h1 as it appears, so a resident's screen shown for a moment is not missed.
    await newPage.addInitScript(() => {
      const report = () => {
        const h1 = document.querySelector('h1');
        const reporter = (window as unknown as { reportHeading?: (text: string) => void }).reportHeading;
        if (h1 !== null && reporter !== undefined) reporter(h1.textContent ?? '');
      };
      new MutationObserver(report).observe(document, { subtree: true, childList: true, characterData: true });
    });
  },
  ready: (t) => ({ counter } = t),
});

/** The basic 4 information from the card (card-info PIN), or typed by the clerk when the card has none. */
async function identity(c: Counter, cardInfoPin: string): Promise<void> {
  await c.heading('カードの内容');
  const read = c.page.getByRole('button', { name: '申請者に券面事項入力補助用暗証番号を入れてもらう' });
  if ((await read.count()) > 0 && (await read.isEnabled())) {
    await c.readIdentity(cardInfoPin);
    return;
  }
  // No card-info PIN on this card (a Basic Resident Register card): the clerk types the card face.
  await c.button('基本4情報を職員が入力する');
  await c.heading('基本4情報の確認');
  await c.page.getByRole('textbox', { name: /氏名/ }).fill('尾崎　正');
  await c.page.getByRole('textbox', { name: /住所/ }).fill('岐阜県各務原市尾崎南町四丁目５番地');
  await c.page.getByLabel('年').fill('1950');
  await c.page.getByLabel('月').fill('10');
  await c.page.getByLabel('日').fill('10');
  await c.page.getByRole('radio', { name: /男（コード1）/ }).check();
  await c.page.getByRole('checkbox', { name: '住所が本市の住民登録と一致することを確認しました' }).check();
  await c.button('この内容で確定する');
  await c.heading('手続きを選んでください');
}

async function toCertificates(c: Counter, documents: readonly string[], applicantType = '本人'): Promise<void> {
  await c.page.getByRole('radio', { name: '新規発行', exact: true }).check();
  await c.button('この手続きで進む');
  await c.heading('申請者と必要書類');
  await c.page.getByRole('radio', { name: applicantType, exact: true }).check();
  for (const name of documents) await c.page.getByRole('checkbox', { name }).check();
  await c.button('この内容で次へ');
  await c.heading('発行する電子証明書');
}

/** The refusal is on the certificates screen, its main button ends the visit, and no resident's screen was ever shown. */
async function refusedBeforePasswords(c: Counter, reason: string): Promise<void> {
  await c.text('この内容では受け付けられません');
  await c.text(reason);
  expect(await c.page.getByRole('button', { name: '決定して申請書の印刷に進む' }).count()).toBe(0);
  await c.button('受け付けられないことを確定する');
  await c.heading('新規発行を受け付けられませんでした');
  await c.text(reason);
  expect(headings.filter((h) => /決めてください|暗証番号を入れてください|パスワード/.test(h))).toEqual([]);
}


describe('refusals decided before the passwords', () => {
  test("another city's resident (R-ELIG-5)", async () => {
    await counter.insertCard(1, /長良 川男/);
    await identity(counter, '5555');
    await toCertificates(counter, inPersonDocuments);
    await refusedBeforePasswords(counter, 'カードの住所地が本市ではないため受け付けられません');
  });

  test('a Basic Resident Register card (R-ELIG-3)', async () => {
    await counter.insertCard(1, /尾崎 正/);
    await identity(counter, '1010');
    await toCertificates(counter, inPersonDocuments);
    await refusedBeforePasswords(counter, '住基カードには新しい電子証明書を発行できません');
  });

  test('an applicant under 15 entered as 本人 (R-ELIG-4, R-APP-2)', async () => {
    await counter.insertCard(1, /鵜沼 さくら/);
    await identity(counter, '2468');
    await toCertificates(counter, inPersonDocuments);
    await refusedBeforePasswords(counter, '法定代理人と一緒に申請してください');
  });

  test('a required document not checked (R-DOC)', async () => {
    await counter.insertCard(1, /那加 太郎/);
    await identity(counter, '1357');
    await toCertificates(counter, []);
    await refusedBeforePasswords(counter, '必要書類が確認されていません：マイナンバーカード（個人番号カード）');
  });
});
