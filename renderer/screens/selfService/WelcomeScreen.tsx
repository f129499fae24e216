/**
 * The resting screen: place the card. It says what the terminal does and that the passwords go
 * to the card only; after a timeout or a cancel it says once what happened (nothing changed).
 */
import type { StepOf } from './steps';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import { SelfServiceLayout } from './SelfServiceLayout';

export function WelcomeScreen({ state }: { readonly state: StepOf<'welcome' | 'reading'> }) {
  const { t } = useI18n();
  return (
    <SelfServiceLayout state={state}>
      {state.step === 'welcome' && state.notice !== null && (
        <Notice tone="info" title={t(`ss.notice.${state.notice}`)} />
      )}
      {state.step === 'reading' ? (
        <p className="ss-working" role="status">
          <span className="ss-spinner" aria-hidden="true" />
          {t('ss.reading')}
        </p>
      ) : (
        <>
          <p className="ss-lead">
            <RichText id="ss.welcome.lead" />
          </p>
          <h2>{t('ss.welcome.how')}</h2>
          <ol className="ss-how">
            <li>{t('ss.welcome.how1')}</li>
            <li>{t('ss.welcome.how2')}</li>
            <li>{t('ss.welcome.how3')}</li>
          </ol>
          <p>{t('ss.welcome.privacy')}</p>
        </>
      )}
    </SelfServiceLayout>
  );
}
