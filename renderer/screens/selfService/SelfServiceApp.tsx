/**
 * The self-service terminal's whole UI: a rendering of the flow state the host sends,
 * one exhaustive table of steps. A live region beside the step's screen says each new step's title
 * once, so a screen-reader user hears where the flow went even when the focus did not move.
 */
import type { SelfServiceState } from '../../../src/api/self-service';
import { useSelfService } from '../../api/ApiProvider';
import { ConnectingScreen } from '../../app/ConnectingScreen';
import { screenFor, type StepScreens } from '../../app/stepScreens';
import { useI18n } from '../../i18n/I18nProvider';
import { BusyScreen } from './BusyScreen';
import { ChooseScreen } from './ChooseScreen';
import { DoneScreen } from './DoneScreen';
import { EndScreen } from './EndScreen';
import { NewPasswordScreen } from './NewPasswordScreen';
import { ProvingScreen } from './ProvingScreen';
import { titleOf, titleVars } from './titles';
import { WelcomeScreen } from './WelcomeScreen';
import { SsChangeEntryScreen, SsChangeKindScreen, SsChangedScreen, SsChangingScreen } from './ChangeScreens';

const selfServiceScreens: StepScreens<SelfServiceState> = {
  welcome: WelcomeScreen,
  reading: WelcomeScreen,
  choose: ChooseScreen,
  contacting: BusyScreen,
  verifying: BusyScreen,
  writing: BusyScreen,
  proving: ProvingScreen,
  newPassword: NewPasswordScreen,
  done: DoneScreen,
  changeKind: SsChangeKindScreen,
  changeEntry: SsChangeEntryScreen,
  changing: SsChangingScreen,
  changed: SsChangedScreen,
  refused: EndScreen,
  offline: EndScreen,
  cardRemoved: EndScreen,
  failed: EndScreen,
};

/** Reading the placed card goes on on the welcome screen: its status line says so where the focus already is. */
const continues = { reading: 'welcome' } as const;

export function SelfServiceScreen({ state }: { readonly state: SelfServiceState }) {
  return screenFor(selfServiceScreens, state, continues);
}

export function SelfServiceApp() {
  const { state } = useSelfService();
  const { t } = useI18n();
  if (state === null) return <ConnectingScreen />;
  const title = titleOf(state);
  return (
    <>
      <SelfServiceScreen state={state} />
      <div role="status" aria-live="polite" className="visually-hidden" data-testid="ss-step-announcer">
        {t(title.id, titleVars(title, t))}
      </div>
    </>
  );
}
