/** Entry point: fonts and base styles, the connection to the host, and the React root. */
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiProvider';
import { connectApi } from './api/client';
import { App, type AppDisplay } from './app/App';
import { NavigationProvider } from './app/navigation';
import { I18nProvider } from './i18n/I18nProvider';
import './styles/global.css';

const rootElement = document.getElementById('root');
if (rootElement !== null) {
  const api = connectApi();
  const display: AppDisplay = new URLSearchParams(window.location.search).get('display') === 'clerk' ? 'clerk' : 'counter';
  createRoot(rootElement).render(
    <StrictMode>
      <I18nProvider>
        <ApiProvider api={api}>
          <NavigationProvider>
            <App display={display} />
          </NavigationProvider>
        </ApiProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
