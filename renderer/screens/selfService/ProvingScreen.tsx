/**
 * The resident proves who they are with the password they remember (the auth PIN for a signing-
 * password reset and the reverse). The tries left are shown before every verify; at one try left
 * the shared VerifySecret asks for an explicit confirmation. The card alone checks the password.
 */
import { useApi, useSelfService } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import { TriesNotices, type TriesWords } from '../applicant/TriesNotices';
import { useVerifyAttempt } from '../applicant/useVerifyAttempt';
import { VerifySecret, type VerifySecretWords } from '../applicant/VerifySecret';
import { CancelButton } from './CancelButton';
import { SelfServiceLayout } from './SelfServiceLayout';
import type { StepOf } from './steps';
import { useResidentTurn } from './useResidentTurn';

const triesWords: TriesWords = { refused: 'ss.proving.refused', triesLeft: 'ss.proving.triesLeft' };

export function ProvingScreen({ state }: { readonly state: StepOf<'proving'> }) {
  const { t, tRich } = useI18n();
  const api = useApi();
  const { send, call } = useSelfService();
  const turn = useResidentTurn(state.deadlineAt);
  const attempt = useVerifyAttempt(call);
  const kind = state.provingKind;
  const triesLeft = attempt.failure?.triesLeft ?? state.card.pins[kind].triesLeft;
  const words: VerifySecretWords = {
    submit: 'ss.proving.submit',
    sending: 'ss.proving.sending',
    incomplete: `ss.proving.incomplete.${kind}`,
    lastTryTitle: 'ss.proving.lastTryTitle',
    lastTryBody: 'ss.proving.lastTryBody',
    lastTryConfirm: 'ss.proving.lastTryConfirm',
  };

  const verify = (password: Uint8Array, confirmLastTry: boolean) => attempt.attempt(() => api.invoke('selfService.provingPassword', { password, confirmLastTry }));
  const nameVars = { name: tRich(`ss.kind.${kind}`), shape: t(`ss.kindShape.${kind}`) };

  return (
    <SelfServiceLayout state={state}>
      <VerifySecret
        kind={kind}
        triesLeft={triesLeft}
        entryLabel={<RichText id="ss.proving.entry" vars={nameVars} />}
        entryName={t(`ss.kind.${kind}`)}
        words={words}
        idle={turn.idle}
        onVerify={verify}
        onActivity={turn.noteActivity}
        actions={
          <>
            <Button variant="secondary" onPress={() => void send({ type: 'back' })}>
              {t('ss.proving.back')}
            </Button>
            <CancelButton variant="tertiary" />
          </>
        }
      >
        <p className="ss-lead">
          <RichText id="ss.proving.lead" />
        </p>
        <TriesNotices wasRefused={state.lastAttemptFailed} attempt={attempt} triesLeft={triesLeft} words={triesWords} />
      </VerifySecret>
    </SelfServiceLayout>
  );
}
