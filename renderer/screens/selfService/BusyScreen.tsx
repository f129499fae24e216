/**
 * The terminal works with the CA or the card (contacting, verifying, writing): what it does, a
 * request to keep the card on the reader, and no button — work on the card is never cut off.
 */
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import { SelfServiceLayout } from './SelfServiceLayout';
import type { StepOf } from './steps';

export function BusyScreen({ state }: { readonly state: StepOf<'contacting' | 'verifying' | 'writing'> }) {
  const { t } = useI18n();
  const isRemoved = state.step === 'writing' && state.cardRemoved;
  return (
    <SelfServiceLayout state={state}>
      <p className="ss-working" role="status">
        <span className="ss-spinner" aria-hidden="true" />
        {state.step === 'contacting' ? <RichText id="ss.contacting.body" /> : state.step === 'verifying' ? <RichText id="ss.verifying.body" /> : <RichText id="ss.writing.body" />}
      </p>
      {isRemoved ? (
        <Notice tone="warning" title={t('ss.removed.title')}>
          <p>{t('ss.writing.removed')}</p>
        </Notice>
      ) : (
        <Notice tone="warning" live="off" title={t('ss.keepCard')} />
      )}
    </SelfServiceLayout>
  );
}
