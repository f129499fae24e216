/**
 * The self-service terminal's whole UI: a rendering of the flow state the host sends,
 * one exhaustive switch on `step`. A live region outside the switch says each new step's title
 * once, so a screen-reader user hears where the flow went even when the focus did not move.
 */
import type { SelfServiceState } from '../../../src/api/self-service';
import { useSelfService } from '../../api/ApiProvider';
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

function assertNever(value: never): never {
  throw new Error(`Unhandled self-service step: ${JSON.stringify(value)}`);
}

export function SelfServiceScreen({ state }: { readonly state: SelfServiceState }) {
  switch (state.step) {
    case 'welcome':
    case 'reading':
      return <WelcomeScreen state={state} />;
    case 'choose':
      return <ChooseScreen state={state} />;
    case 'contacting':
    case 'verifying':
    case 'writing':
      return <BusyScreen key={state.step} state={state} />;
    case 'proving':
      return <ProvingScreen state={state} />;
    case 'newPassword':
      return <NewPasswordScreen state={state} />;
    case 'done':
      return <DoneScreen state={state} />;
    case 'changeKind':
      return <SsChangeKindScreen state={state} />;
    case 'changeEntry':
      return <SsChangeEntryScreen state={state} />;
    case 'changing':
      return <SsChangingScreen state={state} />;
    case 'changed':
      return <SsChangedScreen state={state} />;
    case 'refused':
    case 'offline':
    case 'cardRemoved':
    case 'failed':
      return <EndScreen key={state.step} state={state} />;
    default:
      return assertNever(state);
  }
}

export function SelfServiceApp() {
  const { state } = useSelfService();
  const { t } = useI18n();
  if (state === null) {
    return (
      <main className="app-loading">
        <p role="status">{t('app.connecting')}</p>
      </main>
    );
  }
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
