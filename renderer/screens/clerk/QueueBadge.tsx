/** The queue badge: depth and connectivity in words with a shape per state, never colour alone. */
import type { SyncStatusView } from '../../../src/api/contract';
import { Button } from '../../components/Button/Button';
import { useT } from '../../i18n/I18nProvider';

export type Connectivity = 'online' | 'offline' | 'unknown' | 'blocked';

export function connectivityOf(sync: SyncStatusView | null): Connectivity {
  // A refusal (credentials, trust) is not an outage: it never reads as "offline".
  if (sync?.terminalError != null) return 'blocked';
  if (sync === null || sync.caReachable === null) return 'unknown';
  return sync.caReachable ? 'online' : 'offline';
}

// A filled circle, a crossed circle, a ring and a ring with a bar: shapes that differ without colour.
const icons: Record<Connectivity, string> = {
  online: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Z',
  offline: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm-4.2 3.4 10.8 10.8-1.4 1.4L6.4 7.8Z',
  unknown: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 2a7 7 0 1 1 0 14 7 7 0 0 1 0-14Z',
  blocked: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 2a7 7 0 1 1 0 14 7 7 0 0 1 0-14ZM7 11h10v2H7Z',
};

export function ConnectivityIcon({ state }: { readonly state: Connectivity }) {
  return (
    <svg className={`clerk-conn-icon clerk-conn-icon--${state}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={icons[state]} fillRule="evenodd" />
    </svg>
  );
}

export function QueueBadge({ sync, onOpen }: { readonly sync: SyncStatusView | null; readonly onOpen: () => void }) {
  const t = useT();
  const state = connectivityOf(sync);
  const vars = { depth: sync?.depth ?? 0, connectivity: t(`clerk.conn.${state}`) };
  return (
    <Button variant="secondary" onPress={onOpen} className="clerk-queue-badge">
      <ConnectivityIcon state={state} />
      <span className="visually-hidden">{t('clerk.header.queueOpen')}</span>
      {t('clerk.header.queue', vars)}
      {/* A request refused for good keeps counting until a clerk retries or acknowledges it. */}
      {(sync?.failedPermanent ?? 0) > 0 && <span className="clerk-queue-attention">{`・${t('clerk.queueBadge.attention', { count: sync?.failedPermanent ?? 0 })}`}</span>}
    </Button>
  );
}
