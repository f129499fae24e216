/**
 * The whole UI is a rendering of the visit state the host sends: one exhaustive table of steps
 * picks the screen. No screen keeps flow state of its own.
 */
import type { VisitState } from '../../src/api/visit';
import { useIsRefused, useSession, useVisit } from '../api/ApiProvider';
import { ApplicantTurnStatus } from '../screens/applicant/ApplicantTurnStatus';
import { CardInfoPinScreen } from '../screens/applicant/CardInfoPinScreen';
import { PasswordsScreen } from '../screens/applicant/PasswordsScreen';
import { ApplicantScreen } from '../screens/clerk/ApplicantScreen';
import { ApplicationFormScreen } from '../screens/clerk/ApplicationFormScreen';
import { AwaitingCardScreen } from '../screens/clerk/AwaitingCardScreen';
import { CardScreen } from '../screens/clerk/CardScreen';
import { CertificatesScreen } from '../screens/clerk/CertificatesScreen';
import { IdentityScreen } from '../screens/clerk/IdentityScreen';
import { OfflineNoticeScreen } from '../screens/clerk/OfflineNoticeScreen';
import { ProcedureScreen } from '../screens/clerk/ProcedureScreen';
import { QueueDashboard } from '../screens/clerk/QueueDashboard';
import { DayReportScreen } from '../screens/clerk/DayReportScreen';
import { VisitSearchScreen } from '../screens/clerk/VisitSearchScreen';
import { ResultScreen } from '../screens/clerk/ResultScreen';
import { SignInScreen } from '../screens/clerk/SignInScreen';
import { WorkingScreen } from '../screens/clerk/WorkingScreen';
import { SelfServiceApp } from '../screens/selfService/SelfServiceApp';
import { ChangeChoiceScreen } from '../screens/change/ChangeChoiceScreen';
import { ChangePasswordScreen } from '../screens/change/ChangePasswordScreen';
import { ConnectingScreen } from './ConnectingScreen';
import { useNavigation } from './navigation';
import type { StepState } from './steps';
import { screenFor, type StepScreens } from './stepScreens';
import { NotConnectedScreen } from './NotConnectedScreen';

/**
 * 'counter' is the terminal's own screen, which faces the applicant during their steps.
 * 'clerk' is a clerk-only display: during the applicant's steps it shows status only.
 */
export type AppDisplay = 'counter' | 'clerk';

/** A password change: the resident chooses which, seeing the card's tries left (R-LOCK-4). */
function CertificatesStep({ state }: { readonly state: StepState<'certificates'> }) {
  return state.procedure === 'changePin' ? <ChangeChoiceScreen state={state} /> : <CertificatesScreen state={state} />;
}

function PasswordsStep({ state }: { readonly state: StepState<'passwords'> }) {
  return state.procedure === 'changePin' ? <ChangePasswordScreen state={state} /> : <PasswordsScreen state={state} />;
}

const visitScreens: StepScreens<VisitState> = {
  signedOut: SignInScreen,
  awaitingCard: AwaitingCardScreen,
  readingCard: AwaitingCardScreen,
  cardPresent: CardScreen,
  cardInfoPin: CardInfoPinScreen,
  identity: IdentityScreen,
  procedure: ProcedureScreen,
  applicant: ApplicantScreen,
  certificates: CertificatesStep,
  applicationForm: ApplicationFormScreen,
  offlineNotice: OfflineNoticeScreen,
  passwords: PasswordsStep,
  working: WorkingScreen,
  done: ResultScreen,
  refused: ResultScreen,
  failed: ResultScreen,
};

export function VisitScreen({ state }: { readonly state: VisitState }) {
  return screenFor(visitScreens, state);
}

export function App({ display = 'counter' }: { readonly display?: AppDisplay }) {
  const { state } = useVisit();
  const session = useSession();
  const { view } = useNavigation();
  const isRefused = useIsRefused();
  if (isRefused) return <NotConnectedScreen />;
  // An unattended self-service terminal has no visit and no clerk screens at all.
  if (session?.terminal.mode === 'selfService') return <SelfServiceApp />;
  if (state === null) return <ConnectingScreen />;
  if (display === 'clerk' && (state.step === 'cardInfoPin' || state.step === 'passwords')) return <ApplicantTurnStatus state={state} />;
  // The queue dashboard and the day-end report are a clerk's views; an applicant's turn always shows the applicant screen.
  const clerkMayLook = state.step !== 'signedOut' && state.step !== 'cardInfoPin' && state.step !== 'passwords';
  if (view === 'queue' && clerkMayLook) return <QueueDashboard />;
  if (view === 'report' && clerkMayLook) return <DayReportScreen />;
  if (view === 'visits' && clerkMayLook) return <VisitSearchScreen />;
  return <VisitScreen state={state} />;
}
