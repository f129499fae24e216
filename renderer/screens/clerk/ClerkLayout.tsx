/**
 * The frame every clerk screen shares: the header with the clerk, the queue badge (reachable
 * from every clerk screen) and sign-out; the training side panel on training terminals; the
 * visit's notice (said once, when the state carries it); and the cancel / back bar.
 */
import { useState, type ReactNode } from 'react';
import type { VisitNotice, VisitStep } from '../../../src/api/visit';
import type { ErrorCode } from '../../../src/api/errors';
import { useApi, useSession, useSyncStatus, useVisit } from '../../api/ApiProvider';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../components/Button/Button';
import { Dialog } from '../../components/Dialog/Dialog';
import { Notice } from '../../components/Notice/Notice';
import { ScreenLayout } from '../../components/ScreenLayout/ScreenLayout';
import { useI18n } from '../../i18n/I18nProvider';
import { ClosingWarning } from './ClosingWarning';
import { QueueBadge } from './QueueBadge';
import { TrainingPanel } from './TrainingPanel';
import './clerk.css';

export interface ClerkLayoutProps {
  readonly title: ReactNode;
  readonly children: ReactNode;
  readonly notice?: VisitNotice | null;
  /** A refusal of the last command, said in words. */
  readonly errorCode?: ErrorCode | null;
  readonly onCancel?: () => void;
  readonly onBack?: () => void;
  /** The signed-out screen has no clerk controls. */
  readonly signedIn?: boolean;
}

export function ClerkLayout({ title, children, notice = null, errorCode = null, onCancel, onBack, signedIn = true }: ClerkLayoutProps) {
  const { t, errorText } = useI18n();
  const session = useSession();
  const isTraining = session?.terminal.training === true;
  const headerActions = signedIn ? <ClerkHeader /> : undefined;
  return (
    <ScreenLayout audience="clerk" title={title} headerActions={headerActions} training={isTraining} side={isTraining && signedIn ? <TrainingPanel /> : undefined}>
      {notice !== null && (
        <Notice tone={notice === 'cardRemoved' || notice === 'applicantTimedOut' ? 'warning' : 'info'}>
          <p>{t(`clerk.notice.${notice}`)}</p>
        </Notice>
      )}
      {errorCode !== null && (
        <Notice tone="error">
          <p>{t('clerk.action.failed', { reason: errorText(errorCode) })}</p>
        </Notice>
      )}
      {children}
      {(onCancel !== undefined || onBack !== undefined) && (
        <nav className="clerk-actions" aria-label={t('clerk.actions')}>
          {onBack !== undefined && (
            <Button variant="secondary" onPress={onBack}>
              {t('clerk.action.back')}
            </Button>
          )}
          {onCancel !== undefined && (
            <Button variant="tertiary" onPress={onCancel}>
              {t('clerk.action.cancel')}
            </Button>
          )}
        </nav>
      )}
    </ScreenLayout>
  );
}

/** Steps where a resident's procedure is under way: signing out would end it (the host refuses it while working). */
const midVisitSteps: ReadonlySet<VisitStep> = new Set(['cardPresent', 'cardInfoPin', 'identity', 'procedure', 'applicant', 'certificates', 'passwords']);

function ClerkHeader() {
  const t = useI18n().t;
  const api = useApi();
  const session = useSession();
  const { show } = useNavigation();
  const sync = useSyncStatus();
  const step = useVisit().state?.step;
  const [isConfirming, setConfirming] = useState(false);
  const signOut = () => {
    setConfirming(false);
    void api.invoke('clerk.signOut', {});
  };
  return (
    <>
      {session?.clerk != null && <span className="clerk-name">{t('clerk.header.clerk', { name: session.clerk.name })}</span>}
      <QueueBadge sync={sync} onOpen={() => show('queue')} />
      {session?.clerk != null && <ClosingWarning sync={sync} onOpen={() => show('queue')} />}
      {session?.clerk != null && (
        <Button variant="tertiary" onPress={() => show('report')}>
          {t('clerk.report.open')}
        </Button>
      )}
      {session?.clerk != null && (
        <Button variant="tertiary" onPress={() => show('visits')}>
          {t('clerk.visits.open')}
        </Button>
      )}
      {session?.clerk != null && (
        <Button variant="secondary" onPress={() => (step !== undefined && midVisitSteps.has(step) ? setConfirming(true) : signOut())}>
          {t('clerk.header.signOut')}
        </Button>
      )}
      <Dialog
        open={isConfirming}
        role="alertdialog"
        title={t('clerk.signOut.confirmTitle')}
        onClose={() => setConfirming(false)}
        actions={
          <>
            <Button variant="secondary" onPress={() => setConfirming(false)}>
              {t('clerk.signOut.stay')}
            </Button>
            <Button onPress={signOut}>{t('clerk.signOut.confirm')}</Button>
          </>
        }
      >
        <p>{t('clerk.signOut.confirmBody')}</p>
      </Dialog>
    </>
  );
}
