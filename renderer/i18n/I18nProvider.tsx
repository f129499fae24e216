/**
 * Language (ja first, en on a toggle) and furigana preference for the whole renderer, persisted
 * per terminal in localStorage; `<html lang>` follows so screen readers pick the right voice.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ErrorCode } from '../../src/api/errors';
import { errorMessages } from '../../src/words/errors';
import { formatDate, interpolate, stripRuby, type Language, type Vars } from './format';
import { messages, type MessageId } from './messages';

export interface I18n {
  readonly lang: Language;
  readonly setLang: (lang: Language) => void;
  readonly toggleLang: () => void;
  readonly showRuby: boolean;
  readonly toggleRuby: () => void;
  /** The message with ruby markup removed. */
  readonly t: (id: MessageId, vars?: Vars) => string;
  /** The message with its `{base|reading}` markup kept, for <RichText>. */
  readonly tRich: (id: MessageId, vars?: Vars) => string;
  readonly formatDate: (iso: string) => string;
  readonly errorText: (code: ErrorCode) => string;
}

const languageKey = 'madoguchi.language';
const rubyKey = 'madoguchi.ruby';

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    // Storage may be disabled (private mode, kiosk policy); the default is fine then.
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not persisting a display preference is harmless.
  }
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initialLanguage }: { readonly children: ReactNode; readonly initialLanguage?: Language }) {
  const [lang, setLangState] = useState<Language>(() => initialLanguage ?? (readStored(languageKey) === 'en' ? 'en' : 'ja'));
  const [showRuby, setShowRuby] = useState<boolean>(() => readStored(rubyKey) === 'on');

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    store(languageKey, next);
  }, []);
  const toggleLang = useCallback(() => setLang(lang === 'ja' ? 'en' : 'ja'), [lang, setLang]);
  const toggleRuby = useCallback(() => {
    setShowRuby((was) => {
      store(rubyKey, was ? 'off' : 'on');
      return !was;
    });
  }, []);

  const value = useMemo<I18n>(() => {
    const tRich = (id: MessageId, vars?: Vars) => interpolate(messages[id][lang], vars);
    return {
      lang,
      setLang,
      toggleLang,
      showRuby,
      toggleRuby,
      tRich,
      t: (id, vars) => stripRuby(tRich(id, vars)),
      formatDate: (iso) => formatDate(iso, lang),
      errorText: (code) => errorMessages[code][lang],
    };
  }, [lang, setLang, toggleLang, showRuby, toggleRuby]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (context === null) throw new Error('useI18n needs an <I18nProvider> above it');
  return context;
}

/** `t(id, vars?)` over the catalogues, in the current language. */
export function useT(): I18n['t'] {
  return useI18n().t;
}
