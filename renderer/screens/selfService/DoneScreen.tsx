/** The reset is done: said plainly, the notice on screen and on paper, and "take your card". */
import { useSelfService } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { ResetNoticeDocument } from './ResetNoticeDocument';
import { SelfServiceLayout } from './SelfServiceLayout';
import type { StepOf } from './steps';

export function DoneScreen({ state }: { readonly state: StepOf<'done'> }) {
  const { t } = useI18n();
  const { send } = useSelfService();
  return (
    <SelfServiceLayout state={state}>
      <Notice tone="success" title={t('ss.done.body')}>
        <p>{t('ss.takeCard')}</p>
      </Notice>
      {/* On screen as the resident reads it; the print stylesheet prints this part only. */}
      <section className="print-area" aria-label={t('ss.done.printing')}>
        <ResetNoticeDocument receipt={state.receipt} />
      </section>
      <div className="applicant-actions">
        <Button variant="secondary" size="large" onPress={() => window.print()}>
          {t('ss.done.print')}
        </Button>
        <Button size="large" onPress={() => void send({ type: 'finish' })}>
          {t('ss.finish')}
        </Button>
      </div>
    </SelfServiceLayout>
  );
}
