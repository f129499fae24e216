/**
 * R-HOURS-2 in the header: from 16:30, and after 17:00 on a counter day, the clerk is told what
 * is still open before leaving. A button, so it is reached with the keyboard and opens the queue.
 */
import type { SyncStatusView } from '../../../src/api/contract';
import { closingWarning, type QueuedWork } from '../../../src/domain/closing-time';
import { toJstDateTime } from '../../../src/domain/counter-hours';
import { useNow } from '../../app/clock';
import { Button } from '../../components/Button/Button';
import { useT } from '../../i18n/I18nProvider';

export function queuedWorkOf(sync: SyncStatusView | null): QueuedWork {
  return { requestsWaiting: sync?.depth ?? 0, requestsFailed: sync?.failedPermanent ?? 0, pickUpsWaiting: sync?.pickUpsWaiting ?? 0 };
}

export function ClosingWarning({ sync, onOpen }: { readonly sync: SyncStatusView | null; readonly onOpen: () => void }) {
  const t = useT();
  const now = useNow();
  const work = queuedWorkOf(sync);
  const warning = closingWarning(toJstDateTime(now), work);
  if (warning === 'none') return null;
  const parts = [
    work.requestsWaiting > 0 ? t('clerk.closing.requestsWaiting', { count: work.requestsWaiting }) : null,
    work.requestsFailed > 0 ? t('clerk.closing.requestsFailed', { count: work.requestsFailed }) : null,
    work.pickUpsWaiting > 0 ? t('clerk.closing.pickUpsWaiting', { count: work.pickUpsWaiting }) : null,
  ].filter((part): part is string => part !== null);
  const text = t(warning === 'closed' ? 'clerk.closing.closed' : 'clerk.closing.soon', { work: parts.join(t('clerk.closing.separator')) });
  return (
    <span role="status" className="clerk-closing">
      <Button variant="secondary" onPress={onOpen} className="clerk-closing-button">
        <svg className="clerk-closing-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2 1 21h22L12 2Zm-1 7h2v6h-2V9Zm0 8h2v2h-2v-2Z" />
        </svg>
        {text}
        <span className="visually-hidden">{t('clerk.closing.open')}</span>
      </Button>
    </span>
  );
}
