/**
 * The edge every shell calls: an untrusted channel name and payload in, an envelope out. The
 * channel must be one of the contract's, the payload must pass its schema, and whatever the
 * handler throws becomes a code (never a stack or a message) for the renderer.
 */
import { channelNames, contract, type ChannelName, type Handlers, type ResponseOf } from './contract';
import { fail, ok, type Result } from './errors';

const known: ReadonlySet<string> = new Set(channelNames);

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && known.has(name);
}

async function run<C extends ChannelName>(handlers: Handlers, name: C, payload: unknown): Promise<Result<ResponseOf<C>>> {
  const parsed = contract[name].request.safeParse(payload);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? '';
    return { ok: false, error: { code: 'API_BAD_REQUEST', retryable: false, details: field === '' ? {} : { field } } };
  }
  const handler = handlers[name] as (request: unknown) => Promise<ResponseOf<C>>;
  try {
    return ok(await handler(parsed.data));
  } catch (error) {
    return fail(error);
  }
}

export async function dispatch(handlers: Handlers, name: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isChannelName(name)) return { ok: false, error: { code: 'API_UNKNOWN_CHANNEL', retryable: false, details: {} } };
  return run(handlers, name, payload);
}
