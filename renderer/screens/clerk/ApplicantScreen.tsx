/**
 * Who applies, and the documents checklist with the fee, computed by the pure rules. Going on
 * with a document unticked is possible but said plainly: the host will refuse it (R-DOC).
 */
import { useState, type FormEvent } from 'react';
import type { DocumentCode } from '../../../src/domain/documents';
import type { ApplicantType } from '../../../src/domain/vocabulary';
import { useSyncStatus } from '../../api/ApiProvider';
import type { StepState } from '../../app/steps';
import { Button } from '../../components/Button/Button';
import { Checkbox } from '../../components/Checkbox/Checkbox';
import { Notice } from '../../components/Notice/Notice';
import { RadioGroup } from '../../components/RadioGroup/RadioGroup';
import { Section } from '../../components/Section/Section';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/messages';
import { applicantView, likelyApplicant, type ApplicantFacts } from './applicantView';
import { ClerkLayout } from './ClerkLayout';
import { connectivityOf } from './QueueBadge';
import { tokyoIsoDate } from './clerkTime';
import { useClerkCommand } from './useClerkCommand';
import { useTicks } from './useTicks';

const applicantTypes = ['self', 'legalRepresentative', 'proxy'] as const satisfies readonly ApplicantType[];

/**
 * Same-day issuance needs the CA's answer (R-APP-1, R-APP-2): while the terminal is offline the
 * certificates are written at pick-up, so the help must not promise today.
 */
function typeHelp(type: ApplicantType, isOffline: boolean): MessageId {
  if (isOffline && type !== 'proxy') return `clerk.applicant.typeHelpOffline.${type}`;
  return `clerk.applicant.typeHelp.${type}`;
}

export function ApplicantScreen({ state }: { readonly state: StepState<'applicant'> }) {
  const t = useI18n().t;
  const { send, errorCode } = useClerkCommand();
  const isOffline = connectivityOf(useSyncStatus()) === 'offline';
  // Without the card only a proxy's first visit (or a revocation) can go on, and a second visit
  // continues a proxy's application: the proxy is the likely answer then.
  const isProxyLikely = state.continuesApplicationId !== null || (state.card === null && state.procedure !== 'revoke');
  const today = tokyoIsoDate(Date.now());
  const [facts, setFacts] = useState<ApplicantFacts>(() => state.chosen ?? { applicantType: isProxyLikely ? 'proxy' : likelyApplicant(state.basicInfo, today), adultWard: false, domicileInCity: false, reissuedCard: false });
  // Ticks survive a change of applicant type and a step back: the clerk saw those documents.
  const [checked, toggle] = useTicks<DocumentCode>(() => state.chosen?.documents ?? []);
  const view = applicantView({ procedure: state.procedure, continuesApplicationId: state.continuesApplicationId, basicInfo: state.basicInfo, facts, today });
  const missing = view.checklist.filter((d) => !checked.has(d));
  const separator = t('clerk.applicant.listSeparator');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send({
      type: 'setApplicant',
      applicant: { ...facts, documents: view.checklist.filter((d) => checked.has(d)) },
    });
  };

  return (
    <ClerkLayout title={t('clerk.applicant.title')} errorCode={errorCode} onBack={() => send({ type: 'back' })} onCancel={() => send({ type: 'cancel' })}>
      <p>{t('clerk.applicant.procedure', { procedure: t(`clerk.procedure.${state.procedure}`) })}</p>
      <form className="clerk-form" onSubmit={submit} noValidate>
        <RadioGroup
          legend={t('clerk.applicant.type')}
          required
          value={facts.applicantType}
          onChange={(applicantType) => setFacts({ ...facts, applicantType })}
          options={applicantTypes.map((type) => ({ value: type, label: t(`clerk.applicantType.${type}`), supportText: t(typeHelp(type, isOffline)) }))}
        />
        <fieldset className="field">
          <legend className="field-label">{t('clerk.applicant.facts')}</legend>
          {view.under15 && <p>{t('clerk.applicant.under15')}</p>}
          <Checkbox label={t('clerk.applicant.adultWard')} checked={facts.adultWard} onChange={(adultWard) => setFacts({ ...facts, adultWard })} />
          <Checkbox label={t('clerk.applicant.domicile')} checked={facts.domicileInCity} onChange={(domicileInCity) => setFacts({ ...facts, domicileInCity })} />
          <Checkbox label={t('clerk.applicant.reissued')} checked={facts.reissuedCard} onChange={(reissuedCard) => setFacts({ ...facts, reissuedCard })} />
        </fieldset>
        <Section headingId="clerk-applicant-documents" title={t('clerk.applicant.documents')}>
          {view.checklist.length === 0 ? (
            <p>{t('clerk.applicant.noDocuments')}</p>
          ) : (
            <fieldset className="field">
              <legend className="field-label">{t('clerk.applicant.documentsHelp')}</legend>
              {view.checklist.map((doc) => (
                <Checkbox key={doc} name="documents" label={t(`clerk.document.${doc}`)} checked={checked.has(doc)} onChange={(on) => toggle(doc, on)} />
              ))}
            </fieldset>
          )}
          {view.isFormPrintedLater && <p>{t('clerk.applicant.formPrintedLater')}</p>}
          {view.isAuthorityProofWaived && <p>{t('clerk.applicant.familyRegisterWaived')}</p>}
        </Section>
        <Section headingId="clerk-applicant-fee" title={t('clerk.applicant.fee')}>
          <p className="clerk-fee">{view.feeYen === 0 ? t('clerk.applicant.feeFree') : t('clerk.applicant.feeYen', { yen: view.feeYen })}</p>
          <p>{t(view.feeYen === 0 ? 'clerk.applicant.feeReasonFree' : 'clerk.applicant.feeReasonPaid')}</p>
        </Section>
        {missing.length > 0 && (
          <div id="clerk-applicant-missing">
            <Notice tone="warning" title={t('clerk.applicant.missingTitle')} live="polite">
              <p>{t('clerk.applicant.missingText', { list: missing.map((d) => t(`clerk.document.${d}`)).join(separator) })}</p>
            </Notice>
          </div>
        )}
        <Button type="submit" size="large" describedBy={missing.length > 0 ? 'clerk-applicant-missing' : undefined}>
          {t('clerk.applicant.submit')}
        </Button>
      </form>
    </ClerkLayout>
  );
}
