/**
 * The new password, typed twice under the live R-PW checklist on the counter's own SetPasswords
 * panel; both entries go to the host as bytes (it compares them again before the card sees them).
 */
import type { ErrorCode } from '../../../src/api/errors';
import { useApi, useSelfService } from '../../api/ApiProvider';
import { SetPasswords, type NewSecrets, type SetPasswordsWords } from '../applicant/SetPasswords';
import { CancelButton } from './CancelButton';
import { SelfServiceLayout } from './SelfServiceLayout';
import type { StepOf } from './steps';
import { TurnStart } from './TurnStart';
import { useResidentTurn } from './useResidentTurn';

const words: SetPasswordsWords = { confirmTitle: 'ss.new.confirmTitle', confirmBody: 'ss.new.confirmBody', confirm: 'ss.new.confirm' };

export function NewPasswordScreen({ state }: { readonly state: StepOf<'newPassword'> }) {
  const api = useApi();
  const { call } = useSelfService();
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
        actions={<CancelButton variant="tertiary" />}
      />
    </SelfServiceLayout>
  );
}
