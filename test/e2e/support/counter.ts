/**
 * The counter as a clerk and a resident use it, driven in Chromium by role and accessible name —
 * the way a screen reader finds things — plus the checks every screen gets: axe (WCAG 2.2 AA,
 * no serious or critical finding) in Japanese and English at 100 % and 200 % text, and a
 * screenshot for the README.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousViolations, type AxeFinding } from './axe';

export const screenshotDir = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
const stepWaitMs = 30_000;

/** The documents of an adult applying in person: the card and the signed application form. */
export const inPersonDocuments = ['マイナンバーカード（個人番号カード）'] as const;

export interface ScreenCheck {
  readonly screen: string;
  readonly variant: string;
  readonly findings: readonly AxeFinding[];
}

export class Counter {
  readonly checks: ScreenCheck[] = [];

  constructor(readonly page: Page) {}

  /** Waits for the screen whose h1 is `name`; on a timeout, says which screen and notices are shown instead. */
  async heading(name: string | RegExp, timeoutMs = stepWaitMs): Promise<void> {
    try {
      await this.page.getByRole('heading', { level: 1, name }).waitFor({ timeout: timeoutMs });
    } catch (error) {
      const shown = await this.page.locator('h1').allInnerTexts().catch(() => []);
      const notices = await this.page.locator('[role=alert], [role=status], .notice').allInnerTexts().catch(() => []);
      throw new Error(`expected the screen ${String(name)}; shown: ${JSON.stringify(shown)}; notices: ${JSON.stringify(notices).slice(0, 1500)}`, { cause: error });
    }
  }

  /** Waits for `text` on the screen; on a timeout, says what the screen shows instead. */
  async text(text: string, timeoutMs = stepWaitMs): Promise<void> {
    try {
      await this.page.getByText(text, { exact: false }).first().waitFor({ timeout: timeoutMs });
    } catch (error) {
      // The whole page: on a training terminal the side panel says which slots hold a card.
      const shown = await this.page.locator('body').innerText().catch(() => '');
      throw new Error(`expected ${text} on the screen; shown: ${shown.slice(0, 4000)}`, { cause: error });
    }
  }

  async signIn(clerkName = '研修 一郎', pin = '1111'): Promise<void> {
    await this.heading('職員サインイン');
    await this.page.getByRole('radio', { name: clerkName }).check();
    await this.page.getByLabel('職員用暗証番号').fill(pin);
    await this.page.getByRole('button', { name: 'サインインする' }).click();
    await this.heading('カードをリーダーに置いてください');
  }

  /** The training side panel: puts a fictional resident's card into reader 1 or 2. */
  async insertCard(slot: 1 | 2, residentOption: string | RegExp): Promise<void> {
    const panel = this.page.getByRole('region', { name: '研修モード：研修用カード' });
    const combos = panel.getByRole('combobox', { name: '置くカード（研修用の住民）' });
    const combo = slot === 1 || (await combos.count()) === 1 ? combos.first() : combos.nth(1);
    const option = combo.getByRole('option', { name: residentOption });
    const value = await option.getAttribute('value');
    if (value === null) throw new Error(`no training resident matches ${String(residentOption)}`);
    await combo.selectOption(value);
    await panel.getByRole('button', { name: `リーダー${slot}にカードを置く` }).click();
  }

  async removeCard(slot: 1 | 2): Promise<void> {
    await this.page.getByRole('button', { name: `リーダー${slot}からカードを取り出す` }).click();
  }

  /** A keypad key by its accessible name (digits and letters are their own names). */
  async pressKeys(text: string): Promise<void> {
    for (const char of text) await this.page.getByRole('button', { name: char, exact: true }).click();
  }

  async button(name: string | RegExp): Promise<void> {
    await this.page.getByRole('button', { name }).click();
  }

  /**
   * From the card's facts to the procedure choice: the resident enters the card-info PIN, the
   * clerk confirms the basic 4 information and the registration.
   */
  async readIdentity(cardInfoPin: string): Promise<void> {
    await this.heading('カードの内容');
    await this.button('申請者に券面事項入力補助用暗証番号を入れてもらう');
    await this.heading(/数字4桁/);
    await this.pressKeys(cardInfoPin);
    await this.button('この暗証番号で読み取る');
    await this.heading('基本4情報の確認');
    await this.page.getByRole('checkbox', { name: '住所が本市の住民登録と一致することを確認しました' }).check();
    await this.button('この内容で確定する');
    await this.heading('手続きを選んでください');
  }

  /** Chooses the procedure by its exact name and goes on to the applicant and documents. */
  async chooseProcedure(procedure: string): Promise<void> {
    await this.page.getByRole('radio', { name: procedure, exact: true }).check();
    await this.button('この手続きで進む');
    await this.heading('申請者と必要書類');
  }

  /** Ticks each checkbox named. */
  async tick(names: readonly string[]): Promise<void> {
    for (const name of names) await this.page.getByRole('checkbox', { name }).check();
  }

  /** The applicant and documents confirmed: on to the certificates to issue. */
  async toCertificates(): Promise<void> {
    await this.button('この内容で次へ');
    await this.heading('発行する電子証明書');
  }

  /** Types one secret twice on a password screen with the physical keyboard, then asks to confirm. */
  async typeTwice(secret: string): Promise<void> {
    await this.page.keyboard.type(secret);
    await this.button('次へ（もう一度入れる）');
    await this.page.keyboard.type(secret);
    await this.button('確認する');
  }

  /**
   * The certificates confirmed, then the application form printed from the card: the clerk
   * ticks that the signed form came back and starts the procedure (the host refuses without it).
   */
  async confirmCertificates(buttonName: string | RegExp = '決定して申請書の印刷に進む'): Promise<void> {
    await this.button(buttonName);
    await this.signApplicationForm();
  }

  async signApplicationForm(): Promise<void> {
    await this.heading('申請書の印刷と署名');
    // The tick is the host's (audited): the box shows it once the host has recorded it.
    await this.page.getByRole('checkbox', { name: '署名済みの申請書を受け取りました' }).click();
    await this.page.getByRole('checkbox', { name: '署名済みの申請書を受け取りました', checked: true }).waitFor();
    await this.button('手続きを始める');
  }

  /** Runs axe in both languages and both text sizes, and keeps a screenshot of the Japanese page. */
  async checkScreen(screen: string): Promise<void> {
    const page = this.page;
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, `${screen}.png`), fullPage: true });
    this.checks.push({ screen, variant: 'ja-100', findings: await seriousViolations(page) });
    await page.getByRole('button', { name: '文字を大きくする' }).click();
    this.checks.push({ screen, variant: 'ja-200', findings: await seriousViolations(page) });
    await page.screenshot({ path: join(screenshotDir, `${screen}-large.png`), fullPage: true });
    await page.getByRole('button', { name: 'Switch to English' }).click();
    this.checks.push({ screen, variant: 'en-200', findings: await seriousViolations(page) });
    await page.getByRole('button', { name: 'Large text' }).click();
    this.checks.push({ screen, variant: 'en-100', findings: await seriousViolations(page) });
    await page.screenshot({ path: join(screenshotDir, `${screen}-en.png`), fullPage: true });
    await page.getByRole('button', { name: '日本語に切り替える' }).click();
  }

  /** Every serious or critical axe finding collected so far, one line each. */
  failures(): string[] {
    return this.checks.flatMap((c) => c.findings.map((f) => `${c.screen} [${c.variant}] ${f.impact} ${f.id}: ${f.targets.slice(0, 3).join(', ')}`));
  }
}
