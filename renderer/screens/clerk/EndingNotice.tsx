/**
 * What the result screen says when a procedure is not simply done: accepted and waiting (the
 * CA, a pick-up, a proxy's reply) or nothing changed at all. Never a success notice then.
 */
import type { ProcedureOutcome } from '../../../src/api/visit';
import { endingOf, isStillWaiting, type ProcedureEnding } from '../../../src/domain/procedure-ending';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { nextStepMessages } from '../../../src/words/receipt';

export type ResultTitleKey = 'clerk.result.doneTitle' | 'clerk.result.acceptedTitle' | 'clerk.result.notYetTitle' | 'clerk.result.nothingTitle';

export function doneTitleKey(outcome: ProcedureOutcome): ResultTitleKey {
  const ending: ProcedureEnding = endingOf(outcome);
  if (ending === 'completed') return 'clerk.result.doneTitle';
  if (ending === 'accepted') return 'clerk.result.acceptedTitle';
  return isStillWaiting(outcome) ? 'clerk.result.notYetTitle' : 'clerk.result.nothingTitle';
}

export function EndingNotice({ outcome }: { readonly outcome: ProcedureOutcome }) {
  const { t, lang } = useI18n();
  const ending = endingOf(outcome);
  if (ending === 'unchanged') {
    return (
      <Notice tone="warning" title={t('clerk.result.nothingWritten')}>
        <p>{t(isStillWaiting(outcome) ? 'clerk.result.notYetText' : 'clerk.result.nothingText')}</p>
      </Notice>
    );
  }
  if (ending === 'completed') return null;
  const isIssuance = outcome.procedure === 'issue' || outcome.procedure === 'renew';
  const waitsForCa = outcome.receipts.some((r) => r.nextStep === 'presentCardForPickUp' || r.nextStep === 'revocationPending');
  const steps = [...new Set(outcome.receipts.map((r) => r.nextStep))];
  return (
    <Notice tone="warning" title={t(waitsForCa ? 'clerk.result.queuedTitle' : 'clerk.result.notFinished')}>
      {steps.map((step) => (
        <p key={step}>{nextStepMessages[step][lang]}</p>
      ))}
      {isIssuance && waitsForCa && <p>{t('clerk.result.notFinishedIssuance')}</p>}
    </Notice>
  );
}
