/**
 * The contract's handler map over one host (docs/design.md §2), one module per area: every shell
 * (browser, Electron) passes untrusted input through `dispatch`, which validates it and calls
 * these. Only a signed-in clerk may use anything but `session.get` and `clerk.signIn`.
 */
import type { Handlers } from '../../api/contract';
import type { DocumentPrinter } from '../../desktop/print-file';
import type { Host, SelfServiceFlow } from '../../host/host-types';
import type { TrainingCards } from '../training-cards';
import type { VisitController } from '../visit-controller';
import { clerkAccess } from './access';
import { documentHandlers } from './documents';
import { queueHandlers } from './queue';
import { selfServiceHandlers, selfServiceTerminalHandlers, type CounterHandlers } from './self-service';
import { trainingHandlers } from './training';
import { visitHandlers } from './visit';
import { visitsHandlers } from './visits';

/** What a shell adds: `printer`, its own A4 printing (Electron; without one the renderer uses the
 * browser's dialog); `selfService`, the flow of a self-service terminal. */
export interface HandlerExtras {
  readonly printer?: DocumentPrinter;
  readonly selfService?: SelfServiceFlow;
}

export function createHandlers(host: Host, controller: VisitController, trainingCards?: TrainingCards, extras: HandlerExtras = {}): Handlers {
  const access = clerkAccess(controller);
  const counter: CounterHandlers = {
    ...visitHandlers(host, controller, access),
    ...queueHandlers(host, access),
    ...documentHandlers(host, extras.printer, access),
    ...visitsHandlers(host, access),
    ...trainingHandlers(host, trainingCards, access),
  };
  if (host.terminal.mode === 'selfService') return selfServiceTerminalHandlers(host, counter, extras.selfService, trainingCards);
  return { ...counter, ...selfServiceHandlers(undefined) };
}
