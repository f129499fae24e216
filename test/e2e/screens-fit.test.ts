/**
 * The resident's keypad screens on the screens a counter or a kiosk really has (1366×768 and
 * 1280×800), in Debian's Chromium over the real host (pcscd + vpcd + the virtual card, the
 * reference CA, SQLite): every key and the main action within the viewport with no scrolling at
 * 100 % text, a single column that scrolls only vertically at 200 %; and a physical Enter after
 * tapping keys does the screen's main action instead of typing the last key again.
 */
import type { Locator, Page } from 'playwright-core';
import { inPersonDocuments, type Counter } from './support/counter';
import { useCounterTerminal } from './support/counter-terminal';

jest.setTimeout(600_000);

const viewports = [
  { width: 1366, height: 768 },
  { width: 1280, height: 800 },
] as const;

let page: Page;
let counter: Counter;

const terminal = useCounterTerminal({ prefix: 'fit', viewport: viewports[0], start: 'open', ready: (t) => ({ page, counter } = t) });

interface Box {
  readonly name: string;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** Where the keys and the main action are, and how far the document scrolls, as the page lays them out. */
async function layout(mainAction: Locator, region: string): Promise<{ readonly viewport: { width: number; height: number }; readonly scroll: { width: number; height: number }; readonly boxes: Box[] }> {
  const geometry = await page.evaluate((selector) => {
    const rect = (el: Element, name: string) => {
      const r = el.getBoundingClientRect();
      return { name, top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const keys = Array.from(document.querySelectorAll('[role="group"][aria-label] button')).filter((b) => b.closest('.keypad') !== null);
    const scroller = document.scrollingElement ?? document.documentElement;
    // What the region's content takes, not the box a flex row stretches it to.
    const region = Array.from(document.querySelector(selector)?.children ?? []).reduce<Element | null>((last, el) => (last === null || el.getBoundingClientRect().bottom > last.getBoundingClientRect().bottom ? el : last), null);
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      scroll: { width: scroller.scrollWidth, height: scroller.scrollHeight },
      boxes: [...keys.map((k) => rect(k, `key ${k.textContent ?? ''}`)), ...(region === null ? [] : [rect(region, 'region')])],
    };
  }, region);
  const action = await mainAction.boundingBox();
  if (action === null) throw new Error('the main action is not laid out');
  return { ...geometry, boxes: [...geometry.boxes, { name: 'main action', top: action.y, bottom: action.y + action.height, left: action.x, right: action.x + action.width }] };
}

function outside(boxes: readonly Box[], viewport: { width: number; height: number }): string[] {
  return boxes.filter((b) => b.top < 0 || b.left < 0 || b.bottom > viewport.height + 0.5 || b.right > viewport.width + 0.5).map((b) => `${b.name} at (${Math.round(b.left)}, ${Math.round(b.top)})–(${Math.round(b.right)}, ${Math.round(b.bottom)})`);
}

/**
 * At each viewport, 100 % text: the keys and the main action are on screen and the document does
 * not scroll (`region` is what must fit: the whole document, or only the resident's column where
 * a training terminal adds its trainer's panel below it). At 200 %: no sideways scrolling, and the
 * main action is reached by scrolling down.
 */
async function expectFits(mainAction: Locator, { region = 'body', wholeDocument = true } = {}): Promise<void> {
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => window.scrollTo(0, 0));
    const at100 = await layout(mainAction, region);
    expect({ viewport, outside: outside(at100.boxes, at100.viewport) }).toEqual({ viewport, outside: [] });
    expect(at100.scroll.width).toBeLessThanOrEqual(at100.viewport.width);
    if (wholeDocument) expect({ viewport, scrollHeight: at100.scroll.height <= at100.viewport.height }).toEqual({ viewport, scrollHeight: true });
  }
  await page.getByRole('button', { name: '文字を大きくする' }).click();
  try {
    for (const viewport of viewports) {
      await page.setViewportSize(viewport);
      const at200 = await layout(mainAction, region);
      expect(at200.scroll.width).toBeLessThanOrEqual(at200.viewport.width);
      await mainAction.scrollIntoViewIfNeeded();
      const action = await mainAction.boundingBox();
      expect(action).not.toBeNull();
      if (action !== null) expect(action.y + action.height).toBeLessThanOrEqual(viewport.height);
    }
  } finally {
    await page.getByRole('button', { name: '文字を大きくする' }).click();
    await page.setViewportSize(viewports[0]);
    await page.evaluate(() => window.scrollTo(0, 0));
  }
}

