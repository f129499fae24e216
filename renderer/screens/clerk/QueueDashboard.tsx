/**
 * The queue dashboard (docs/design.md §5): connectivity, depth, the oldest waiting request, the last
 * successful delivery, and the failed rows with their reason in words and a retry each. Failed
 * rows are never deleted; the clerk sees and retries them here.
 */
import { useCallback, useEffect, useState } from 'react';
import type { QueueRowView } from '../../../src/api/contract';
import type { ErrorCode } from '../../../src/api/errors';
import { useApi, useSyncStatus } from '../../api/ApiProvider';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { ClerkLayout } from './ClerkLayout';
import { tokyoIsoDate, tokyoTime } from './clerkTime';
import { ConnectivityIcon, connectivityOf } from './QueueBadge';

export function QueueDashboard() {
  const { t, errorText, formatDate } = useI18n();
  const api = useApi();
  const sync = useSyncStatus();
  const { show } = useNavigation();
  const [rows, setRows] = useState<readonly QueueRowView[]>([]);
  const [errorCode, setErrorCode] = useState<ErrorCode | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    void api.invoke('queue.list', { states: ['failed_retryable', 'failed_permanent'] }).then((r) => {
      if (r.ok) setRows(r.value);
      else setErrorCode(r.error.code);
    });
  }, [api]);
  // Reload whenever the sync engine reports: a retried row may have gone through.
  useEffect(load, [load, sync]);

  const retry = (row: QueueRowView) => {
    setErrorCode(null);
    void api.invoke('queue.retry', { outboxId: row.id }).then((r) => {
      if (!r.ok) setErrorCode(r.error.code);
      else {
        setMessage(t('clerk.queue.retried'));
        load();
      }
    });
  };
  const syncNow = () => {
    setErrorCode(null);
    void api.invoke('queue.syncNow', {}).then((r) => {
      if (r.ok) setMessage(t('clerk.queue.syncStarted'));
      else setErrorCode(r.error.code);
    });
  };

  const state = connectivityOf(sync);
  const dateTime = (ms: number) => t('clerk.queue.dateTime', { date: formatDate(tokyoIsoDate(ms)), time: tokyoTime(ms) });
  return (
    <ClerkLayout title={t('clerk.queue.title')} errorCode={errorCode}>
      {message !== null && (
        <Notice tone="success">
          <p>{message}</p>
        </Notice>
      )}
      <section aria-labelledby="clerk-queue-summary">
        <h2 id="clerk-queue-summary">{t('clerk.queue.summary')}</h2>
        <dl className="clerk-facts">
          <dt>{t('clerk.queue.connectivity')}</dt>
          <dd>
            <ConnectivityIcon state={state} />
            {t(`clerk.conn.${state}`)}
          </dd>
          <dt>{t('clerk.queue.depth')}</dt>
          <dd>{t('clerk.queue.count', { count: sync?.depth ?? 0 })}</dd>
          <dt>{t('clerk.queue.failedCount')}</dt>
          <dd>{t('clerk.queue.count', { count: sync?.failedPermanent ?? 0 })}</dd>
          <dt>{t('clerk.queue.oldest')}</dt>
          <dd>{sync?.oldestPendingAgeMs == null ? t('clerk.queue.none') : t('clerk.queue.minutesAgo', { minutes: Math.max(1, Math.round(sync.oldestPendingAgeMs / 60_000)) })}</dd>
          <dt>{t('clerk.queue.lastSync')}</dt>
          <dd>{sync?.lastSuccessAt == null ? t('clerk.queue.never') : dateTime(sync.lastSuccessAt)}</dd>
          {sync?.terminalError != null && (
            <>
              <dt>{t('clerk.queue.terminalError')}</dt>
              <dd>
                {t('clerk.queue.errorAt', { error: errorText(sync.terminalError.code), at: dateTime(sync.terminalError.at) })}
                <br />
                {t('clerk.queue.terminalErrorNote')}
              </dd>
            </>
          )}
          {sync?.lastError != null && (
            <>
              <dt>{t('clerk.queue.lastError')}</dt>
              <dd>{t('clerk.queue.errorAt', { error: errorText(sync.lastError.code), at: dateTime(sync.lastError.at) })}</dd>
            </>
          )}
        </dl>
        <Button onPress={syncNow}>{t('clerk.queue.syncNow')}</Button>
      </section>
      <section aria-labelledby="clerk-queue-failed">
        <h2 id="clerk-queue-failed">{t('clerk.queue.failed')}</h2>
        {rows.length === 0 ? (
          <p>{t('clerk.queue.noFailed')}</p>
        ) : (
          <table className="clerk-table">
            <thead>
              <tr>
                <th scope="col">{t('clerk.queue.colApplication')}</th>
                <th scope="col">{t('clerk.queue.colKind')}</th>
                <th scope="col">{t('clerk.queue.colState')}</th>
                <th scope="col">{t('clerk.queue.colAttempts')}</th>
                <th scope="col">{t('clerk.queue.colReason')}</th>
                <th scope="col">{t('clerk.queue.colAction')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.applicationId}</td>
                  <td>{t(`clerk.cert.${row.certificateKind}`)}</td>
                  <td>{t(`clerk.outbox.${row.state}`)}</td>
                  <td>{row.attempts}</td>
                  <td>{row.lastErrorCode === null ? t('clerk.queue.noReason') : errorText(row.lastErrorCode)}</td>
                  <td>
                    <Button variant="secondary" onPress={() => retry(row)} ariaLabel={t('clerk.queue.retryRow', { id: row.applicationId, kind: t(`clerk.cert.${row.certificateKind}`) })}>
                      {t('clerk.queue.retry')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Button variant="secondary" onPress={() => show('visit')}>
        {t('clerk.queue.back')}
      </Button>
    </ClerkLayout>
  );
}
