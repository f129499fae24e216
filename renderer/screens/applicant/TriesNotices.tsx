import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/messages';
import type { VerifyAttempt } from './useVerifyAttempt';

export interface TriesWords {
  /** The title when the card refused the last entry. */
  readonly refused: MessageId;
  /** 「残り{count}回」: takes {count}. */
  readonly triesLeft: MessageId;
}

export interface TriesNoticesProps {
  /** The flow says the card refused the last entry. */
  readonly wasRefused: boolean;
  readonly attempt: Pick<VerifyAttempt<unknown>, 'isBusy' | 'failure'>;
  /** What the card reports now, or after the last refusal. */
  readonly triesLeft: number;
  readonly words: TriesWords;
  readonly triesId?: string;
}

/**
 * The tries left before anything is sent (R-LOCK-1), and a refusal said once: the flow's refusal
 * is hidden while a new try is checked, so a second one is announced afresh; this screen's own
 * refusal says its error and, when known, the tries left.
 */
export function TriesNotices({ wasRefused, attempt: { isBusy, failure }, triesLeft, words, triesId }: TriesNoticesProps) {
  const { t, errorText } = useI18n();
  const showRefused = wasRefused && failure === null && !isBusy;
  return (
    <>
      {showRefused && (
        <Notice tone="error" title={t(words.refused)}>
          <p>{t(words.triesLeft, { count: triesLeft })}</p>
        </Notice>
      )}
      {failure !== null && (
        <Notice tone="error" title={errorText(failure.code)}>
          {failure.triesLeft !== null && <p>{t(words.triesLeft, { count: failure.triesLeft })}</p>}
        </Notice>
      )}
      {!wasRefused && failure === null && (
        <p className="applicant-tries" id={triesId}>
          {t(words.triesLeft, { count: triesLeft })}
        </p>
      )}
    </>
  );
}
