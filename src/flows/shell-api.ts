/**
 * What every shell puts over one host — the visit controller, the self-service flow (on a
 * self-service terminal), the training card slots (training terminals only), the handler map and
 * the event streams — so the browser shell and Electron cannot drift apart.
 */
import { join } from 'node:path';
import type { Handlers } from '../api/contract';
import type { DocumentPrinter } from '../desktop/print-file';
import { createHandlers } from './handlers';
import { createHostEvents, type HostEvents } from './events';
import type { Host } from '../host/host-types';
import { SelfServiceController } from './self-service-controller';
import { createTrainingCards, type TrainingCards } from './training-cards';
import { reportingUnexpected, toStderr, type UnexpectedErrorReport } from './unexpected-errors';
import { VisitController } from './visit-controller';

export interface ShellApi {
  readonly controller: VisitController;
  readonly training: TrainingCards | undefined;
  readonly selfService: SelfServiceController | undefined;
  readonly handlers: Handlers;
  readonly events: HostEvents;
  /** Lets go of the card before the training cards leave the readers; the host stays open. */
  close(): Promise<void>;
}

export function composeShellApi(host: Host, extras: { readonly printer?: DocumentPrinter; readonly reportUnexpected?: UnexpectedErrorReport } = {}): ShellApi {
  const controller = new VisitController(host);
  const training = host.terminal.training ? createTrainingCards(join(host.paths.dir, 'cards')) : undefined;
  const selfService = host.terminal.mode === 'selfService' ? new SelfServiceController(host, host.resetAuthority, Date.now, (entry) => host.store.audit.append(entry)) : undefined;
  return {
    controller,
    training,
    selfService,
    handlers: reportingUnexpected(
      createHandlers(host, controller, training, { ...(extras.printer === undefined ? {} : { printer: extras.printer }), ...(selfService === undefined ? {} : { selfService }) }),
      extras.reportUnexpected ?? toStderr,
    ),
    events: createHostEvents(host, controller, training, selfService),
    async close() {
      await controller.close();
      await selfService?.close();
      await training?.close();
    },
  };
}
