/**
 * The browser shell over one host: the visit controller, the handler map, the event streams,
 * the training card slots (training terminals only) and the HTTP server, closed in reverse.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHandlers } from '../api-handlers';
import { createHostEvents } from '../host-events';
import type { Host } from '../host-types';
import { SelfServiceController } from '../self-service-controller';
import { createTrainingCards, type TrainingCards } from '../training-cards';
import { VisitController } from '../visit-controller';
import { startBrowserShell, type BrowserShell } from './server';

/** Vite's output, `dist/ui/`, found from src/ (ts) or dist/src/ (compiled). */
export function rendererDir(from: string = __dirname): string {
  let dir = from;
  for (let i = 0; i < 8; i += 1) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'ui');
    dir = dirname(dir);
  }
  return join(from, 'renderer');
}

export interface RunningShell {
  readonly shell: BrowserShell;
  readonly controller: VisitController;
  readonly training: TrainingCards | undefined;
  readonly selfService: SelfServiceController | undefined;
  close(): Promise<void>;
}

export async function openBrowserShell(host: Host, options: { readonly port?: number; readonly rendererDir?: string } = {}): Promise<RunningShell> {
  const controller = new VisitController(host);
  const training = host.terminal.training ? createTrainingCards(join(host.paths.dir, 'cards')) : undefined;
  const selfService = host.terminal.mode === 'selfService' ? new SelfServiceController(host, host.resetAuthority, Date.now, (entry) => host.store.audit.append(entry)) : undefined;
  const shell = await startBrowserShell({
    handlers: createHandlers(host, controller, training, selfService),
    events: createHostEvents(host, controller, training, selfService),
    rendererDir: options.rendererDir ?? rendererDir(),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return {
    shell,
    controller,
    training,
    selfService,
    async close() {
      await shell.close();
      // The visit lets go of the card before the training cards leave the readers.
      await controller.close();
      await selfService?.close();
      await training?.close();
    },
  };
}