async function tap(text: string): Promise<void> {
  await counter.pressKeys(text);
}

describe('the counter: card-info PIN and new passwords', () => {
  test('every key and the main action fit 1366×768 and 1280×800; Enter after tapping keys does the main action', async () => {
    await terminal.open({ training: true });
    await counter.signIn();
    await counter.insertCard(1, /那加 太郎/);
    await counter.heading('カードの内容');
    await counter.button('申請者に券面事項入力補助用暗証番号を入れてもらう');
    await counter.heading(/数字4桁/);
    await expectFits(page.getByRole('button', { name: 'この暗証番号で読み取る' }));

    // Tapped keys, then the physical Enter: the PIN is read, not a fifth digit typed.
    await tap('1357');
    await page.keyboard.press('Enter');
    await counter.heading('基本4情報の確認');
    await page.getByRole('checkbox', { name: '住所が本市の住民登録と一致することを確認しました' }).check();
    await counter.button('この内容で確定する');
    await counter.heading('手続きを選んでください');
    await counter.chooseProcedure('新規発行');
    await counter.tick(inPersonDocuments);
    await counter.toCertificates();
    await counter.confirmCertificates();
    await counter.heading(/決めてください/);

    await expectFits(page.getByRole('button', { name: '次へ（もう一度入れる）' }));
    await tap('MADO2026');
    await page.keyboard.press('Enter');
    await page.getByText('確認のため、もう一度入れてください').waitFor();
    await expectFits(page.getByRole('button', { name: '確認する' }));
    await tap('MADO2026');
    await page.keyboard.press('Enter');
    // The signing password matched: the authentication PIN's keypad is next.
    await page.getByRole('group', { name: '利用者証明用暗証番号の入力キー' }).waitFor();
    await expectFits(page.getByRole('button', { name: '次へ（もう一度入れる）' }));
    await tap('4826');
    await page.keyboard.press('Enter');
    await page.getByText('確認のため、もう一度入れてください').waitFor();
    await tap('4826');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '設定する' }).waitFor();
    // Nothing typed twice: both entries matched, so nothing was refused as too long.
    expect(await page.getByText('これ以上は入れられません', { exact: false }).count()).toBe(0);
  });
});

describe('the self-service terminal: proving and the new password', () => {
  test("the resident's column fits 1366×768 and 1280×800; Enter after tapping keys does the main action", async () => {
    await terminal.open({ training: true, mode: 'self-service' });
    await counter.heading('マイナンバーカードをカードリーダーに置いてください');
    await counter.insertCard(1, /稲羽 誠/);
    await counter.heading('どちらのパスワードを設定し直しますか');
    await counter.button('署名用パスワードを設定し直す');
    await counter.heading('いま覚えている利用者証明用暗証番号を入れてください');
    // A training terminal puts the trainer's card panel below the resident's column.
    await expectFits(page.getByRole('button', { name: '入力した内容で確かめる' }), { region: 'main', wholeDocument: false });
    await tap('2580');
    await page.keyboard.press('Enter');
    await counter.heading('新しい署名用パスワードを決めてください');
    await expectFits(page.getByRole('button', { name: '次へ（もう一度入れる）' }), { region: 'main', wholeDocument: false });
    await tap('NEWSIGN26');
    await page.keyboard.press('Enter');
    await page.getByText('確認のため、もう一度入れてください').waitFor();
    await expectFits(page.getByRole('button', { name: '確認する' }), { region: 'main', wholeDocument: false });
  });
});
