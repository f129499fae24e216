/**
 * Which certificates: for issuance both by default, the signing one may be declined (R-PROC-1)
 * or is removed for an applicant under 15 or an adult ward (R-ELIG-4, reason shown); for a
 * password reset, which passwords; for a revocation, which certificates and why.
 */
import { useState, type FormEvent } from 'react';
import type { RevocationReason, VisitCommand } from '../../../src/api/visit';
import { assessEligibility } from '../../../src/domain/eligibility';
import type { CertificateKind } from '../../../src/domain/vocabulary';
import type { StepState } from '../../app/steps';
import { useSession } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { Checkbox } from '../../components/Checkbox/Checkbox';
import { RadioGroup } from '../../components/RadioGroup/RadioGroup';
import { useI18n } from '../../i18n/I18nProvider';
import { ClerkLayout } from './ClerkLayout';
import { NoticeList } from './NoticeList';
import { previewRefusals, RefusalPreview } from './RefusalPreview';
import { tokyoIsoDate } from './clerkTime';
import { useClerkCommand } from './useClerkCommand';
import { useTicks } from './useTicks';

const kinds = ['sign', 'auth'] as const satisfies readonly CertificateKind[];
/** The reasons a counter records; the CRL knows more, which no clerk chooses. */
const revocationReasons = ['unspecified', 'keyCompromise', 'affiliationChanged', 'cessationOfOperation'] as const satisfies readonly RevocationReason[];

export function CertificatesScreen({ state }: { readonly state: StepState<'certificates'> }) {
  const t = useI18n().t;
  const session = useSession();
  const { send, errorCode } = useClerkCommand();
  const { procedure, card } = state;
  const isIssuance = procedure === 'issue' || procedure === 'renew';

  const eligibility =
    isIssuance && state.basicInfo !== null && session !== null
      ? assessEligibility({
          birthDate: state.basicInfo.birthDate,
          today: tokyoIsoDate(Date.now()),
          cardType: card?.cardType,
          cardMunicipalityCode: card?.municipalityCode,
          municipalityCode: session.terminal.municipalityCode,
          applicantType: state.applicant.applicantType,
          adultWard: state.applicant.adultWard,
        })
      : null;
  const signBlockers = eligibility?.warnings.filter((w) => w === 'no-sign-under-15' || w === 'no-sign-adult-ward') ?? [];

  const initial = (): readonly CertificateKind[] => {
    if (procedure === 'resetPin' && card !== null) {
      const locked = kinds.filter((k) => card.pins[k].isBlocked);
      if (locked.length > 0) return locked;
    }
    if (isIssuance && signBlockers.length > 0) return ['auth'];
    return kinds;
  };
  const [chosen, toggle] = useTicks(initial);
  const [reason, setReason] = useState<(typeof revocationReasons)[number]>('unspecified');
  const offered = kinds.filter((k) => !(isIssuance && k === 'sign' && signBlockers.length > 0));
  const selected = offered.filter((k) => chosen.has(k));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (selected.length === 0) return;
    const command: VisitCommand = procedure === 'revoke' ? { type: 'chooseCertificates', certificates: selected, revocationReason: reason } : { type: 'chooseCertificates', certificates: selected };
    send(command);
  };

  const asksPasswords = procedure === 'resetPin' || (isIssuance && !(state.applicant.applicantType === 'proxy' && state.continuesApplicationId === null));
  // Refused before the applicant's turn: the screen never turns to them for it.
  const refusals = asksPasswords && session !== null ? previewRefusals(state, selected.length > 0 ? selected : offered, session.terminal.municipalityCode) : [];
  const turnsToApplicant = asksPasswords && refusals.length === 0;
  const titleKey = isIssuance ? 'clerk.certs.title.issue' : (`clerk.certs.title.${procedure}` as const);
  const labelOf = (k: CertificateKind) => (procedure === 'resetPin' ? t(`clerk.pin.${k}`) : t(`clerk.cert.${k}`));
  return (
    <ClerkLayout title={t(titleKey)} errorCode={errorCode} onBack={() => send({ type: 'back' })} onCancel={() => send({ type: 'cancel' })}>
      {refusals.length > 0 ? (
        <RefusalPreview reasons={refusals} />
      ) : (
        eligibility !== null &&
        !eligibility.ok && (
          <NoticeList tone="error" title={t('clerk.certs.refusedTitle')} items={eligibility.refusals.map((r) => t(`clerk.refusal.${r}`))} />
        )
      )}
      {eligibility !== null && (
        <NoticeList tone="warning" live="off" items={eligibility.warnings.map((w) => t(`clerk.eligibility.${w}`))} />
      )}
      <form className="clerk-form" onSubmit={submit} noValidate>
        <fieldset className="field">
          <legend className="field-label">{t(procedure === 'resetPin' ? 'clerk.certs.pinLegend' : 'clerk.certs.legend')}</legend>
          {isIssuance && signBlockers.length === 0 && <p className="field-support">{t('clerk.certs.signOptional')}</p>}
          {offered.map((k) => (
            <Checkbox
              key={k}
              label={labelOf(k)}
              checked={chosen.has(k)}
              onChange={(on) => toggle(k, on)}
              supportText={procedure === 'resetPin' && card !== null && card.pins[k].isBlocked ? t('clerk.certs.lockedNow') : undefined}
            />
          ))}
          {isIssuance && signBlockers.length > 0 && (
            <NoticeList tone="info" title={t('clerk.certs.signNotAllowed')} live="off" items={signBlockers.map((w) => t(`clerk.eligibility.${w}`))} />
          )}
        </fieldset>
        {procedure === 'revoke' && (
          <RadioGroup legend={t('clerk.certs.reason')} required value={reason} onChange={setReason} options={revocationReasons.map((r) => ({ value: r, label: t(`clerk.revocationReason.${r}`) }))} />
        )}
        {turnsToApplicant && <p>{t('clerk.certs.applicantNext')}</p>}
        <Button type="submit" size="large" disabledReason={selected.length === 0 ? t('clerk.certs.chooseOne') : undefined}>
          {t(refusals.length > 0 ? 'clerk.certs.submitRefusal' : 'clerk.certs.submit')}
        </Button>
      </form>
    </ClerkLayout>
  );
}
