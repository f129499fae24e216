/**
 * The end of a procedure. Done: what was done per receipt, the certificates with serial and
 * expiry, the queued-for-pick-up explanation when the CA did not answer, the fee and the next
 * step, with printing of the receipt (and a proxy's letter). Refused: each reason in words with
 * its rule id. Failed: the error in words and what to do. `finish` returns to the home screen.
 */
import { useEffect, useRef, useState } from 'react';
import type { InquiryLetter, Receipt } from '../../../src/api/contract';
import type { ApiError, ErrorCode } from '../../../src/api/errors';
import { useApi } from '../../api/ApiProvider';
import type { StepState } from '../../app/steps';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { nextStepMessages, refusalReceiptWords } from '../../../src/words/receipt';
import { tokyoIsoDate } from './clerkTime';
import { ClerkLayout } from './ClerkLayout';
import { CertificateTable } from './documents/CertificateTable';
import { doneTitleKey, EndingNotice } from './EndingNotice';
import { InquiryLetterDocument } from './documents/InquiryLetterDocument';
import { ReceiptDocument } from './documents/ReceiptDocument';
import { RefusalReceiptDocument, type RefusalReceiptProps } from './documents/RefusalReceiptDocument';
import { reasonText, reasonView } from './resultReasons';
import { useClerkCommand } from './useClerkCommand';

type Printing =
  | { readonly kind: 'receipt'; readonly receipt: Receipt }
  | { readonly kind: 'letter'; readonly letter: InquiryLetter }
  | { readonly kind: 'refusal'; readonly refusal: RefusalReceiptProps };

export function ResultScreen({ state }: { readonly state: StepState<'done' | 'refused' | 'failed'> }) {
  const t = useI18n().t;
  const { send, errorCode } = useClerkCommand();
  const [printing, setPrinting] = useState<Printing | null>(null);
  const procedure = t(`clerk.procedure.${state.step === 'done' ? state.outcome.procedure : state.procedure}`);
  // A procedure that is only accepted, or changed nothing, never reads as done.
  // A password change whose answer never came is not called failed: the card may hold the new one (R-LOCK-5).
  const isUnconfirmed = state.step === 'failed' && state.error.code === 'ISSUE_CHANGE_UNCONFIRMED';
  const title = t(state.step === 'done' ? doneTitleKey(state.outcome) : state.step === 'refused' ? 'clerk.result.refusedTitle' : isUnconfirmed ? 'change.unconfirmed.title' : 'clerk.result.failedTitle', { procedure });

  const api = useApi();
  const [printError, setPrintError] = useState<ErrorCode | null>(null);
  const printedBefore = useRef(new Set<string>());

  // The document is on the page before it prints; the print stylesheet shows only it. A shell
  // that prints by itself (Electron: A4, a PDF copy kept) says so; otherwise the browser's
  // print dialog opens (the browser shell).
  useEffect(() => {
    if (printing === null) return undefined;
    // A refusal has no application to file a copy under: the browser's print dialog prints it.
    if (printing.kind === 'refusal') {
      window.print();
      return undefined;
    }
    const document = printing.kind === 'receipt' ? 'receipt' : 'inquiry-letter';
    const applicationId = printing.kind === 'receipt' ? printing.receipt.applicationId : printing.letter.applicationId;
    const key = `${document}:${applicationId}`;
    const reprint = printedBefore.current.has(key);
    printedBefore.current.add(key);
    let isCurrent = true;
    setPrintError(null);
    void api.invoke('print.document', { document, applicationId, reprint }).then((result) => {
      if (!isCurrent) return;
      if (!result.ok) setPrintError(result.error.code);
      else if (result.value.method === 'browser') window.print();
    });
    return () => {
      isCurrent = false;
    };
  }, [printing, api]);

  return (
    <ClerkLayout title={title} errorCode={errorCode ?? printError}>
      {state.step === 'done' && <DoneBody state={state} onPrint={setPrinting} />}
      {state.step === 'refused' && <RefusedBody state={state} onPrint={setPrinting} />}
      {state.step === 'failed' && <FailedBody error={state.error} />}
      {state.card !== null && (
        <Notice tone="info" live="off">
          <p>{t('clerk.result.removeCard')}</p>
        </Notice>
      )}
      <div className="clerk-actions">
        <Button size="large" onPress={() => send({ type: 'finish' })}>
          {t('clerk.result.finish')}
        </Button>
      </div>
      {printing !== null && (
        <section className="print-area" aria-label={t('clerk.result.printing')}>
          {printing.kind === 'receipt' ? (
            <ReceiptDocument receipt={printing.receipt} />
          ) : printing.kind === 'letter' ? (
            <InquiryLetterDocument letter={printing.letter} />
          ) : (
            <RefusalReceiptDocument {...printing.refusal} />
          )}
        </section>
      )}
    </ClerkLayout>
  );
}

