/**
 * The applicant types the card-info PIN (R-LOCK-3) so the basic 4 information can be read from
 * the card, on the shared VerifySecret entry: tries left shown before anything is sent, the last
 * try confirmed explicitly, a refusal said once and nothing re-sent by itself.
 */
import { useApi, useVisit } from '../../api/ApiProvider';
import type { StepState } from '../../app/steps';
import { Button } from '../../components/Button/Button';
import { ScreenLayout } from '../../components/ScreenLayout/ScreenLayout';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import './applicant.css';
import { TriesNotices, type TriesWords } from './TriesNotices';
import { useApplicantTurn } from './useApplicantTurn';
import { useVerifyAttempt } from './useVerifyAttempt';
import { VerifySecret, type VerifySecretWords } from './VerifySecret';

const triesWords: TriesWords = { refused: 'cardInfoPin.refused', triesLeft: 'cardInfoPin.triesLeft' };

const words: VerifySecretWords = {
  submit: 'cardInfoPin.submit',
  sending: 'cardInfoPin.sending',
  incomplete: 'cardInfoPin.needDigits',
  lastTryTitle: 'cardInfoPin.lastTryTitle',
  lastTryBody: 'cardInfoPin.lastTryBody',
  lastTryConfirm: 'cardInfoPin.lastTryConfirm',
};

export function CardInfoPinScreen({ state }: { readonly state: StepState<'cardInfoPin'> }) {
  const { t } = useI18n();
  const api = useApi();
  const { send, call } = useVisit();
  const turn = useApplicantTurn(state.deadlineAt);
  const attempt = useVerifyAttempt(call);
  const triesLeft = attempt.failure?.triesLeft ?? state.card.pins.cardInfo?.triesLeft ?? 0;
  const verify = (pin: Uint8Array, confirmLastTry: boolean) => attempt.attempt(() => api.invoke('visit.cardInfoPin', { pin, confirmLastTry }));

  return (
    <ScreenLayout audience="applicant" title={<RichText id="cardInfoPin.title" />}>
      <VerifySecret
        kind="auth"
        triesLeft={triesLeft}
        entryLabel={<RichText id="cardInfoPin.entry" />}
        entryName={t('cardInfoPin.entry')}
        words={words}
        idle={turn.idle}
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
        <TriesNotices wasRefused={state.lastAttemptFailed} attempt={attempt} triesLeft={triesLeft} words={triesWords} triesId="card-info-tries" />
      </VerifySecret>
    </ScreenLayout>
  );
}
