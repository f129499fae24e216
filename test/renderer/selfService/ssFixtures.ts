/** Self-service states and a self-service session for renderer tests (fictional data only). */
import type { SessionInfo } from '../../../src/api/contract';
import type { SelfServiceCard, SelfServiceState } from '../../../src/api/self-service';
import { farDeadline, session, tries } from '../fixtures';

type Step<S extends SelfServiceState['step']> = Extract<SelfServiceState, { step: S }>;

export const selfServiceSession: SessionInfo = {
  ...session,
  terminal: { ...session.terminal, terminalId: 'SS-0001', mode: 'selfService' },
  clerks: [],
  clerk: null,
};

export function ssCard(overrides: Partial<SelfServiceCard> = {}): SelfServiceCard {
  return {
    reader: 'Virtual PCD 00 00',
    pins: { sign: tries(0, 5), auth: tries(3) },
    certificates: { sign: true, auth: true },
    ...overrides,
  };
}

export const ss = {
  welcome: (o: Partial<Step<'welcome'>> = {}): Step<'welcome'> => ({ step: 'welcome', notice: null, ...o }),
  reading: (): Step<'reading'> => ({ step: 'reading', reader: 'Virtual PCD 00 00' }),
  choose: (o: Partial<Step<'choose'>> = {}): Step<'choose'> => ({ step: 'choose', card: ssCard(), deadlineAt: farDeadline(), ...o }),
  contacting: (): Step<'contacting'> => ({ step: 'contacting', card: ssCard(), resetKind: 'sign' }),
  proving: (o: Partial<Step<'proving'>> = {}): Step<'proving'> => ({ step: 'proving', card: ssCard(), resetKind: 'sign', provingKind: 'auth', lastAttemptFailed: false, deadlineAt: farDeadline(), ...o }),
  verifying: (): Step<'verifying'> => ({ step: 'verifying', card: ssCard(), resetKind: 'sign' }),
  newPassword: (o: Partial<Step<'newPassword'>> = {}): Step<'newPassword'> => ({ step: 'newPassword', card: ssCard(), resetKind: 'sign', deadlineAt: farDeadline(), ...o }),
  writing: (cardRemoved = false): Step<'writing'> => ({ step: 'writing', card: ssCard(), resetKind: 'sign', cardRemoved }),
  done: (): Step<'done'> => ({ step: 'done', receipt: { resetKind: 'sign', reference: 'RST-2026-000123', terminalId: 'SS-0001', at: Date.UTC(2026, 10, 28, 1, 30) } }),
  refused: (reason: Step<'refused'>['reason'] = 'SELF_SERVICE_CARD_LOST'): Step<'refused'> => ({ step: 'refused', reason, resetKind: 'sign' }),
  offline: (): Step<'offline'> => ({ step: 'offline', resetKind: 'sign' }),
  changeKind: (o: Partial<Step<'changeKind'>> = {}): Step<'changeKind'> => ({ step: 'changeKind', card: ssCard(), deadlineAt: farDeadline(), ...o }),
  changeEntry: (o: Partial<Step<'changeEntry'>> = {}): Step<'changeEntry'> => ({ step: 'changeEntry', card: ssCard(), changeKind: 'auth', lastAttemptFailed: false, deadlineAt: farDeadline(), ...o }),
  changing: (): Step<'changing'> => ({ step: 'changing', card: ssCard(), changeKind: 'auth', cardRemoved: false }),
  changed: (): Step<'changed'> => ({ step: 'changed', receipt: { changedKind: 'auth', terminalId: 'SS-0001', at: Date.UTC(2026, 10, 28, 1, 30) } }),
  unconfirmed: (): Step<'failed'> => ({ step: 'failed', error: { code: 'ISSUE_CHANGE_UNCONFIRMED', retryable: false, details: {} }, resetKind: 'auth' }),
  cardRemoved: (outcome: 'unchanged' | 'reset' | 'unconfirmed' = 'unchanged'): Step<'cardRemoved'> => ({ step: 'cardRemoved', outcome, resetKind: 'sign' }),
  failed: (): Step<'failed'> => ({ step: 'failed', error: { code: 'CARD_TRANSPORT', retryable: true, details: {} }, resetKind: 'sign' }),
};

/** Every step once, for checks that run over all screens. */
export function everyStep(): readonly SelfServiceState[] {
  return [
    ss.welcome(),
    ss.welcome({ notice: 'timedOut' }),
    ss.reading(),
    ss.choose(),
    ss.contacting(),
    ss.proving(),
    ss.proving({ provingKind: 'sign', resetKind: 'auth', card: ssCard({ pins: { sign: tries(1, 5), auth: tries(0) } }) }),
    ss.verifying(),
    ss.newPassword(),
    ss.writing(),
    ss.writing(true),
    ss.done(),
    ss.refused(),
    ss.offline(),
    ss.cardRemoved(),
    ss.cardRemoved('reset'),
    ss.failed(),
    ss.changeKind(),
    ss.changeEntry(),
    ss.changeEntry({ lastAttemptFailed: true, card: ssCard({ pins: { sign: tries(0, 5), auth: tries(1) } }) }),
    ss.changing(),
    ss.changed(),
    ss.cardRemoved('unconfirmed'),
    ss.unconfirmed(),
  ];
}
