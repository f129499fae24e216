import { useCallback, useRef } from 'react';
import { useSession, useVisit } from '../../api/ApiProvider';
import type { MessageId } from '../../i18n/messages';

const defaultWarningMs = 30_000;
const defaultIdleMs = 120_000;

/** What an idle warning needs: when the turn ends, how early to warn, and 「延長する」. */
export interface IdleProps {
  readonly deadlineAt: number;
  readonly warningMs: number;
  readonly onExtend: () => void;
  /** The warning's words where "back to the clerk" is not what happens. */
  readonly messageId?: MessageId;
}

/**
 * A resident's time at the keypad: the warning lead from the session, `extend()` for 「延長する」,
 * and `noteActivity()` which asks the host for more time when a key is pressed in the second half
 * of the turn (the host only learns of key presses through commands; at most one per 5 s).
 * `requestMore` sends the flow's own extendTime command; `idle` is the turn's warning, in `messageId`'s
 * words when given.
 */
export function useTurn(deadlineAt: number, requestMore: () => void, messageId?: MessageId) {
  const session = useSession();
  const warningMs = session?.timeouts.applicantWarningMs ?? defaultWarningMs;
  const idleMs = session?.timeouts.applicantIdleMs ?? defaultIdleMs;
  const lastSent = useRef(0);

  const extend = useCallback(() => {
    lastSent.current = Date.now();
    requestMore();
  }, [requestMore]);

  const noteActivity = useCallback(() => {
    const now = Date.now();
    if (deadlineAt - now < idleMs / 2 && now - lastSent.current > 5000) extend();
  }, [deadlineAt, idleMs, extend]);

  const idle: IdleProps = { deadlineAt, warningMs, onExtend: extend, messageId };
  return { warningMs, extend, noteActivity, idle };
}

/** The counter applicant's turn (the visit's extendTime). */
export function useApplicantTurn(deadlineAt: number) {
  const { send } = useVisit();
  const requestMore = useCallback(() => void send({ type: 'extendTime' }), [send]);
  return useTurn(deadlineAt, requestMore);
}
