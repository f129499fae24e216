/**
 * The counter's password change at the keypad (R-LOCK-4): the current password and the new one
 * go to the host on `visit.changePassword` as one frame; the card decides. A wrong current entry
 * brings the resident back here with the tries the card reports now.
 */
import type { ErrorCode } from '../../../src/api/errors';
import { useApi, useVisit } from '../../api/ApiProvider';
import type { StepState } from '../../app/steps';
import { ScreenLayout } from '../../components/ScreenLayout/ScreenLayout';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import '../applicant/applicant.css';
import { useApplicantTurn } from '../applicant/useApplicantTurn';
import { ChangeEntry } from './ChangeEntry';

export function ChangePasswordScreen({ state }: { readonly state: StepState<'passwords'> }) {
  const { tRich } = useI18n();
  const api = useApi();
  const { call } = useVisit();
  const turn = useApplicantTurn(state.deadlineAt);
  const kind = state.certificates[0] ?? 'sign';
  const triesLeft = state.card?.pins[kind].triesLeft ?? 0;

  const send = async (current: Uint8Array, password: Uint8Array, confirmation: Uint8Array, confirmLastTry: boolean): Promise<ErrorCode | null> => {
    const result = await call(() => api.invoke('visit.changePassword', { current, password, confirmation, confirmLastTry }));
    return result.ok ? null : result.error.code;
  };

  return (
    <ScreenLayout audience="applicant" title={<RichText id="change.title" vars={{ name: tRich(`passwords.${kind}.name`) }} />}>
      <ChangeEntry
        kind={kind}
        triesLeft={triesLeft}
        wasRefused={state.currentRefused === true}
        idle={turn.idle}
        onActivity={turn.noteActivity}
        onSend={send}
      />
    </ScreenLayout>
  );
}
