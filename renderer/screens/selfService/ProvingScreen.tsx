/**
 * The resident proves who they are with the password they remember (the auth PIN for a signing-
 * password reset and the reverse). The tries left are shown before every verify; at one try left
 * the shared VerifySecret asks for an explicit confirmation. The card alone checks the password.
 */
import { useState } from 'react';
import type { ErrorCode } from '../../../src/api/errors';
import { useApi, useSelfService } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import { VerifySecret, type VerifySecretWords } from '../applicant/VerifySecret';
import { SelfServiceLayout } from './SelfServiceLayout';
import type { StepOf } from './steps';
import { useResidentTurn } from './useResidentTurn';

export function ProvingScreen({ state }: { readonly state: StepOf<'proving'> }) {
  const { t, tRich, errorText } = useI18n();
  const api = useApi();
  const { send, call } = useSelfService();
  const turn = useResidentTurn(state.deadlineAt);
  const [failure, setFailure] = useState<{ readonly code: ErrorCode; readonly triesLeft: number | null } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const kind = state.provingKind;
  const triesLeft = failure?.triesLeft ?? state.card.pins[kind].triesLeft;
  const words: VerifySecretWords = {
    submit: 'ss.proving.submit',
    sending: 'ss.proving.sending',
    incomplete: `ss.proving.incomplete.${kind}`,
    lastTryTitle: 'ss.proving.lastTryTitle',
    lastTryBody: 'ss.proving.lastTryBody',
    lastTryConfirm: 'ss.proving.lastTryConfirm',
  };

  const verify = async (password: Uint8Array, confirmLastTry: boolean) => {
    setFailure(null);
    setBusy(true);
    const result = await call(() => api.invoke('selfService.provingPassword', { password, confirmLastTry }));
    setBusy(false);
    if (!result.ok) setFailure({ code: result.error.code, triesLeft: result.error.details.triesLeft ?? null });
  };

  // Hidden while a new try is checked, so a second refusal on the same screen is announced afresh.
  const showRefused = state.lastAttemptFailed && failure === null && !isBusy;
  const nameVars = { name: tRich(`ss.kind.${kind}`), shape: t(`ss.kindShape.${kind}`) };

  return (
    <SelfServiceLayout state={state}>
      <VerifySecret
        kind={kind}
        triesLeft={triesLeft}
        entryLabel={<RichText id="ss.proving.entry" vars={nameVars} />}
        entryName={t(`ss.kind.${kind}`)}
        words={words}
        idle={{ deadlineAt: state.deadlineAt, warningMs: turn.warningMs, onExtend: turn.extend, messageId: 'ss.idle' }}
        onVerify={verify}
        onActivity={turn.noteActivity}
        actions={
          <>
            <Button variant="secondary" onPress={() => void send({ type: 'back' })}>
              {t('ss.proving.back')}
            </Button>
            <Button variant="tertiary" onPress={() => void send({ type: 'cancel' })}>
              {t('ss.cancel')}
            </Button>
          </>
        }
      >
        <p className="ss-lead">
          <RichText id="ss.proving.lead" />
        </p>
        {showRefused && (
          <Notice tone="error" title={t('ss.proving.refused')}>
            <p>{t('ss.proving.triesLeft', { count: triesLeft })}</p>
          </Notice>
        )}
        {failure !== null && (
          <Notice tone="error" title={errorText(failure.code)}>
            {failure.triesLeft !== null && <p>{t('ss.proving.triesLeft', { count: failure.triesLeft })}</p>}
          </Notice>
        )}
        {!state.lastAttemptFailed && failure === null && (
          <p className="applicant-tries">{t('ss.proving.triesLeft', { count: triesLeft })}</p>
        )}
      </VerifySecret>
    </SelfServiceLayout>
  );
}
