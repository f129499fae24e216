/**
 * The browser shell over one host: the visit controller, the handler map, the event streams,
 * the training card slots (training terminals only) and the HTTP server, closed in reverse.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Host } from '../../host/host-types';
import type { SelfServiceController } from '../../flows/self-service-controller';
import { composeShellApi } from '../../flows/shell-api';
import type { TrainingCards } from '../../flows/training-cards';
import type { VisitController } from '../../flows/visit-controller';
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
  const api = composeShellApi(host);
  const shell = await startBrowserShell({
    handlers: api.handlers,
    events: api.events,
    rendererDir: options.rendererDir ?? rendererDir(),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return {
    shell,
    controller: api.controller,
    training: api.training,
    selfService: api.selfService,
    async close() {
      await shell.close();
      await api.close();
    },
  };
}
