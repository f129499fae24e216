/**
 * Clerk sign-in: the clerk from the session's list and the clerk PIN, sent as bytes to
 * clerk.signIn (a secret never travels as a string). A refusal is said by its code.
 */
import { useId, useState, type FormEvent } from 'react';
import type { ErrorCode } from '../../../src/api/errors';
import type { StepState } from '../../app/steps';
import { useApi, useSession } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { describedBy, ErrorText, RequiredMark, SupportText } from '../../components/Field/FieldParts';
import { Notice } from '../../components/Notice/Notice';
import { RadioGroup } from '../../components/RadioGroup/RadioGroup';
import { useI18n } from '../../i18n/I18nProvider';
import { ClerkLayout } from './ClerkLayout';

export function SignInScreen({ state }: { readonly state: StepState<'signedOut'> }) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const session = useSession();
  const pinId = useId();
  const [clerkId, setClerkId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<ErrorCode | null>(null);
  const clerks = session?.clerks ?? [];

  const onPinChange = (value: string) => {
    // Refuse, not silently drop, anything but digits: the clerk sees which rule failed.
    if (/^[0-9]*$/.test(value)) {
      setPin(value);
      setPinError(null);
    } else setPinError(t('clerk.signIn.pinDigitsOnly'));
  };

  const disabledReason = clerkId === null ? t('clerk.signIn.needClerk') : pin === '' ? t('clerk.signIn.needPin') : undefined;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (clerkId === null || pin === '') return;
    const bytes = Uint8Array.from(pin, (c) => c.charCodeAt(0));
    // The field is emptied at once so the PIN does not stay in the DOM while the host checks it.
    setPin('');
    setErrorCode(null);
    void api.invoke('clerk.signIn', { clerkId, pin: bytes }).then((result) => {
      bytes.fill(0);
      if (!result.ok) setErrorCode(result.error.code);
    });
  };

  const errorId = pinError === null ? undefined : `${pinId}-error`;
  return (
    <ClerkLayout title={t('clerk.signIn.title')} notice={state.notice} signedIn={false}>
      {errorCode !== null && (
        <Notice tone="error">
          <p>{errorText(errorCode)}</p>
        </Notice>
      )}
      {clerks.length === 0 ? (
        <Notice tone="warning">
          <p>{t('clerk.signIn.noClerks')}</p>
        </Notice>
      ) : (
        <form className="clerk-form" onSubmit={submit} noValidate>
          <RadioGroup legend={t('clerk.signIn.clerk')} required value={clerkId} onChange={setClerkId} options={clerks.map((c) => ({ value: c.id, label: c.name }))} />
          <div className="field">
            <label htmlFor={pinId} className="field-label">
              {t('clerk.signIn.pin')}
              <RequiredMark />
            </label>
            <SupportText id={`${pinId}-support`}>{t('clerk.signIn.pinSupport')}</SupportText>
            <input
              id={pinId}
              className="field-input clerk-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={16}
              required
              value={pin}
              aria-invalid={errorId === undefined ? undefined : 'true'}
              aria-describedby={describedBy(`${pinId}-support`, errorId)}
              onChange={(e) => onPinChange(e.target.value)}
            />
            {errorId !== undefined && pinError !== null && <ErrorText id={errorId}>{pinError}</ErrorText>}
          </div>
          <Button type="submit" size="large" disabledReason={disabledReason}>
            {t('clerk.signIn.submit')}
          </Button>
        </form>
      )}
    </ClerkLayout>
  );
}
