/**
 * The applicant types the card-info PIN (R-LOCK-3) so the basic 4 information can be read from
 * the card. Tries left are shown before anything is sent; the last try needs an explicit
 * confirmation; a refusal is said once and nothing is ever re-sent by itself.
 */
import { useState } from 'react';
import type { ErrorCode } from '../../../src/api/errors';
import { useApi, useVisit } from '../../api/ApiProvider';
import type { StepState } from '../../app/steps';
import { Button } from '../../components/Button/Button';
import { Dialog } from '../../components/Dialog/Dialog';
import { IdleWarning } from '../../components/IdleWarning/IdleWarning';
import { Keypad } from '../../components/Keypad/Keypad';
import { Notice } from '../../components/Notice/Notice';
import { ScreenLayout } from '../../components/ScreenLayout/ScreenLayout';
import { SecretDisplay } from '../../components/SecretDisplay/SecretDisplay';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import './applicant.css';
import { refusalFor } from './keyRules';
import { useApplicantTurn } from './useApplicantTurn';
import { usePhysicalKeys } from './usePhysicalKeys';
import { useSecretBuffer } from './useSecretBuffer';

const pinLength = 4;

export function CardInfoPinScreen({ state }: { readonly state: StepState<'cardInfoPin'> }) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const { send, apply } = useVisit();
  const turn = useApplicantTurn(state.deadlineAt);
  const pin = useSecretBuffer(pinLength);
  const [isRevealed, setRevealed] = useState(false);
  const [isConfirming, setConfirming] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ readonly code: ErrorCode; readonly triesLeft: number | null } | null>(null);
  const [keyRefusal, setKeyRefusal] = useState<string | null>(null);

  const triesLeft = failure?.triesLeft ?? state.card.pins.cardInfo?.triesLeft ?? 0;
  const isComplete = pin.length === pinLength;

  const type = (char: string) => {
    turn.noteActivity();
    const refusal = refusalFor('auth', char);
    if (refusal !== null) {
      setKeyRefusal(t(refusal));
      return;
    }
    setKeyRefusal(pin.push(char.charCodeAt(0)) ? null : t('pwRefused.too-long'));
  };
  const remove = () => {
    turn.noteActivity();
    setKeyRefusal(null);
    pin.pop();
  };
  const clear = () => {
    setKeyRefusal(null);
    pin.clear();
  };

  const verify = async (confirmLastTry: boolean) => {
    setConfirming(false);
    const bytes = pin.bytes();
    // Wiped before the answer: a refused PIN is typed again, never re-sent (no automatic retry).
    pin.clear();
    setRevealed(false);
    setBusy(true);
    setFailure(null);
    const result = await api.invoke('visit.cardInfoPin', { pin: bytes, confirmLastTry });
    bytes.fill(0);
    setBusy(false);
    if (result.ok) apply(result);
    else setFailure({ code: result.error.code, triesLeft: result.error.details.triesLeft ?? null });
  };

  const submit = () => {
    if (!isComplete || isBusy) return;
    if (triesLeft === 1) setConfirming(true);
    else void verify(false);
  };

  usePhysicalKeys(!isConfirming && !isBusy, {
    onChar: type,
    onDelete: remove,
    onEnter: submit,
    onComposing: () => setKeyRefusal(t('pwRefused.full-width')),
  });

  // Hidden while a new try is checked, so a second refusal is announced afresh.
  const showRefused = !isBusy && failure === null && state.lastAttemptFailed;

  return (
    <ScreenLayout audience="applicant" title={<RichText id="cardInfoPin.title" />}>
      {/* While the modal confirmation is open the page behind it is unreachable, so the warning and
          「延長する」 move into the dialog (WCAG 2.2.1). */}
      {!isConfirming && <IdleWarning deadlineAt={state.deadlineAt} warningMs={turn.warningMs} onExtend={turn.extend} />}
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
      <SecretDisplay
        label={<RichText id="cardInfoPin.entry" />}
        length={pin.length}
        isRevealed={isRevealed}
        onToggleReveal={() => setRevealed((was) => !was)}
        reveal={pin.peek}
        active
      />
      <div role="alert" className="applicant-refusal">
        {keyRefusal !== null && <p className="field-error">{keyRefusal}</p>}
      </div>
      <Keypad layout="telephone" label={t('keypad.label', { name: t('cardInfoPin.entry') })} onKey={type} onDelete={remove} onClear={clear} />
      <div className="applicant-actions">
        <Button size="large" onPress={submit} disabledReason={isBusy ? t('cardInfoPin.sending') : isComplete ? undefined : t('cardInfoPin.needDigits')}>
          {t('cardInfoPin.submit')}
        </Button>
        <Button variant="tertiary" onPress={() => void send({ type: 'typeFactsInstead' })}>
          {t('cardInfoPin.fallback')}
        </Button>
      </div>
      <Dialog
        open={isConfirming}
        role="alertdialog"
        title={t('cardInfoPin.lastTryTitle')}
        onClose={() => setConfirming(false)}
        actions={
          <>
            <Button variant="secondary" onPress={() => setConfirming(false)}>
              {t('action.cancel')}
            </Button>
            <Button onPress={() => void verify(true)}>{t('cardInfoPin.lastTryConfirm')}</Button>
          </>
        }
      >
        <p>{t('cardInfoPin.lastTryBody')}</p>
        <IdleWarning deadlineAt={state.deadlineAt} warningMs={turn.warningMs} onExtend={turn.extend} />
      </Dialog>
    </ScreenLayout>
  );
}