function DoneBody({ state, onPrint }: { readonly state: StepState<'done'>; readonly onPrint: (p: Printing) => void }) {
  const { t, lang } = useI18n();
  const { receipts } = state.outcome;
  return (
    <>
      <EndingNotice outcome={state.outcome} />
      {receipts.map((receipt) => (
        <section key={receipt.applicationId} aria-labelledby={`result-${receipt.applicationId}`}>
          <h2 id={`result-${receipt.applicationId}`}>{receipt.receiptNumber === null ? t(`clerk.procedure.${receipt.procedure}`) : t('clerk.result.receiptHeading', { procedure: t(`clerk.procedure.${receipt.procedure}`), id: receipt.receiptNumber })}</h2>
          {receipt.procedure === 'changePin' &&
            receipt.certificates.map((c) => (
              <p key={c.kind}>{t('change.clerk.done', { name: t(`passwords.${c.kind}.name`) })}</p>
            ))}
          {receipt.certificates.length > 0 && (
            <CertificateTable certificates={receipt.certificates} className="clerk-table" />
          )}
          <p>{t('clerk.result.fee', { fee: receipt.feeYen === 0 ? t('clerk.applicant.feeFree') : t('clerk.applicant.feeYen', { yen: receipt.feeYen }) })}</p>
          <p>{t('clerk.result.next', { text: nextStepMessages[receipt.nextStep][lang] })}</p>
          <div className="clerk-buttons">
            <Button variant="secondary" onPress={() => onPrint({ kind: 'receipt', receipt })}>
              {t('clerk.result.printReceipt')}
            </Button>
            {receipt.inquiryLetter !== null && (
              <Button variant="secondary" onPress={() => receipt.inquiryLetter !== null && onPrint({ kind: 'letter', letter: receipt.inquiryLetter })}>
                {t('clerk.result.printLetter')}
              </Button>
            )}
          </div>
        </section>
      ))}
    </>
  );
}

function RefusedBody({ state, onPrint }: { readonly state: StepState<'refused'>; readonly onPrint: (p: Printing) => void }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Notice tone="error" title={t('clerk.result.reasons')}>
        <ul className="clerk-list">
          {state.reasons.map((code) => (
            <li key={code}>{reasonText(t, code)}</li>
          ))}
        </ul>
      </Notice>
      {/* R-PROC-6: an eligibility refusal ends with a receipt for the applicant too. */}
      {state.reasons.some((code) => reasonView(code).kind !== 'document') && (
        <div className="clerk-buttons">
          <Button
            variant="secondary"
            onPress={() => onPrint({ kind: 'refusal', refusal: { procedure: state.procedure, reasons: state.reasons.filter((code) => reasonView(code).kind !== 'document'), certificates: state.certificates, date: tokyoIsoDate(Date.now()) } })}
          >
            {refusalReceiptWords.print[lang]}
          </Button>
        </div>
      )}
    </>
  );
}

function FailedBody({ error }: { readonly error: ApiError }) {
  const { t, errorText } = useI18n();
  return (
    <Notice tone="error" title={t('clerk.result.error')}>
      <p>{errorText(error.code)}</p>
      <p>{t('clerk.result.whatToDo', { text: t(error.retryable ? 'clerk.result.retryable' : 'clerk.result.notRetryable') })}</p>
      <p className="field-support">{t('clerk.result.errorCode', { code: error.code })}</p>
    </Notice>
  );
}
