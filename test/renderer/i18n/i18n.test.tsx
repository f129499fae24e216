import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorMessages } from '../../../src/words/errors';
import { formatDate, interpolate, parseRuby, stripRuby } from '../../../renderer/i18n/format';
import { I18nProvider, useI18n } from '../../../renderer/i18n/I18nProvider';
import { messages } from '../../../renderer/i18n/messages';
import { RichText } from '../../../renderer/i18n/RichText';
import { renderWithI18n, resetDisplaySettings } from '../render';

describe('formatDate', () => {
  it('writes the Japanese era with the Western year in Japanese', () => {
    expect(formatDate('2025-11-25', 'ja')).toBe('令和7年11月25日（2025年）');
    expect(formatDate('2019-05-01', 'ja')).toBe('令和元年5月1日（2019年）');
    expect(formatDate('2019-04-30', 'ja')).toBe('平成31年4月30日（2019年）');
  });

  it('writes the Western date with the era in English', () => {
    expect(formatDate('2025-11-25', 'en')).toBe('25 November 2025 (Reiwa 7)');
    expect(formatDate('2024-02-29', 'en')).toBe('29 February 2024 (Reiwa 6)');
  });

  it('returns anything that is not a calendar date unchanged', () => {
    expect(formatDate('2025-02-30', 'ja')).toBe('2025-02-30');
    expect(formatDate('yesterday', 'en')).toBe('yesterday');
  });
});

describe('catalogue helpers', () => {
  it('interpolates named variables and leaves unknown ones visible', () => {
    expect(interpolate('あと{count}回', { count: 2 })).toBe('あと2回');
    expect(interpolate('{missing}', {})).toBe('{missing}');
  });

  it('parses ruby markup', () => {
    expect(parseRuby('{暗証番号|あんしょうばんごう}を入れる')).toEqual([{ text: '暗証番号', ruby: 'あんしょうばんごう' }, { text: 'を入れる' }]);
    expect(stripRuby('{署名用|しょめいよう}の{暗証番号|あんしょうばんごう}')).toBe('署名用の暗証番号');
  });

  it('has Japanese and English words for every message and every error code', () => {
    for (const words of [...Object.values(messages), ...Object.values(errorMessages)]) {
      expect(words.ja.length).toBeGreaterThan(0);
      expect(words.en.length).toBeGreaterThan(0);
    }
  });
});

function Probe() {
  const { t, errorText, formatDate: date, toggleLang, lang } = useI18n();
  return (
    <div>
      <p>{t('cardInfoPin.triesLeft', { count: 2 })}</p>
      <p>{errorText('CARD_REMOVED')}</p>
      <p>{date('2025-11-25')}</p>
      <button type="button" onClick={toggleLang}>
        {lang}
      </button>
      <p>
        <RichText id="passwords.title.auth" />
      </p>
    </div>
  );
}

describe('I18nProvider', () => {
  it('gives t, errorText and formatDate in the current language and toggles it', async () => {
    const user = userEvent.setup();
    renderWithI18n(<Probe />);
    expect(screen.getByText('あと2回まちがえるとロックされます。')).toBeTruthy();
    expect(screen.getByText('カードが取り外されました。カードをリーダーに置いてください。')).toBeTruthy();
    expect(screen.getByText('令和7年11月25日（2025年）')).toBeTruthy();
    expect(screen.getByText('利用者証明用暗証番号を決めてください')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'ja' }));
    expect(screen.getByText('After 2 more wrong tries the PIN is locked.')).toBeTruthy();
    expect(screen.getByText('25 November 2025 (Reiwa 7)')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('starts in the language stored on this terminal', () => {
    resetDisplaySettings();
    window.localStorage.setItem('madoguchi.language', 'en');
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByRole('button', { name: 'en' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });
});
