/**
 * Sends a visit command and keeps the refusal's code, so the screen can say why in words
 * (errors.ts) instead of failing silently. The state itself comes back from the host.
 */
import { useCallback, useState } from 'react';
import type { ErrorCode } from '../../../src/api/errors';
import type { VisitCommand } from '../../../src/api/visit';
import { useVisit } from '../../api/ApiProvider';

export interface ClerkCommand {
  readonly send: (command: VisitCommand) => void;
  readonly errorCode: ErrorCode | null;
  readonly isBusy: boolean;
}

export function useClerkCommand(): ClerkCommand {
  const { send: sendVisit } = useVisit();
  const [errorCode, setErrorCode] = useState<ErrorCode | null>(null);
  const [isBusy, setBusy] = useState(false);
  const send = useCallback(
    (command: VisitCommand) => {
      setBusy(true);
      setErrorCode(null);
      void sendVisit(command).then((result) => {
        setBusy(false);
        if (!result.ok) setErrorCode(result.error.code);
      });
    },
    [sendVisit],
  );
  return { send, errorCode, isBusy };
}
