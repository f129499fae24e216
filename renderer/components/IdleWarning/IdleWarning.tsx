import { useT } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/messages';
import { Button } from '../Button/Button';
import './IdleWarning.css';
import { useIdleWarning } from './useIdleWarning';

/** The WCAG 2.2.1 floor: a warning at least 20 s before the applicant's turn ends. */
export const minimumWarningMs = 20_000;

export interface IdleWarningProps {
  /** Epoch ms when the host ends the applicant's turn. */
  readonly deadlineAt: number;
  /** From session.timeouts.applicantWarningMs; never less than 20 s. */
  readonly warningMs: number;
  readonly onExtend: () => void;
  /** What happens at the deadline, where it is not the counter's "back to the clerk". */
  readonly messageId?: MessageId;
}

export function IdleWarning({ deadlineAt, warningMs, onExtend, messageId = 'idle.message' }: IdleWarningProps) {
  const t = useT();
  const { isVisible, secondsLeft } = useIdleWarning(deadlineAt, Math.max(warningMs, minimumWarningMs));
  return (
    <div className={isVisible ? 'idle idle--visible' : 'idle'}>
      {/* The live region exists before its words, so their arrival is announced (politely). */}
      <div role="status" aria-live="polite" className="idle-message">
        {isVisible && <p>{t(messageId)}</p>}
      </div>
      {isVisible && (
        <div className="idle-actions">
          <p className="idle-seconds">{t('idle.secondsLeft', { seconds: secondsLeft })}</p>
          <Button size="large" onPress={onExtend}>
            {t('idle.extend')}
          </Button>
        </div>
      )}
    </div>
  );
}
