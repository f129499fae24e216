import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Button } from '../Button/Button';
import './ScreenLayout.css';
import { useLargeText } from './useLargeText';

export interface ScreenLayoutProps {
  readonly audience: 'clerk' | 'applicant';
  /** The page's one h1; may hold ruby. */
  readonly title: ReactNode;
  readonly children: ReactNode;
  /** Clerk-side extras in the header (queue badge, clerk name, sign-out). */
  readonly headerActions?: ReactNode;
  /** The optional side panel (training cards, help). */
  readonly side?: ReactNode;
  readonly sideLabel?: string;
  /** A marker shown in the header on training terminals. */
  readonly training?: boolean;
  /** The terminal's name in the header, where it is not the counter's. */
  readonly appName?: ReactNode;
}

export function ScreenLayout({ audience, title, children, headerActions, side, sideLabel, training = false, appName }: ScreenLayoutProps) {
  const { t, lang, toggleLang, showRuby, toggleRuby } = useI18n();
  const { isLarge, toggle } = useLargeText();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const mainId = useId();

  // A new screen (a new mount: the App switch remounts per step) moves focus to its title, so a
  // screen reader announces where the user is.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <div className={`layout layout--${audience}`}>
      <a className="layout-skip" href={`#${mainId}`}>
        {t('layout.skip')}
      </a>
      <header className="layout-header">
        <p className="layout-app">
          {appName ?? t('app.name')}
          {training && <span className="layout-training">{t('app.training')}</span>}
        </p>
        <nav className="layout-settings" aria-label={t('layout.settings')}>
          {headerActions}
          <Button variant="secondary" onPress={toggle} pressed={isLarge}>
            {t('layout.largeText')}
          </Button>
          {audience === 'applicant' && lang === 'ja' && (
            <Button variant="secondary" onPress={toggleRuby} pressed={showRuby}>
              {t('layout.ruby')}
            </Button>
          )}
          {/* Last and of one width in both languages: after a switch the same button is under the
              pointer, never another one (sign-out) that moved there with the new words. */}
          <Button variant="secondary" className="layout-language" onPress={toggleLang} lang={lang === 'ja' ? 'en' : 'ja'} ariaLabel={t('layout.languageLabel')}>
            {t('layout.language')}
          </Button>
        </nav>
      </header>
      <div className="layout-body">
        <main id={mainId} className="layout-main" tabIndex={-1}>
          <h1 ref={headingRef} tabIndex={-1} className="layout-title">
            {title}
          </h1>
          {children}
        </main>
        {side !== undefined && (
          <aside className="layout-side" aria-label={sideLabel ?? t('layout.side')}>
            {side}
          </aside>
        )}
      </div>
    </div>
  );
}
