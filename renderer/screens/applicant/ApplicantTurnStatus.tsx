/**
 * What a clerk-side view shows while the applicant types (R-PW-3): the step only. Nothing here
 * depends on what or how much the applicant typed, so the clerk cannot learn either.
 */
import { Notice } from '../../components/Notice/Notice';
import { ScreenLayout } from '../../components/ScreenLayout/ScreenLayout';
import { useT } from '../../i18n/I18nProvider';
import type { StepState } from '../../app/steps';

export function ApplicantTurnStatus({ state }: { readonly state: StepState<'cardInfoPin' | 'passwords'> }) {
  const t = useT();
  return (
    <ScreenLayout audience="clerk" title={t('applicant.turnStatus')}>
      <Notice tone="info" title={t(`applicant.turnStep.${state.step}`)}>
        <p>{t('applicant.turnStatusDetail')}</p>
      </Notice>
    </ScreenLayout>
  );
}
