/**
 * The frame of every self-service screen: the resident-facing layout (plain Japanese, English on
 * the toggle, large text, furigana) under the self-service terminal's name. No clerk controls:
 * on a training terminal only the training side panel, which stands in for a hand placing a card.
 */
import type { ReactNode } from 'react';
import type { SelfServiceState } from '../../../src/api/self-service';
import { useSession } from '../../api/ApiProvider';
import { ScreenLayout } from '../../components/ScreenLayout/ScreenLayout';
import { useI18n } from '../../i18n/I18nProvider';
import { RichText } from '../../i18n/RichText';
import { TrainingPanel } from '../clerk/TrainingPanel';
import '../clerk/clerk.css';
import './selfService.css';
import { titleOf, titleVars } from './titles';

export function SelfServiceLayout({ state, children }: { readonly state: SelfServiceState; readonly children: ReactNode }) {
  const { t, tRich } = useI18n();
  const isTraining = useSession()?.terminal.training === true;
  const title = titleOf(state);
  return (
    <ScreenLayout
      audience="applicant"
      appName={t('ss.appName')}
      title={<RichText id={title.id} vars={titleVars(title, tRich)} />}
      training={isTraining}
      side={isTraining ? <TrainingPanel /> : undefined}
      sideLabel={t('ss.sideLabel')}
    >
      {children}
    </ScreenLayout>
  );
}
