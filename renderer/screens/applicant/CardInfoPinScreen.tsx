/**
 * The applicant types the card-info PIN (R-LOCK-3) so the basic 4 information can be read from
 * the card, on the shared VerifySecret entry: tries left shown before anything is sent, the last
 * try confirmed explicitly, a refusal said once and nothing re-sent by itself.
 */
import { useState } from 'react';
import type { ErrorCode } from '../../../src/api/errors';
import { useApi, useVisit } from '../../api/ApiProvider';
import type { StepState } from '../../app/steps';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { ScreenLayout } from '../../components/ScreenLayout/ScreenLayout';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import './applicant.css';
import { useApplicantTurn } from './useApplicantTurn';
import { VerifySecret, type VerifySecretWords } from './VerifySecret';

const words: VerifySecretWords = {
  submit: 'cardInfoPin.submit',
  sending: 'cardInfoPin.sending',
  incomplete: 'cardInfoPin.needDigits',
  lastTryTitle: 'cardInfoPin.lastTryTitle',
  lastTryBody: 'cardInfoPin.lastTryBody',
  lastTryConfirm: 'cardInfoPin.lastTryConfirm',
};

export function CardInfoPinScreen({ state }: { readonly state: StepState<'cardInfoPin'> }) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const { send, call } = useVisit();
  const turn = useApplicantTurn(state.deadlineAt);
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ readonly code: ErrorCode; readonly triesLeft: number | null } | null>(null);

  const triesLeft = failure?.triesLeft ?? state.card.pins.cardInfo?.triesLeft ?? 0;

  const verify = async (pin: Uint8Array, confirmLastTry: boolean) => {
    setBusy(true);
    setFailure(null);
    const result = await call(() => api.invoke('visit.cardInfoPin', { pin, confirmLastTry }));
    setBusy(false);
    if (!result.ok) setFailure({ code: result.error.code, triesLeft: result.error.details.triesLeft ?? null });
  };

  // Hidden while a new try is checked, so a second refusal is announced afresh.
  const showRefused = !isBusy && failure === null && state.lastAttemptFailed;

  return (
    <ScreenLayout audience="applicant" title={<RichText id="cardInfoPin.title" />}>
      <VerifySecret
        kind="auth"
        triesLeft={triesLeft}
        entryLabel={<RichText id="cardInfoPin.entry" />}
        entryName={t('cardInfoPin.entry')}
        words={words}
        idle={{ deadlineAt: state.deadlineAt, warningMs: turn.warningMs, onExtend: turn.extend }}
        onVerify={verify}
        onActivity={turn.noteActivity}
        actions={
          <Button variant="tertiary" onPress={() => void send({ type: 'typeFactsInstead' })}>
            {t('cardInfoPin.fallback')}
          </Button>
        }
      >
        <p>
          <RichText id="cardInfoPin.lead" />
        </p>
        {showRefused && (
          <Notice tone="error" title={t('cardInfoPin.refused')}>
            <p>{t('cardInfoPin.triesLeft', { count: triesLeft })}</p>
          </Notice>
        )}
        {failure !== null && (
          <Notice tone="error" title={errorText(failure.code)}>
            {failure.triesLeft !== null && <p>{t('cardInfoPin.triesLeft', { count: failure.triesLeft })}</p>}
          </Notice>
        )}
        {!state.lastAttemptFailed && failure === null && (
          <p className="applicant-tries" id="card-info-tries">
            {t('cardInfoPin.triesLeft', { count: triesLeft })}
          </p>
        )}
      </VerifySecret>
    </ScreenLayout>
  );
}
