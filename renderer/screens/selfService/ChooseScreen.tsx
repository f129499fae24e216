/**
 * Which password to set again, with each password's tries left (R-LOCK-1). A reset whose proving
 * password is locked, or whose proving certificate is missing, is offered but cannot be pressed,
 * and says why (aria-disabled with its reason), so the resident learns to go to the counter.
 */
import { useState } from 'react';
import type { ErrorCode } from '../../../src/api/errors';
import { certificateKinds, type CertificateKind } from '../../../src/domain/vocabulary';
import { useSelfService } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import { mayChangeAny } from '../change/changeRules';
import { availability, provingKindFor } from './availability';
import { CancelButton } from './CancelButton';
import { ToCounter } from './EndScreen';
import { SelfServiceLayout } from './SelfServiceLayout';
import type { StepOf } from './steps';
import { TurnStart } from './TurnStart';
import { useResidentTurn } from './useResidentTurn';
import '../change/change.css';

export function ChooseScreen({ state }: { readonly state: StepOf<'choose'> }) {
  const { t, tRich, errorText } = useI18n();
  const { send } = useSelfService();
  const turn = useResidentTurn(state.deadlineAt);
  const [errorCode, setErrorCode] = useState<ErrorCode | null>(null);
  const isAnyAvailable = certificateKinds.some((kind) => availability(state.card, kind).ok);

  const run = (command: Parameters<typeof send>[0]) => {
    setErrorCode(null);
    void send(command).then((result) => {
      if (!result.ok) setErrorCode(result.error.code);
    });
  };

  const reasonFor = (kind: CertificateKind): string | undefined => {
    const available = availability(state.card, kind);
    if (available.ok) return undefined;
    const name = t(`ss.kind.${provingKindFor(kind)}`);
    return t(available.reason === 'SELF_SERVICE_PROVING_LOCKED' ? 'ss.choose.provingLocked' : 'ss.choose.noCertificate', { name });
  };

  return (
    <SelfServiceLayout state={state}>
      <TurnStart idle={turn.idle} lead="ss.choose.lead" />
      {errorCode !== null && <Notice tone="error" title={errorText(errorCode)} />}
      <table className="pin-status">
        <caption>{t('ss.choose.status')}</caption>
        <tbody>
          {certificateKinds.map((kind) => {
            const pin = state.card.pins[kind];
            const isLocked = pin.isBlocked || pin.triesLeft === 0;
            return (
              <tr key={kind}>
                <th scope="row">
                  <RichText id={`ss.kind.${kind}`} />（{t(`ss.kindShape.${kind}`)}）
                </th>
                <td className={isLocked ? 'pin-locked' : undefined}>{isLocked ? t('ss.choose.locked') : t('ss.choose.triesLeft', { count: pin.triesLeft })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!isAnyAvailable && (
        <Notice tone="warning" title={t('ss.choose.noneAvailable')}>
          <ToCounter />
        </Notice>
      )}
      <ul className="pin-choices">
        {certificateKinds.map((kind) => {
          const proving = provingKindFor(kind);
          return (
            <li key={kind} className="ss-choice">
              <Button size="large" onPress={() => run({ type: 'choose', resetKind: kind })} disabledReason={reasonFor(kind)}>
                <RichText id="ss.choose.option" vars={{ name: tRich(`ss.kind.${kind}`) }} />
              </Button>
              <p className="field-support">{t('ss.choose.proveWith', { name: t(`ss.kind.${proving}`), shape: t(`ss.kindShape.${proving}`) })}</p>
            </li>
          );
        })}
      </ul>
      <h2>
        <RichText id="ss.choose.changeHeading" />
      </h2>
      <div className="ss-choice">
        <Button size="large" onPress={() => run({ type: 'chooseChange' })} describedBy="ss-change-help" disabledReason={mayChangeAny(state.card.pins) ? undefined : t('change.choose.lockedReason')}>
          <RichText id="ss.choose.change" />
        </Button>
        <p className="field-support" id="ss-change-help">
          <RichText id="ss.choose.changeHelp" />
        </p>
      </div>
      <div className="applicant-actions">
        <CancelButton run={run} />
      </div>
    </SelfServiceLayout>
  );
}
