/**
 * The basic 4 information. Read from the card: shown for the clerk to compare with the card
 * face and to confirm the registration (R-ELIG-5). Otherwise typed by the clerk in a form.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { BasicInfo } from '../../../src/domain/vocabulary';
import type { StepState } from '../../app/steps';
import { useSession } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { Checkbox } from '../../components/Checkbox/Checkbox';
import { DateField } from '../../components/DateField/DateField';
import { dateFieldToIso, isoToDateField } from '../../components/DateField/useDateField';
import { Notice } from '../../components/Notice/Notice';
import { RadioGroup } from '../../components/RadioGroup/RadioGroup';
import { TextField } from '../../components/TextField/TextField';
import { useI18n } from '../../i18n/I18nProvider';
import { ClerkLayout } from './ClerkLayout';
import { tokyoIsoDate } from './clerkTime';
import { hasUnrenderableCharacters, identityErrors, sexOptions, type IdentityDraft, type IdentityField } from './identityForm';
import { useClerkCommand } from './useClerkCommand';

export function IdentityScreen({ state }: { readonly state: StepState<'identity'> }) {
  const t = useI18n().t;
  const { send, errorCode } = useClerkCommand();
  const session = useSession();
  const [isRegistrationConfirmed, setRegistrationConfirmed] = useState(false);
  const fromCard = state.source === 'card' && state.basicInfo !== null;
  const confirm = (basicInfo: BasicInfo) => send({ type: 'confirmIdentity', basicInfo });

  const registration = (
    <section aria-labelledby="clerk-identity-registration">
      <h2 id="clerk-identity-registration">{t('clerk.identity.registration')}</h2>
      <p>
        {state.card === null
          ? t('clerk.identity.noCard')
          : t('clerk.identity.municipality', { card: state.card.municipalityCode, own: session?.terminal.municipalityCode ?? '', name: session?.terminal.municipalityName ?? '' })}
      </p>
      <Checkbox label={t('clerk.identity.registrationCheck')} checked={isRegistrationConfirmed} onChange={setRegistrationConfirmed} />
    </section>
  );
  const registrationReason = isRegistrationConfirmed ? undefined : t('clerk.identity.confirmRegistrationFirst');

  return (
    <ClerkLayout title={t('clerk.identity.title')} errorCode={errorCode} onBack={() => send({ type: 'back' })} onCancel={() => send({ type: 'cancel' })}>
      {fromCard && state.basicInfo !== null ? (
        <>
          <p>{t('clerk.identity.fromCard')}</p>
          <BasicInfoView info={state.basicInfo} />
          {registration}
          <Button size="large" disabledReason={registrationReason} onPress={() => state.basicInfo !== null && confirm(state.basicInfo)}>
            {t('clerk.identity.confirm')}
          </Button>
        </>
      ) : (
        <IdentityForm initial={state.basicInfo} registration={registration} registrationReason={registrationReason} onConfirm={confirm} />
      )}
    </ClerkLayout>
  );
}

function BasicInfoView({ info }: { readonly info: BasicInfo }) {
  const { t, formatDate } = useI18n();
  const missing = hasUnrenderableCharacters(info.name) || hasUnrenderableCharacters(info.address);
  return (
    <>
      {missing ? (
        <Notice tone="warning" live="off">
          <p>{t('clerk.identity.fontMissing')}</p>
        </Notice>
      ) : (
        <p className="field-support">{t('clerk.identity.fontNote')}</p>
      )}
      <dl className="clerk-facts">
        <dt>{t('clerk.identity.name')}</dt>
        <dd>{info.name}</dd>
        <dt>{t('clerk.identity.address')}</dt>
        <dd>{info.address}</dd>
        <dt>{t('clerk.identity.birthDate')}</dt>
        <dd>{formatDate(info.birthDate)}</dd>
        <dt>{t('clerk.identity.sex')}</dt>
        <dd>{t('clerk.identity.sexOption', { label: t(`clerk.sex.${info.sex}`), code: info.sex })}</dd>
      </dl>
    </>
  );
}

interface IdentityFormProps {
  readonly initial: BasicInfo | null;
  readonly registration: ReactNode;
  readonly registrationReason: string | undefined;
  readonly onConfirm: (info: BasicInfo) => void;
}

const errorIds = {
  name: 'clerk.identity.nameRequired',
  address: 'clerk.identity.addressRequired',
  birthDate: 'clerk.identity.birthRequired',
  sex: 'clerk.identity.sexRequired',
} as const satisfies Record<IdentityField, string>;

function IdentityForm({ initial, registration, registrationReason, onConfirm }: IdentityFormProps) {
  const t = useI18n().t;
  const [draft, setDraft] = useState<IdentityDraft>({
    name: initial?.name ?? '',
    address: initial?.address ?? '',
    birth: isoToDateField(initial?.birthDate ?? null),
    sex: initial?.sex ?? null,
  });
  // Errors show after the first attempt to confirm, then follow the typing.
  const [isChecked, setChecked] = useState(false);
  const errors = identityErrors(draft, tokyoIsoDate(Date.now()));
  const errorOf = (field: IdentityField) => (isChecked && errors.includes(field) ? t(errorIds[field]) : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    const birthDate = dateFieldToIso(draft.birth);
    if (errors.length > 0 || birthDate === null || draft.sex === null || registrationReason !== undefined) return;
    onConfirm({ name: draft.name.trim(), address: draft.address.trim(), birthDate, sex: draft.sex });
  };
  const codes = sexOptions.map((c) => `${c}=${t(`clerk.sex.${c}`)}`).join(', ');
  return (
    <form className="clerk-form" onSubmit={submit} noValidate>
      <p>{t('clerk.identity.fromClerk')}</p>
      {isChecked && errors.length > 0 && (
        <Notice tone="error">
          <p>{t('clerk.identity.fixErrors')}</p>
        </Notice>
      )}
      {hasUnrenderableCharacters(draft.name) && (
        <Notice tone="warning" live="off">
          <p>{t('clerk.identity.fontMissing')}</p>
        </Notice>
      )}
      <TextField
        label={t('clerk.identity.name')}
        required
        value={draft.name}
        onChange={(name) => setDraft({ ...draft, name })}
        supportText={`${t('clerk.identity.nameSupport')}${t('clerk.identity.fontNote')}`}
        error={errorOf('name')}
        maxLength={200}
      />
      <TextField label={t('clerk.identity.address')} required multiline value={draft.address} onChange={(address) => setDraft({ ...draft, address })} error={errorOf('address')} maxLength={400} />
      <DateField label={t('clerk.identity.birthDate')} required value={draft.birth} onChange={(birth) => setDraft({ ...draft, birth })} error={errorOf('birthDate')} />
      <RadioGroup
        legend={t('clerk.identity.sex')}
        required
        supportText={t('clerk.identity.sexSupport', { codes })}
        value={draft.sex}
        onChange={(sex) => setDraft({ ...draft, sex })}
        options={sexOptions.map((code) => ({ value: code, label: t('clerk.identity.sexOption', { label: t(`clerk.sex.${code}`), code }) }))}
        error={errorOf('sex')}
      />
      {registration}
      <Button type="submit" size="large" disabledReason={registrationReason}>
        {t('clerk.identity.confirm')}
      </Button>
    </form>
  );
}
