/**
 * The counter's password change, turned to the resident: which password to change, with the
 * card's tries left for each; a locked one says what to do instead. The clerk may go back.
 */
import type { StepState } from '../../app/steps';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { ScreenLayout } from '../../components/ScreenLayout/ScreenLayout';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import '../applicant/applicant.css';
import { useClerkCommand } from '../clerk/useClerkCommand';
import { ChangeKindList } from './ChangeKindList';

export function ChangeChoiceScreen({ state }: { readonly state: StepState<'certificates'> }) {
  const { t, errorText } = useI18n();
  const { send, errorCode } = useClerkCommand();
  return (
    <ScreenLayout audience="applicant" title={<RichText id="change.choose.title" />}>
      <p>
        <RichText id="change.choose.lead" />
      </p>
      {errorCode !== null && <Notice tone="error" title={errorText(errorCode)} />}
      {state.card !== null && <ChangeKindList pins={state.card.pins} onChoose={(kind) => send({ type: 'chooseCertificates', certificates: [kind] })} />}
      <div className="applicant-actions">
        <Button variant="secondary" onPress={() => send({ type: 'back' })}>
          {t('change.choose.back')}
        </Button>
      </div>
    </ScreenLayout>
  );
}
