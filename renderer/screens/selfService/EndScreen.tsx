/**
 * The ends other than success: sent to the counter (a refusal), the CA offline, the card taken
 * away, or a fault. Each says in plain words whether the card changed — it never changed, except
 * a card pulled after the write, which is then completely reset — and where to go next.
 */
import { useSelfService } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import { SelfServiceLayout } from './SelfServiceLayout';
import type { StepOf } from './steps';

type EndState = StepOf<'refused' | 'offline' | 'cardRemoved' | 'failed'>;

function Body({ state }: { readonly state: EndState }) {
  const { t, tRich, errorText } = useI18n();
  switch (state.step) {
    case 'refused':
      return (
        <>
          <Notice tone="error" title={t('ss.refused.why')}>
            <p>{errorText(state.reason)}</p>
            <p>{t('ss.unchanged')}</p>
          </Notice>
          <p>
            <RichText id="ss.counter" />
          </p>
        </>
      );
    case 'offline':
      return (
        <>
          <Notice tone="warning" title={t('ss.unchanged')}>
            <p>
              <RichText id="ss.offline.body" />
            </p>
          </Notice>
          <p>{t('ss.offline.next')}</p>
          <p>
            <RichText id="ss.counter" />
          </p>
        </>
      );
    case 'cardRemoved':
      return state.outcome === 'reset' && state.resetKind !== null ? (
        <Notice tone="success" title={t('ss.removed.title')}>
          <p>
            <RichText id="ss.removed.reset" vars={{ name: tRich(`ss.kind.${state.resetKind}`) }} />
          </p>
        </Notice>
      ) : (
        <Notice tone="warning" title={t('ss.unchanged')}>
          <p>{t('ss.removed.unchanged')}</p>
        </Notice>
      );
    case 'failed':
      return (
        <>
          <Notice tone="error" title={errorText(state.error.code)}>
            <p>{t('ss.unchanged')}</p>
            <p className="field-support">{t('ss.failed.code', { code: state.error.code })}</p>
          </Notice>
          <p>
            <RichText id="ss.counter" />
          </p>
        </>
      );
  }
}

export function EndScreen({ state }: { readonly state: EndState }) {
  const { t } = useI18n();
  const { send } = useSelfService();
  return (
    <SelfServiceLayout state={state}>
      <Body state={state} />
      {state.step !== 'cardRemoved' && <p>{t('ss.takeCard')}</p>}
      <div className="applicant-actions">
        <Button size="large" onPress={() => void send({ type: 'finish' })}>
          {t('ss.finish')}
        </Button>
      </div>
    </SelfServiceLayout>
  );
}
