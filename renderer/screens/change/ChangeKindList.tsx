/**
 * Which password to change, for the resident: each with the tries the card reports (R-LOCK-1).
 * A locked one is offered but cannot be pressed and says what to do instead (R-LOCK-4: it is
 * reset, never tried). Shared by the counter and the self-service terminal.
 */
import type { PinTries } from '../../../src/api/visit';
import { certificateKinds, type CertificateKind } from '../../../src/domain/vocabulary';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import { isLockedPin } from './changeRules';
import './change.css';

export function ChangeKindList({ pins, onChoose }: { readonly pins: Readonly<Record<CertificateKind, PinTries>>; readonly onChoose: (kind: CertificateKind) => void }) {
  const { t, tRich } = useI18n();
  const anyLocked = certificateKinds.some((kind) => isLockedPin(pins[kind]));
  return (
    <>
      <table className="pin-status">
        <caption>
          <RichText id="change.choose.status" />
        </caption>
        <tbody>
          {certificateKinds.map((kind) => {
            const locked = isLockedPin(pins[kind]);
            return (
              <tr key={kind}>
                <th scope="row">
                  <RichText id={`passwords.${kind}.name`} />（{t(`passwords.${kind}.rule`)}）
                </th>
                <td className={locked ? 'pin-locked' : undefined}>{locked ? t('change.choose.locked') : t('change.choose.triesLeft', { count: pins[kind].triesLeft })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {anyLocked && (
        <Notice tone="warning" live="off" title={t('change.choose.locked')}>
          <p>
            <RichText id="change.choose.lockedReason" />
          </p>
        </Notice>
      )}
      <ul className="pin-choices">
        {certificateKinds.map((kind) => (
          <li key={kind}>
            <Button size="large" onPress={() => onChoose(kind)} disabledReason={isLockedPin(pins[kind]) ? t('change.choose.lockedReason') : undefined}>
              <RichText id="change.choose.option" vars={{ name: tRich(`passwords.${kind}.name`) }} />
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}
