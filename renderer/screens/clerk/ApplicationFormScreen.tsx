/**
 * After the identity and the choices, before the passwords: the clerk prints the application
 * form from what was read (書かない窓口), the resident (and their representative) sign it, and the
 * clerk ticks that the signed form was received. The host records the tick and refuses to start
 * the procedure without it; this screen only says so.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { ErrorCode } from '../../../src/api/errors';
import { buildApplicationForm, formSourceOfVisit, representativeNameMax } from '../../../src/domain/application-form';
import { useApi } from '../../api/ApiProvider';
import { useClock } from '../../app/clock';
import type { StepState } from '../../app/steps';
import { Button } from '../../components/Button/Button';
import { Checkbox } from '../../components/Checkbox/Checkbox';
import { TextField } from '../../components/TextField/TextField';
import { useI18n } from '../../i18n/I18nProvider';
import { ClerkLayout } from './ClerkLayout';
import { ApplicationFormDocument } from './documents/ApplicationFormDocument';
import { useClerkCommand } from './useClerkCommand';

export function ApplicationFormScreen({ state }: { readonly state: StepState<'applicationForm'> }) {
  const t = useI18n().t;
  const api = useApi();
  const { send, errorCode } = useClerkCommand();
  const [printError, setPrintError] = useState<ErrorCode | null>(null);
  const printedBefore = useRef(false);
  const clock = useClock();
  // Dated when the screen opened: printing again the same visit prints the same form.
  const [openedAt] = useState(() => clock());
  const form = buildApplicationForm(
    formSourceOfVisit({
      procedure: state.procedure,
      applicantType: state.applicant.applicantType,
      documents: state.applicant.documents,
      reissuedCard: state.applicant.reissuedCard,
      cardSerial: state.card?.serial ?? null,
      certificates: state.certificates,
      basicInfo: state.basicInfo,
      receiptNumber: state.receiptNumber,
      representativeName: state.representativeName ?? null,
      nowMs: openedAt,
    }),
  );

  // The same path as the receipt: a shell that prints by itself (Electron: A4, a PDF copy kept)
  // says so; otherwise the browser's print dialog opens.
  const print = () => {
    setPrintError(null);
    const reprint = printedBefore.current;
    printedBefore.current = true;
    if (state.receiptNumber === null) {
      window.print();
      return;
    }
    void api.invoke('print.document', { document: 'application-form', applicationId: state.receiptNumber, reprint }).then((result) => {
      if (!result.ok) setPrintError(result.error.code);
      else if (result.value.method === 'browser') window.print();
    });
  };

  return (
    <ClerkLayout title={t('clerk.form.title')} errorCode={errorCode ?? printError} onBack={() => send({ type: 'back' })} onCancel={() => send({ type: 'cancel' })}>
      <p>{t('clerk.form.intro')}</p>
      {state.applicant.applicantType !== 'self' && <RepresentativeName current={state.representativeName ?? ''} onSave={(name) => send({ type: 'setRepresentativeName', name })} />}
      <div className="clerk-buttons">
        <Button variant="secondary" onPress={print}>
          {t('clerk.form.print')}
        </Button>
      </div>
      <Checkbox label={t('clerk.form.received')} supportText={t('clerk.form.receivedSupport')} checked={state.formSigned} onChange={(signed) => send({ type: 'setFormSigned', signed })} />
      <div className="clerk-actions">
        <p className="field-support">{t('clerk.form.startSupport')}</p>
        <Button size="large" onPress={() => send({ type: 'startProcedure' })}>
          {t('clerk.form.start')}
        </Button>
      </div>
      <section className="print-area" aria-label={t('clerk.form.preview')}>
        <ApplicationFormDocument form={form} />
      </section>
    </ClerkLayout>
  );
}

/** The representative's name typed from their ID: put on the form when the clerk says so. */
function RepresentativeName({ current, onSave }: { readonly current: string; readonly onSave: (name: string) => void }) {
  const t = useI18n().t;
  const [draft, setDraft] = useState(current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(draft);
  };
  return (
    <form className="clerk-form" onSubmit={submit} noValidate>
      <TextField label={t('clerk.form.representativeName')} supportText={t('clerk.form.representativeNameSupport')} value={draft} onChange={setDraft} maxLength={representativeNameMax} />
      <Button type="submit" variant="secondary">
        {t('clerk.form.representativeNameSave')}
      </Button>
    </form>
  );
}
