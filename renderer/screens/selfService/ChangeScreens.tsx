/**
 * The self-service terminal's fourth choice, changing a password the resident knows (R-LOCK-4):
 * which one (with the card's tries left), the current then the new one twice on the keypad, the
 * card at work, and the result. The same panels as at the counter (screens/change).
 */
import type { ErrorCode } from '../../../src/api/errors';
import { useApi, useSelfService } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import { ChangeEntry } from '../change/ChangeEntry';
import { ChangeKindList } from '../change/ChangeKindList';
import { CancelButton } from './CancelButton';
import { FinishAction } from './EndScreen';
import { SelfServiceLayout } from './SelfServiceLayout';
import type { StepOf } from './steps';
import { TurnStart } from './TurnStart';
import { useResidentTurn } from './useResidentTurn';

export function SsChangeKindScreen({ state }: { readonly state: StepOf<'changeKind'> }) {
  const { t } = useI18n();
  const { send } = useSelfService();
  const turn = useResidentTurn(state.deadlineAt);
  return (
    <SelfServiceLayout state={state}>
      <TurnStart idle={turn.idle} lead="change.choose.lead" />
      <ChangeKindList pins={state.card.pins} onChoose={(kind) => void send({ type: 'changeKind', changeKind: kind })} />
      <div className="applicant-actions">
        <Button variant="secondary" onPress={() => void send({ type: 'back' })}>
          {t('change.choose.back')}
        </Button>
        <CancelButton />
      </div>
    </SelfServiceLayout>
  );
}

export function SsChangeEntryScreen({ state }: { readonly state: StepOf<'changeEntry'> }) {
  const api = useApi();
  const { call } = useSelfService();
  const turn = useResidentTurn(state.deadlineAt);
  const kind = state.changeKind;

  const send = async (current: Uint8Array, password: Uint8Array, confirmation: Uint8Array, confirmLastTry: boolean): Promise<ErrorCode | null> => {
    const result = await call(() => api.invoke('selfService.changePassword', { current, password, confirmation, confirmLastTry }));
    return result.ok ? null : result.error.code;
  };

  return (
    <SelfServiceLayout state={state}>
      <ChangeEntry
        kind={kind}
        triesLeft={state.card.pins[kind].triesLeft}
        wasRefused={state.lastAttemptFailed}
        idle={turn.idle}
        onActivity={turn.noteActivity}
        onSend={send}
        actions={<CancelButton />}
      />
    </SelfServiceLayout>
  );
}

export function SsChangingScreen({ state }: { readonly state: StepOf<'changing'> }) {
  const { t } = useI18n();
  return (
    <SelfServiceLayout state={state}>
      <p className="ss-working" role="status">
        <span className="ss-spinner" aria-hidden="true" />
        <RichText id="ss.changing.body" />
      </p>
      <Notice tone="warning" live="off" title={t('ss.keepCard')} />
    </SelfServiceLayout>
  );
}

export function SsChangedScreen({ state }: { readonly state: StepOf<'changed'> }) {
  const { t } = useI18n();
  return (
    <SelfServiceLayout state={state}>
      <Notice tone="success" title={<RichText id="change.done.body" />}>
        <p>{t('ss.takeCard')}</p>
      </Notice>
      <FinishAction />
    </SelfServiceLayout>
  );
}
