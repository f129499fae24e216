/**
 * The ends other than success: sent to the counter (a refusal), the CA offline, the card taken
 * away, or a fault. Each says in plain words whether the card changed — it never changed, except
 * a card pulled after the write, which is then completely reset — and where to go next.
 */
import type { SelfServiceRefusal } from '../../../src/api/self-service';
import { useSelfService } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { Notice, type NoticeTone } from '../../components/Notice/Notice';
import type { Vars } from '../../i18n/format';
import type { MessageId } from '../../i18n/messages';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import { SelfServiceLayout } from './SelfServiceLayout';
import type { StepOf } from './steps';

type EndState = StepOf<'refused' | 'offline' | 'cardRemoved' | 'failed'>;

/** Refusals with resident words of their own (with furigana and what to bring); the rest say the reason's words. */
const residentWords: Partial<Record<SelfServiceRefusal, 'ss.refused.cardMismatch' | 'ss.refused.cardUnrecorded'>> = {
  SELF_SERVICE_CARD_MISMATCH: 'ss.refused.cardMismatch',
  SELF_SERVICE_CARD_UNRECORDED: 'ss.refused.cardUnrecorded',
};

function RefusalReason({ reason }: { readonly reason: SelfServiceRefusal }) {
  const { errorText } = useI18n();
  const words = residentWords[reason];
  return <p>{words === undefined ? errorText(reason) : <RichText id={words} />}</p>;
}

function Body({ state }: { readonly state: EndState }) {
  const { t, tRich, errorText } = useI18n();
  switch (state.step) {
    case 'refused':
      return (
        <>
          <Notice tone="error" title={t('ss.refused.why')}>
            <RefusalReason reason={state.reason} />
            <p>{t('ss.unchanged')}</p>
          </Notice>
          <ToCounter />
        </>
      );
    case 'offline':
      return (
        <>
          <WordsNotice tone="warning" title={t('ss.unchanged')} body="ss.offline.body" />
          <p>{t('ss.offline.next')}</p>
          <ToCounter />
        </>
      );
    case 'cardRemoved':
      // A change the card had when it went: it may hold either password, never "unchanged" (R-LOCK-5).
      if (state.outcome === 'unconfirmed') return <UnconfirmedChange />;
      return state.outcome === 'reset' && state.resetKind !== null ? (
        <WordsNotice tone="success" title={t('ss.removed.title')} body="ss.removed.reset" vars={{ name: tRich(`ss.kind.${state.resetKind}`) }} />
      ) : (
        <Notice tone="warning" title={t('ss.unchanged')}>
          <p>{t('ss.removed.unchanged')}</p>
        </Notice>
      );
    case 'failed':
      if (state.error.code === 'ISSUE_CHANGE_UNCONFIRMED') return <UnconfirmedChange />;
      return (
        <>
          <Notice tone="error" title={errorText(state.error.code)}>
            <p>{t('ss.unchanged')}</p>
            <p className="field-support">{t('ss.failed.code', { code: state.error.code })}</p>
          </Notice>
          <ToCounter />
        </>
      );
  }
}

/** A notice whose body is one paragraph of resident words (with furigana where they have it). */
function WordsNotice({ tone, title, body, vars }: { readonly tone: NoticeTone; readonly title: string; readonly body: MessageId; readonly vars?: Vars }) {
  return (
    <Notice tone={tone} title={title}>
      <p>
        <RichText id={body} vars={vars} />
      </p>
    </Notice>
  );
}

/** Where to go when the kiosk cannot help: the counter, and what to bring there. */
export function ToCounter() {
  return (
    <p>
      <RichText id="ss.counter" />
    </p>
  );
}

function UnconfirmedChange() {
  const { t } = useI18n();
  return <WordsNotice tone="warning" title={t('change.unconfirmed.title')} body="change.unconfirmed.body" />;
}

export function EndScreen({ state }: { readonly state: EndState }) {
  const { t } = useI18n();
  return (
    <SelfServiceLayout state={state}>
      <Body state={state} />
      {state.step !== 'cardRemoved' && <p>{t('ss.takeCard')}</p>}
      <FinishAction />
    </SelfServiceLayout>
  );
}

/** The one way out of an ended kiosk visit: back to the welcome screen for the next resident. */
export function FinishAction() {
  const { t } = useI18n();
  const { send } = useSelfService();
  return (
    <div className="applicant-actions">
      <Button size="large" onPress={() => void send({ type: 'finish' })}>
        {t('ss.finish')}
      </Button>
    </div>
  );
}
