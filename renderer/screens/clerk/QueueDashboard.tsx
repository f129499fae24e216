/**
 * The queue dashboard (docs/design.md §5): connectivity, what waits and why, and what the CA refused
 * for good with what the clerk should do — retry, or acknowledge (audited) when nothing more is
 * needed. A row waiting for the CA to come back is not a failure and is never called one; a
 * "send now" that sent nothing says so.
 */
import { useCallback, useEffect, useState } from 'react';
import type { QueueRowView, SyncStatusView } from '../../../src/api/contract';
import { useApi, useSyncStatus } from '../../api/ApiProvider';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../components/Button/Button';
import { DataTable, type Column } from '../../components/DataTable/DataTable';
import { Notice, type NoticeTone } from '../../components/Notice/Notice';
import { Section } from '../../components/Section/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { AcknowledgeDialog } from './AcknowledgeDialog';
import { ClerkLayout } from './ClerkLayout';
import { tokyoIsoDate, tokyoTime } from './clerkTime';
import { ConnectivityIcon, connectivityOf } from './QueueBadge';
import { useAsk } from './useAsk';

interface Message {
  readonly tone: NoticeTone;
  readonly text: string;
}

export function QueueDashboard() {
  const { t, errorText, formatDate } = useI18n();
  const api = useApi();
  const sync = useSyncStatus();
  const { show } = useNavigation();
  const [rows, setRows] = useState<readonly QueueRowView[]>([]);
  const { errorCode, setErrorCode, ask } = useAsk();
  const [messages, setMessages] = useState<readonly Message[]>([]);
  const [confirming, setConfirming] = useState<QueueRowView | null>(null);

  const load = useCallback(() => {
    void api.invoke('queue.list', { states: ['pending', 'sending', 'failed_retryable', 'failed_permanent'] }).then((r) => {
      if (r.ok) setRows(r.value);
      else setErrorCode(r.error.code);
    });
  }, [api]);
  // Reload whenever the sync engine reports: a retried row may have gone through.
  useEffect(load, [load, sync]);

  const what = (row: QueueRowView) => t(`clerk.queueKind.${row.kind}`, { certificate: t(`clerk.cert.${row.certificateKind}`) });
  const act = (channel: 'queue.retry' | 'queue.acknowledge', row: QueueRowView) =>
    ask(
      () => api.invoke(channel, { outboxId: row.id }),
      () => {
        setMessages([{ tone: 'info', text: t(channel === 'queue.retry' ? 'clerk.queue.retried' : 'clerk.queue.acknowledged') }]);
        load();
      },
    );
  const syncNow = () => {
    setMessages([]);
    ask(() => api.invoke('queue.syncNow', {}), (after) => setMessages(sendResult(after, t)));
  };

  // The receipt number the clerk and the resident read; the application's internal id never shows.
  const numberOf = (row: QueueRowView) => row.receiptNumber ?? t('clerk.visits.noNumber');
  const state = connectivityOf(sync);
  const dateTime = (ms: number) => t('clerk.queue.dateTime', { date: formatDate(tokyoIsoDate(ms)), time: tokyoTime(ms) });
  const failed = rows.filter((r) => r.phase === 'failed');
  const waiting = rows.filter((r) => r.phase === 'waiting' || r.phase === 'retrying' || r.phase === 'sending');
  // Both tables name a request the same way: its receipt number, then what it asks of the CA.
  const requestTable = (requests: readonly QueueRowView[], empty: string, columns: readonly Column<QueueRowView>[]) => (
    <DataTable
      className="clerk-table"
      rows={requests}
      rowKey={(row) => row.id}
      empty={empty}
      stacksWithLargeText
      columns={[{ header: t('clerk.queue.colApplication'), cell: numberOf, className: 'receipt-number' }, { header: t('clerk.queue.colWhat'), cell: what }, ...columns]}
    />
  );
  return (
    <ClerkLayout title={t('clerk.queue.title')} errorCode={errorCode}>
      <AcknowledgeDialog
        row={confirming}
        what={confirming === null ? '' : what(confirming)}
        onCancel={() => setConfirming(null)}
        onConfirm={(row) => {
          setConfirming(null);
          act('queue.acknowledge', row);
        }}
      />
      {messages.map((m) => (
        <Notice key={m.text} tone={m.tone}>
          <p>{m.text}</p>
        </Notice>
      ))}
      <Section headingId="clerk-queue-summary" title={t('clerk.queue.summary')}>
        <dl className="clerk-facts">
          <dt>{t('clerk.queue.connectivity')}</dt>
          <dd>
            <ConnectivityIcon state={state} />
            {t(`clerk.conn.${state}`)}
          </dd>
          <dt>{t('clerk.queue.depth')}</dt>
          <dd>{t('clerk.queue.count', { count: sync?.depth ?? 0 })}</dd>
          <dt>{t('clerk.queue.needsClerkCount')}</dt>
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
        <div className="clerk-actions">
          <Button onPress={syncNow}>{t('clerk.queue.syncNow')}</Button>
        </div>
      </Section>
      <Section headingId="clerk-queue-failed" title={t('clerk.queueState.needsClerk')}>
        {requestTable(failed, t('clerk.queue.noNeedsClerk'), [
          { header: t('clerk.queue.colReason'), cell: (row) => (row.lastErrorCode === null ? t('clerk.queue.noReason') : errorText(row.lastErrorCode)) },
          { header: t('clerk.queue.colToDo'), cell: (row) => t(`clerk.queue.toDo.${row.kind}`) },
          {
            header: t('clerk.queue.colAction'),
            cell: (row) => (
              <div className="clerk-buttons">
                <Button variant="secondary" onPress={() => act('queue.retry', row)} ariaLabel={t('clerk.queue.retryWhat', { id: numberOf(row), what: what(row) })}>
                  {t('clerk.queue.retry')}
                </Button>
                <Button variant="secondary" onPress={() => setConfirming(row)} ariaLabel={t('clerk.queue.acknowledgeRow', { id: numberOf(row), what: what(row) })}>
                  {t('clerk.queue.acknowledge')}
                </Button>
              </div>
            ),
          },
        ])}
      </Section>
      <Section headingId="clerk-queue-waiting" title={t('clerk.queue.waitingTitle')}>
        {requestTable(waiting, t('clerk.queue.noWaiting'), [
          { header: t('clerk.queue.colState'), cell: (row) => t(`clerk.queuePhase.${row.phase}`) },
          { header: t('clerk.queue.colAttempts'), cell: (row) => row.attempts },
        ])}
      </Section>
      <Button variant="secondary" onPress={() => show('visit')}>
        {t('clerk.queue.back')}
      </Button>
    </ClerkLayout>
  );
}

/** What a "send now" achieved, said as it is: a round that reached nobody is no success. */
function sendResult(after: SyncStatusView, t: ReturnType<typeof useI18n>['t']): Message[] {
  if (after.terminalError !== null) return [{ tone: 'error', text: t('clerk.queue.sendResult.blocked') }];
  if (after.caReachable !== true) return [{ tone: 'error', text: t('clerk.queue.sendResult.offline', { count: after.depth }) }];
  const result: Message[] = [after.depth > 0 ? { tone: 'warning', text: t('clerk.queue.sendResult.partly', { count: after.depth }) } : { tone: 'success', text: t('clerk.queue.sendResult.sent') }];
  if (after.failedPermanent > 0) result.push({ tone: 'warning', text: t('clerk.queue.sendResult.needsClerk', { count: after.failedPermanent }) });
  return result;
}
