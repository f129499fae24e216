/**
 * Sends a visit command and keeps the refusal's code, so the screen can say why in words
 * (errors.ts) instead of failing silently. The state itself comes back from the host.
 */
import { useCallback } from 'react';
import type { ErrorCode } from '../../../src/api/errors';
import type { VisitCommand } from '../../../src/api/visit';
import { useVisit } from '../../api/ApiProvider';
import { useAsk } from './useAsk';

export interface ClerkCommand {
  readonly send: (command: VisitCommand) => void;
  readonly errorCode: ErrorCode | null;
}

export function useClerkCommand(): ClerkCommand {
  const { send: sendVisit } = useVisit();
  const { errorCode, ask } = useAsk();
  const send = useCallback((command: VisitCommand) => ask(() => sendVisit(command)), [ask, sendVisit]);
  return { send, errorCode };
}
