/**
 * The new password, typed twice under the live R-PW checklist on the counter's own SetPasswords
 * panel; both entries go to the host as bytes (it compares them again before the card sees them).
 */
import type { ErrorCode } from '../../../src/api/errors';
import { useApi, useSelfService } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { useI18n } from '../../i18n/I18nProvider';
import { SetPasswords, type NewSecrets, type SetPasswordsWords } from '../applicant/SetPasswords';
import { SelfServiceLayout } from './SelfServiceLayout';
import type { StepOf } from './steps';
import { TurnStart } from './TurnStart';
import { useResidentTurn } from './useResidentTurn';

const words: SetPasswordsWords = { confirmTitle: 'ss.new.confirmTitle', confirmBody: 'ss.new.confirmBody', confirm: 'ss.new.confirm' };

export function NewPasswordScreen({ state }: { readonly state: StepOf<'newPassword'> }) {
  const { t } = useI18n();
  const api = useApi();
  const { send, call } = useSelfService();
  const turn = useResidentTurn(state.deadlineAt);

  const sendNew = async (secrets: NewSecrets): Promise<ErrorCode | null> => {
    const pair = secrets[state.resetKind];
    if (pair === undefined) return 'SELF_SERVICE_BAD_PASSWORD';
    const result = await call(() => api.invoke('selfService.newPassword', { password: pair.typed, confirmation: pair.again }));
    return result.ok ? null : result.error.code;
  };

  return (
    <SelfServiceLayout state={state}>
      <TurnStart idle={turn.idle} lead="ss.new.lead" />
      <SetPasswords
        kinds={[state.resetKind]}
        onSend={sendNew}
        onActivity={turn.noteActivity}
        words={words}
        actions={
          <Button variant="tertiary" onPress={() => void send({ type: 'cancel' })}>
            {t('ss.cancel')}
          </Button>
        }
      />
    </SelfServiceLayout>
  );
}
