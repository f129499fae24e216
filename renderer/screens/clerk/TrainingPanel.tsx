/**
 * Training terminals only: the side panel that places a fictional resident's virtual card on a
 * reader slot or takes it off (training.insertCard / training.removeCard). Marked 研修モード so
 * nobody mistakes it for a real card.
 */
import { useId, useState } from 'react';
import type { ErrorCode } from '../../../src/api/errors';
import type { TrainingSlotView, TrainingView } from '../../../src/api/contract';
import { useApi, useTraining } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { TrainingCaSwitch } from './TrainingCaSwitch';

export function TrainingPanel() {
  const { t, errorText } = useI18n();
  const training = useTraining();
  const [errorCode, setErrorCode] = useState<ErrorCode | null>(null);
  if (training === null) return <p role="status">{t('clerk.training.loading')}</p>;
  return (
    <section className="clerk-training" aria-labelledby="clerk-training-title">
      <h2 id="clerk-training-title">{t('clerk.training.title')}</h2>
      <p>{t('clerk.training.note')}</p>
      {errorCode !== null && (
        <Notice tone="error">
          <p>{errorText(errorCode)}</p>
        </Notice>
      )}
      {training.slots.map((slot) => (
        <TrainingSlot key={slot.slot} slot={slot} training={training} onError={setErrorCode} />
      ))}
      <TrainingCaSwitch />
    </section>
  );
}

function TrainingSlot({ slot, training, onError }: { readonly slot: TrainingSlotView; readonly training: TrainingView; readonly onError: (code: ErrorCode | null) => void }) {
  const t = useI18n().t;
  const api = useApi();
  const selectId = useId();
  const [residentId, setResidentId] = useState(training.residents[0]?.id ?? '');
  const n = slot.slot + 1;
  const resident = training.residents.find((r) => r.id === slot.residentId);
  const insert = () => {
    onError(null);
    void api.invoke('training.insertCard', { slot: slot.slot, residentId }).then((r) => onError(r.ok ? null : r.error.code));
  };
  const remove = () => {
    onError(null);
    void api.invoke('training.removeCard', { slot: slot.slot }).then((r) => onError(r.ok ? null : r.error.code));
  };
  return (
    <div className="clerk-training-slot">
      <h3>{t('clerk.training.slot', { n, reader: slot.reader })}</h3>
      {slot.residentId === null ? (
        <>
          <p>{t('clerk.training.slotEmpty')}</p>
          <div className="field">
            <label htmlFor={selectId} className="field-label">
              {t('clerk.training.resident')}
            </label>
            <select id={selectId} className="field-input clerk-select" value={residentId} onChange={(e) => setResidentId(e.target.value)}>
              {training.residents.map((r) => (
                <option key={r.id} value={r.id}>
                  {t('clerk.training.residentOption', { name: r.name, tags: r.tags.join(', ') })}
                </option>
              ))}
            </select>
          </div>
          <Button variant="secondary" onPress={insert} ariaLabel={t('clerk.training.insertTo', { n })}>
            {t('clerk.training.insert')}
          </Button>
        </>
      ) : (
        <>
          <p>{t('clerk.training.slotHas', { name: resident?.name ?? slot.residentId })}</p>
          <Button variant="secondary" onPress={remove} ariaLabel={t('clerk.training.removeFrom', { n })}>
            {t('clerk.training.remove')}
          </Button>
        </>
      )}
    </div>
  );
}
