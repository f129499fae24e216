/**
 * Training counters only: the trainer takes the training CA offline and back, to rehearse an
 * outage (queued requests, pick-up later) with the real terminal. A terminal without its own
 * training CA (production, self-service) answers TRAINING_ONLY and this shows nothing.
 */
import { useEffect, useState } from 'react';
import type { TrainingCaView } from '../../../src/api/contract';
import type { ErrorCode } from '../../../src/api/errors';
import { useApi } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';

export function TrainingCaSwitch() {
  const { t, errorText } = useI18n();
  const api = useApi();
  const [view, setView] = useState<TrainingCaView | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [errorCode, setErrorCode] = useState<ErrorCode | null>(null);

  useEffect(() => {
    let isCurrent = true;
    void api.invoke('training.ca', {}).then((r) => {
      if (isCurrent && r.ok) setView(r.value);
    });
    return () => {
      isCurrent = false;
    };
  }, [api]);

  if (view === null) return null;
  const toggle = () => {
    setBusy(true);
    setErrorCode(null);
    void api.invoke('training.setCaReachable', { isReachable: !view.isReachable }).then((r) => {
      setBusy(false);
      if (r.ok) setView(r.value);
      else setErrorCode(r.error.code);
    });
  };
  return (
    <div className="clerk-training-slot">
      <h3>{t('clerk.training.ca')}</h3>
      <p role="status">{t(view.isReachable ? 'clerk.training.caOnline' : 'clerk.training.caOffline')}</p>
      {errorCode !== null && (
        <Notice tone="error">
          <p>{errorText(errorCode)}</p>
        </Notice>
      )}
      <Button variant="secondary" onPress={toggle} disabledReason={isBusy ? t('clerk.training.caSwitching') : undefined}>
        {t(view.isReachable ? 'clerk.training.caTakeOffline' : 'clerk.training.caBringBack')}
      </Button>
    </div>
  );
}
