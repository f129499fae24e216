import { useCallback } from 'react';
import { useSelfService } from '../../api/ApiProvider';
import { useTurn } from '../applicant/useApplicantTurn';

/** The resident's time on a self-service step: the flow's own extendTime, warned in the kiosk's words. */
export function useResidentTurn(deadlineAt: number) {
  const { send } = useSelfService();
  const requestMore = useCallback(() => void send({ type: 'extendTime' }), [send]);
  return useTurn(deadlineAt, requestMore, 'ss.idle');
}
