/**
 * The browser shell refused this page: it was opened without the terminal's one-time link (no
 * session cookie), so every request would be refused. Said plainly, with what to do, instead of
 * "connecting…" for ever.
 */
import { Notice } from '../components/Notice/Notice';
import { ScreenLayout } from '../components/ScreenLayout/ScreenLayout';
import { useT } from '../i18n/I18nProvider';

export function NotConnectedScreen() {
  const t = useT();
  return (
    <ScreenLayout audience="clerk" title={t('app.notConnected.title')}>
      <Notice tone="warning">
        <p>{t('app.notConnected.body')}</p>
        <p>{t('app.notConnected.once')}</p>
      </Notice>
      <p>{t('app.notConnected.why')}</p>
    </ScreenLayout>
  );
}
