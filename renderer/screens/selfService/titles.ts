/** Each step's title: the screen's h1 and the words the step-change live region says. */
import type { SelfServiceState } from '../../../src/api/self-service';
import type { Vars } from '../../i18n/format';
import type { MessageId } from '../../i18n/messages';

export interface Title {
  readonly id: MessageId;
  /** Message ids whose (rich) text fills a variable, e.g. the password's name with its ruby. */
  readonly names?: Readonly<Record<string, MessageId>>;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled self-service step: ${JSON.stringify(value)}`);
}

export function titleOf(state: SelfServiceState): Title {
  switch (state.step) {
    case 'welcome':
    case 'reading':
      return { id: 'ss.welcome.title' };
    case 'choose':
      return { id: 'ss.choose.title' };
    case 'contacting':
      return { id: 'ss.contacting.title' };
    case 'proving':
      return { id: 'ss.proving.title', names: { name: `ss.kind.${state.provingKind}` } };
    case 'verifying':
      return { id: 'ss.verifying.title' };
    case 'newPassword':
      return { id: 'ss.new.title', names: { name: `ss.kind.${state.resetKind}` } };
    case 'writing':
      return { id: 'ss.writing.title' };
    case 'done':
      return { id: 'ss.done.title', names: { name: `ss.kind.${state.receipt.resetKind}` } };
    case 'refused':
      return { id: 'ss.refused.title' };
    case 'offline':
      return { id: 'ss.offline.title' };
    case 'cardRemoved':
      return { id: state.outcome === 'unconfirmed' ? 'change.unconfirmed.title' : 'ss.removed.title' };
    case 'failed':
      return { id: state.error.code === 'ISSUE_CHANGE_UNCONFIRMED' ? 'change.unconfirmed.title' : 'ss.failed.title' };
    case 'changeKind':
      return { id: 'change.choose.title' };
    case 'changeEntry':
      return { id: 'change.title', names: { name: `passwords.${state.changeKind}.name` } };
    case 'changing':
      return { id: 'ss.changing.title' };
    case 'changed':
      return { id: 'change.done.title', names: { name: `passwords.${state.receipt.changedKind}.name` } };
    default:
      return assertNever(state);
  }
}

/** The variables of a title, resolved with the given translator (rich or plain). */
export function titleVars(title: Title, translate: (id: MessageId) => string): Vars {
  return Object.fromEntries(Object.entries(title.names ?? {}).map(([key, id]) => [key, translate(id)]));
}
