/**
 * The applicant sets the signing password (R-PW-1) and/or the authentication PIN (R-PW-2), each
 * typed twice on a fixed keypad (R-PW-3), through the shared SetPasswords panel; the bytes go to
 * the host on `visit.passwords`.
 */
import type { ErrorCode } from '../../../src/api/errors';
import { useApi, useVisit } from '../../api/ApiProvider';
import type { StepState } from '../../app/steps';
import { IdleWarning } from '../../components/IdleWarning/IdleWarning';
import { Notice } from '../../components/Notice/Notice';
import { ScreenLayout } from '../../components/ScreenLayout/ScreenLayout';
import { RichText } from '../../i18n/RichText';
import './applicant.css';
import { representativeSetsPin } from './representative';
import { SetPasswords, type NewSecrets } from './SetPasswords';
import { useApplicantTurn } from './useApplicantTurn';

export function PasswordsScreen({ state }: { readonly state: StepState<'passwords'> }) {
  const api = useApi();
  const { call } = useVisit();
  const turn = useApplicantTurn(state.deadlineAt);
  const kinds = (['sign', 'auth'] as const).filter((k) => state.certificates.includes(k));

  const send = async (secrets: NewSecrets): Promise<ErrorCode | null> => {
    // Both entries go: the host compares them again (a screen is never the only guard of R-PW-3).
    const result = await call(() => api.invoke('visit.passwords', { sign: secrets.sign?.typed, signRepeat: secrets.sign?.again, auth: secrets.auth?.typed, authRepeat: secrets.auth?.again }));
    return result.ok ? null : result.error.code;
  };

  return (
    <ScreenLayout audience="applicant" title={<RichText id={kinds.length === 2 ? 'passwords.title.both' : kinds[0] === 'sign' ? 'passwords.title.sign' : 'passwords.title.auth'} />}>
      <IdleWarning {...turn.idle} />
      <p>
        <RichText id="passwords.lead" />
      </p>
      {representativeSetsPin(state) && <Notice tone="info" live="off" title={<RichText id="passwords.representative" />} />}
      <SetPasswords kinds={kinds} onSend={send} onActivity={turn.noteActivity} />
    </ScreenLayout>
  );
}
