/**
 * Changing a password the holder knows (R-LOCK-4), on the keypad: the current password first
 * (the card's tries left shown before it is sent, the last try confirmed), then the new one
 * typed twice under the live rule checklist (R-PW-1..3). Nothing is sent until both are in; then
 * current, new and second entry go as one frame and are wiped here when the host has answered.
 * The current entry is held only between its keypad and that frame. Shared by the counter and
 * the self-service terminal.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ErrorCode } from '../../../src/api/errors';
import type { CertificateKind } from '../../../src/domain/vocabulary';
import { Button } from '../../components/Button/Button';
import { IdleWarning } from '../../components/IdleWarning/IdleWarning';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import { SetPasswords, type NewSecrets } from '../applicant/SetPasswords';
import { VerifySecret, type IdleProps } from '../applicant/VerifySecret';

export interface ChangeEntryProps {
  readonly kind: CertificateKind;
  /** What the card reports now (R-LOCK-1). */
  readonly triesLeft: number;
  /** The card refused the last current entry. */
  readonly wasRefused: boolean;
  readonly idle: IdleProps;
  readonly onActivity: () => void;
  /** Sends the one frame; answers null when accepted, else the error code to show. The bytes are wiped after. */
  readonly onSend: (current: Uint8Array, password: Uint8Array, confirmation: Uint8Array, confirmLastTry: boolean) => Promise<ErrorCode | null>;
  /** Further actions beside the main one (the kiosk's 「やめる」). */
  readonly actions?: ReactNode;
}

export function ChangeEntry({ kind, triesLeft, wasRefused, idle, onActivity, onSend, actions }: ChangeEntryProps) {
  const { t, tRich, errorText } = useI18n();
  const current = useRef<Uint8Array | null>(null);
  const lastTry = useRef(false);
  const [phase, setPhase] = useState<'current' | 'new'>('current');
  const [failure, setFailure] = useState<ErrorCode | null>(null);
  const name = tRich(`passwords.${kind}.name`);

  const forget = () => {
    current.current?.fill(0);
    current.current = null;
    lastTry.current = false;
  };
  // Leaving the screen (timeout, cancel, the card pulled) wipes what is held.
  useEffect(() => forget, []);

  const keep = (bytes: Uint8Array, confirmLastTry: boolean): Promise<void> => {
    forget();
    current.current = bytes.slice();
    lastTry.current = confirmLastTry;
    setFailure(null);
    setPhase('new');
    return Promise.resolve();
  };

  const startOver = () => {
    forget();
    setPhase('current');
  };

  const send = async (secrets: NewSecrets): Promise<ErrorCode | null> => {
    const pair = secrets[kind];
    const held = current.current;
    const confirmLastTry = lastTry.current;
    current.current = null;
    lastTry.current = false;
    if (pair === undefined || held === null) {
      held?.fill(0);
      setPhase('current');
      return null;
    }
    try {
      const refused = await onSend(held, pair.typed, pair.again, confirmLastTry);
      if (refused !== null) {
        // Whatever was wrong, both are typed again from the current password.
        setFailure(refused);
        setPhase('current');
      }
      return null;
    } finally {
      held.fill(0);
    }
  };

  if (phase === 'new') {
    return (
      <>
        <IdleWarning {...idle} />
        <p>
          <RichText id="change.new.kept" />
        </p>
        <SetPasswords
          kinds={[kind]}
          onSend={send}
          onActivity={onActivity}
          words={{ confirmTitle: 'change.new.confirmTitle', confirmBody: 'change.new.confirmBody', confirm: 'change.new.confirm' }}
          actions={
            <>
              <Button variant="secondary" onPress={startOver}>
                {t('change.startOver')}
              </Button>
              {actions}
            </>
          }
        />
      </>
    );
  }

  return (
    <section aria-labelledby="change-current">
      <h2 id="change-current">
        <RichText id="change.current.heading" vars={{ name }} />
      </h2>
      <VerifySecret
        kind={kind}
        triesLeft={triesLeft}
        entryLabel={<RichText id="change.current.entry" />}
        entryName={t('change.current.entry')}
        words={{
          submit: 'change.current.next',
          sending: 'change.current.sending',
          incomplete: `change.current.incomplete.${kind}`,
          lastTryTitle: 'change.current.lastTryTitle',
          lastTryBody: 'change.current.lastTryBody',
          lastTryConfirm: 'change.current.lastTryConfirm',
        }}
        idle={idle}
        onVerify={keep}
        onActivity={onActivity}
        actions={actions}
      >
        <p>
          <RichText id="change.current.lead" />
        </p>
        {wasRefused && failure === null && <Notice tone="error" title={t('change.current.refused')} />}
        {failure !== null && <Notice tone="error" title={errorText(failure)} />}
        <p className="applicant-tries" id="change-tries">
          {t('change.current.triesLeft', { count: triesLeft })}
        </p>
      </VerifySecret>
    </section>
  );
}
