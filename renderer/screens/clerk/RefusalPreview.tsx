/**
 * On the certificates screen: what the rules will refuse, decided before the applicant's turn
 * (the same pure rules the host applies, src/domain/refusals-before-passwords.ts), with what the
 * clerk can do about it. The main button then ends the visit with the refusal instead of turning
 * the screen to the applicant.
 */
import type { StepState } from '../../app/steps';
import { refusalsForVisit, type PrecheckReason } from '../../../src/domain/refusals-before-passwords';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { tokyoIsoDate } from './clerkTime';
import { reasonText } from './resultReasons';

export function previewRefusals(state: StepState<'certificates'>, certificates: readonly ('sign' | 'auth')[], municipalityCode: string): PrecheckReason[] {
  return refusalsForVisit(state, certificates, municipalityCode, tokyoIsoDate(Date.now()));
}

export function RefusalPreview({ reasons }: { readonly reasons: readonly PrecheckReason[] }) {
  const t = useI18n().t;
  return (
    <Notice tone="error" title={t('clerk.certs.refusedTitle')}>
      <ul className="clerk-list">
        {reasons.map((code) => (
          <li key={code}>{reasonText(t, code)}</li>
        ))}
      </ul>
      <p>{t('clerk.certs.refusedNext')}</p>
    </Notice>
  );
}
