/**
 * Before the card makes new keys while the CA cannot be reached: what that means for the
 * resident, in plain words, for the clerk and the resident to read together — the certificates
 * on the card stop working now, the new ones are written at a later pick-up at any counter —
 * and the choice to go on or to come back another day (nothing on the card changes then).
 */
import type { CardSummary } from '../../../src/api/visit';
import type { CertificateKind } from '../../../src/domain/vocabulary';
import type { StepState } from '../../app/steps';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { ClerkLayout } from './ClerkLayout';
import { useClerkCommand } from './useClerkCommand';

/** Chosen kinds the card holds now (or may hold: the signing certificate shows only after its password). */
function replacedKinds(card: CardSummary | null, chosen: readonly CertificateKind[]): CertificateKind[] {
  if (card === null) return [];
  return chosen.filter((kind) => {
    const view = card.certificates[kind];
    return view.state === 'pinRequired' || (view.state === 'present' && !view.isExpired);
  });
}

export function OfflineNoticeScreen({ state }: { readonly state: StepState<'offlineNotice'> }) {
  const t = useI18n().t;
  const { send, errorCode } = useClerkCommand();
  const replaced = replacedKinds(state.card, state.certificates);
  const list = replaced.map((k) => t(`clerk.cert.${k}`)).join(t('clerk.applicant.listSeparator'));
  return (
    <ClerkLayout title={t('clerk.offline.title')} errorCode={errorCode} onBack={() => send({ type: 'back' })}>
      <p>{t('clerk.offline.readTogether')}</p>
      <Notice tone="warning" title={t('clerk.offline.whatHappens')} live="off">
        {replaced.length > 0 && <p>{t('clerk.offline.stopsNow', { certificates: list })}</p>}
        <p>{t('clerk.offline.newLater')}</p>
        <p>{t('clerk.offline.untilThen')}</p>
      </Notice>
      <Notice tone="info" title={t('clerk.offline.comeBack')} live="off">
        <p>{t('clerk.offline.comeBackText')}</p>
      </Notice>
      <div className="clerk-buttons">
        <Button size="large" onPress={() => send({ type: 'goOnOffline' })}>
          {t('clerk.offline.goOn')}
        </Button>
        <Button size="large" variant="secondary" onPress={() => send({ type: 'cancel' })}>
          {t('clerk.offline.stop')}
        </Button>
      </div>
    </ClerkLayout>
  );
}
