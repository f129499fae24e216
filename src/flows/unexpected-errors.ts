/**
 * A handler that throws anything but a worded coded error reaches the renderer as INTERNAL, with
 * no message (a message may hold data). Without a trace here the city's IT staff would have only
 * 「想定外の問題」 to go on: the channel, the error's kind and where it was thrown go
 * to the terminal's standard error instead (never its message: see `toStderr`). Coded errors are expected answers and are not reported.
 */
import { channelNames, type ChannelName, type Handlers } from '../api/contract';
import { isApiError } from '../api/errors';

export type UnexpectedErrorReport = (channel: ChannelName, error: unknown) => void;

const stackFrames = 6;

/**
 * The error's kind, its Node code if any, and where it was thrown — not its message: a runtime
 * error may quote the value it choked on ("Received …"), and that value may have been typed
 * on the keypad.
 */
export function toStderr(channel: ChannelName, error: unknown): void {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? ` (${error.code})` : '';
  const described = error instanceof Error ? `${error.name}${code}\n${(error.stack ?? '').split('\n').slice(1, 1 + stackFrames).join('\n')}` : typeof error;
  process.stderr.write(`madoguchi: unexpected error in ${channel} (the screen shows INTERNAL): ${described}\n`);
}

export function reportingUnexpected(handlers: Handlers, report: UnexpectedErrorReport): Handlers {
  const wrapped: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const name of channelNames) {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    wrapped[name] = async (request) => {
      try {
        return await handler(request);
      } catch (error) {
        if (!isApiError(error)) report(name, error);
        throw error;
      }
    };
  }
  return wrapped as unknown as Handlers;
}
