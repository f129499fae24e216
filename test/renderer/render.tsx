/** Renders UI under the same providers main.tsx uses, against a fake of the contract. */
import { act, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ApiProvider } from '../../renderer/api/ApiProvider';
import { App } from '../../renderer/app/App';
import { ClockProvider } from '../../renderer/app/clock';
import { NavigationProvider } from '../../renderer/app/navigation';
import { I18nProvider } from '../../renderer/i18n/I18nProvider';
import type { Language } from '../../renderer/i18n/format';
import { createFakeApi, type FakeApi, type FakeApiInit } from './fake-api';

export interface Rendered extends RenderResult {
  readonly fake: FakeApi;
}

/**
 * A weekday morning in Japan: what depends on the time of day (the closing-time warning) stays
 * out of the way whenever the tests run; a test that needs another time wraps its own ClockProvider.
 */
const morning = (): number => Date.parse('2026-12-02T10:00:00+09:00');

/** Display settings persist in localStorage; each test starts from the defaults. */
export function resetDisplaySettings(): void {
  window.localStorage.clear();
  document.documentElement.className = '';
  document.documentElement.lang = 'ja';
}

export function renderWithApi(ui: ReactNode = <App />, options: FakeApiInit & { readonly fake?: FakeApi; readonly language?: Language } = {}): Rendered {
  resetDisplaySettings();
  const fake = options.fake ?? createFakeApi(options);
  const result = render(
    <I18nProvider initialLanguage={options.language}>
      <ApiProvider api={fake.api}>
        <NavigationProvider>
          <ClockProvider now={morning}>{ui}</ClockProvider>
        </NavigationProvider>
      </ApiProvider>
    </I18nProvider>,
  );
  return { ...result, fake };
}

/** Components that need only the words, not the host. */
export function renderWithI18n(ui: ReactNode, language?: Language): RenderResult {
  resetDisplaySettings();
  // As a wrapper, so rerender() keeps the provider.
  return render(ui, { wrapper: ({ children }) => <I18nProvider initialLanguage={language}>{children}</I18nProvider> });
}

/** The text an element's aria-describedby points at (what a screen reader reads after the name). */
export function descriptionOf(element: Element): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id !== '');
  return ids
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
    .trim();
}

/** Lets the fake host's pending answers land inside act(), e.g. before a test ends. */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** items[index], failing the test when it is missing (instead of a non-null assertion). */
export function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at ${index}, got ${items.length} items`);
  return item;
}
