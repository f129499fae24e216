/**
 * A past visit in the clerk's words: where it stands with its reasons, and each line of its
 * history. An action or reason this version has no words for is shown by its code, never hidden.
 */
import type { VisitSummaryView } from '../../../src/api/contract';
import type { ErrorCode } from '../../../src/api/errors';
import type { I18n } from '../../i18n/I18nProvider';
import { errorMessages } from '../../../src/words/errors';
import { clerkVisitMessages } from '../../i18n/messages/clerkVisits';
import { reasonText } from './resultReasons';

const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(errorMessages, code);

/** An error code (a failure) or a refusal code (a refused visit), in words. */
export function visitReasonText(i18n: Pick<I18n, 't' | 'errorText'>, code: string): string {
  return isErrorCode(code) ? i18n.errorText(code) : reasonText(i18n.t, code);
}

export function standingText(i18n: Pick<I18n, 't' | 'errorText'>, visit: Pick<VisitSummaryView, 'standing' | 'reasons'>): string {
  const standing = i18n.t(`clerk.visits.standing.${visit.standing}`);
  if (visit.reasons.length === 0) return standing;
  return i18n.t('clerk.visits.standingWithReasons', { standing, reasons: visit.reasons.map((code) => visitReasonText(i18n, code)).join('、') });
}

type EventKey = Extract<keyof typeof clerkVisitMessages, `clerk.visits.event.${string}`>;
const isEventKey = (key: string): key is EventKey => Object.hasOwn(clerkVisitMessages, key);

export function eventText(t: I18n['t'], action: string): string {
  const key = `clerk.visits.event.${action}`;
  return isEventKey(key) && key !== 'clerk.visits.event.other' ? t(key) : t('clerk.visits.event.other', { action });
}
