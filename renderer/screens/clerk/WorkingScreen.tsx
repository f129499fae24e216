/**
 * The procedure running on the card and with the CA: the steps reached so far in words, a
 * request to keep the card on the reader, and a notice if it was pulled. No cancel: a
 * procedure on the card is never cut off halfway (the reducer refuses it).
 */
import type { StepState } from '../../app/steps';
import { Notice } from '../../components/Notice/Notice';
import { ProgressSteps } from '../../components/ProgressSteps/ProgressSteps';
import { useT } from '../../i18n/I18nProvider';
import { ClerkLayout } from './ClerkLayout';

export function WorkingScreen({ state }: { readonly state: StepState<'working'> }) {
  const t = useT();
  const last = state.progress.length - 1;
  const steps = state.progress.map((step, i) => ({
    key: `${step}-${i}`,
    label: t(`clerk.progress.${step}`),
    status: i < last ? ('done' as const) : state.cardRemoved ? ('failed' as const) : ('current' as const),
  }));
  return (
    <ClerkLayout title={t('clerk.working.title', { procedure: t(`clerk.procedure.${state.procedure}`) })}>
      {state.cardRemoved ? (
        <Notice tone="error" title={t('clerk.working.cardRemovedTitle')}>
          <p>{t('clerk.working.cardRemoved')}</p>
        </Notice>
      ) : (
        <Notice tone="warning" live="off">
          <p>{t('clerk.working.keepCard')}</p>
        </Notice>
      )}
      {steps.length === 0 ? <p role="status">{t('clerk.working.starting')}</p> : <ProgressSteps label={t('clerk.working.progress')} steps={steps} />}
    </ClerkLayout>
  );
}
