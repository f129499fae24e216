import { useT } from '../i18n/I18nProvider';

/** Until the host has answered the first time: a status, so a screen reader hears why nothing shows yet. */
export function ConnectingScreen() {
  const t = useT();
  return (
    <main className="app-loading">
      <p role="status">{t('app.connecting')}</p>
    </main>
  );
}
