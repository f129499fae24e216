/**
 * Typing a password the card already knows, for the card to verify: the counter's card-info PIN
 * (R-LOCK-3) and the self-service terminal's proving password. The caller shows the tries left
 * before anything is sent (R-LOCK-1); the last try needs an explicit confirmation; a refused entry
 * is typed again, never re-sent by itself. The characters live only in a zeroed-on-clear buffer.
 */
import { useState, type ReactNode } from 'react';
import { validatePassword, type PasswordKind } from '../../../src/domain/passwords';
import { Button } from '../../components/Button/Button';
import { Dialog } from '../../components/Dialog/Dialog';
import { IdleWarning } from '../../components/IdleWarning/IdleWarning';
import { SecretDisplay } from '../../components/SecretDisplay/SecretDisplay';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/messages';
import './applicant.css';
import { EntryColumns } from './EntryColumns';
import type { IdleProps } from './useApplicantTurn';
import { EntryKeypad, KeyRefusal } from './EntryKeypad';
import { secretCapacity } from './SetPasswords';
import { useKeyEntry } from './useKeyEntry';
import { useSecretBuffer } from './useSecretBuffer';

export interface VerifySecretWords {
  readonly submit: MessageId;
  readonly sending: MessageId;
  /** Why the submit button cannot act yet (the entry is not complete). */
  readonly incomplete: MessageId;
  readonly lastTryTitle: MessageId;
  readonly lastTryBody: MessageId;
  readonly lastTryConfirm: MessageId;
}

export type { IdleProps } from './useApplicantTurn';

export interface VerifySecretProps {
  /** Which characters and keypad: 'auth' is 4 digits on the telephone keypad (also the card-info PIN). */
  readonly kind: PasswordKind;
  readonly triesLeft: number;
  readonly entryLabel: ReactNode;
  /** The plain name of what is typed, for the keypad's accessible name. */
  readonly entryName: string;
  readonly words: VerifySecretWords;
  readonly idle: IdleProps;
  /** Called with a copy of the bytes, zeroed when the returned promise settles. */
  readonly onVerify: (bytes: Uint8Array, confirmLastTry: boolean) => Promise<void>;
  /** Each key press (the turn may be extended). */
  readonly onActivity: () => void;
  /** Between the idle warning and the entry: the lead, notices, the tries left. */
  readonly children?: ReactNode;
  /** Further actions beside the submit button (a fallback, going back). */
  readonly actions?: ReactNode;
}

/** Whether a typed entry could be the password at all: sending one that cannot be only spends a try. */
function isComplete(kind: PasswordKind, typed: string): boolean {
  return validatePassword(kind, typed).ok;
}

export function VerifySecret({ kind, triesLeft, entryLabel, entryName, words, idle, onVerify, onActivity, children, actions }: VerifySecretProps) {
  const { t } = useI18n();
  const secret = useSecretBuffer(secretCapacity[kind]);
  const [isRevealed, setRevealed] = useState(false);
  const [isConfirming, setConfirming] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const canSend = isComplete(kind, secret.peek());

  const verify = async (confirmLastTry: boolean) => {
    setConfirming(false);
    const bytes = secret.bytes();
    // Wiped before the answer: a refused entry is typed again, never re-sent (no automatic retry).
    secret.clear();
    setRevealed(false);
    setBusy(true);
    try {
      await onVerify(bytes, confirmLastTry);
    } finally {
      bytes.fill(0);
      setBusy(false);
    }
  };

  const submit = () => {
    if (!canSend || isBusy) return;
    if (triesLeft === 1) setConfirming(true);
    else void verify(false);
  };

  const keys = useKeyEntry({ kind, buffer: secret, listening: !isConfirming && !isBusy, onEnter: submit, onActivity });

  const idleWarning = <IdleWarning {...idle} />;

  return (
    <>
      {/* While the modal confirmation is open the page behind it is unreachable, so the warning and
          「延長する」 move into the dialog (WCAG 2.2.1). */}
      <EntryColumns
        isWide={kind === 'sign'}
        info={
          <>
            {!isConfirming && idleWarning}
            {children}
            <SecretDisplay label={entryLabel} length={secret.length} isRevealed={isRevealed} onToggleReveal={() => setRevealed((was) => !was)} reveal={secret.peek} active digitsOnly={kind !== 'sign'} />
            <KeyRefusal entry={keys} />
          </>
        }
        pad={
          <>
            <EntryKeypad kind={kind} name={entryName} entry={keys} />
            <div className="applicant-actions">
              <Button size="large" onPress={submit} disabledReason={isBusy ? t(words.sending) : canSend ? undefined : t(words.incomplete)}>
                {t(words.submit)}
              </Button>
              {actions}
            </div>
          </>
        }
      />
      <Dialog
        open={isConfirming}
        role="alertdialog"
        title={t(words.lastTryTitle)}
        onClose={() => setConfirming(false)}
        actions={
          <>
            <Button variant="secondary" onPress={() => setConfirming(false)}>
              {t('action.cancel')}
            </Button>
            <Button onPress={() => void verify(true)}>{t(words.lastTryConfirm)}</Button>
          </>
        }
      >
        <p>{t(words.lastTryBody)}</p>
        {idleWarning}
      </Dialog>
    </>
  );
}
