/**
 * An error the contract has no code for reaches the screen as INTERNAL and leaves a trace for
 * the city's IT staff (channel, error, where it was thrown); an expected coded error leaves none.
 */
import { channelNames, type ChannelName, type Handlers } from '../../../src/api/contract';
import { dispatch } from '../../../src/api/dispatch';
import { hostError } from '../../../src/api/errors';
import { reportingUnexpected, toStderr } from '../../../src/flows/unexpected-errors';

function handlersThrowing(thrown: unknown): Handlers {
  const map: Record<string, () => Promise<never>> = {};
  for (const name of channelNames) map[name] = () => Promise.reject(thrown);
  return map as unknown as Handlers;
}

function reportsOf(thrown: unknown) {
  const reports: { channel: ChannelName; error: unknown }[] = [];
  const handlers = reportingUnexpected(handlersThrowing(thrown), (channel, error) => reports.push({ channel, error }));
  return { handlers, reports };
}

test('an error without a code is reported with its channel and still crosses as INTERNAL without its message', async () => {
  const bug = new TypeError('handler is not a function');
  const { handlers, reports } = reportsOf(bug);
  const answer = await dispatch(handlers, 'visits.find', { query: { by: 'dates' } });
  expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', retryable: false, details: {} } });
  expect(reports).toEqual([{ channel: 'visits.find', error: bug }]);
});

test('a coded error is an expected answer: it crosses as itself and is not reported', async () => {
  const { handlers, reports } = reportsOf(hostError('CLERK_NOT_SIGNED_IN', 'sign in first'));
  const answer = await dispatch(handlers, 'visits.find', { query: { by: 'dates' } });
  expect(answer).toMatchObject({ ok: false, error: { code: 'CLERK_NOT_SIGNED_IN' } });
  expect(reports).toEqual([]);
});

test('a request the contract refuses never reaches the handler, so nothing is reported', async () => {
  const { handlers, reports } = reportsOf(new Error('unreachable'));
  const answer = await dispatch(handlers, 'visits.find', { query: { by: 'everything' } });
  expect(answer).toMatchObject({ ok: false, error: { code: 'API_BAD_REQUEST' } });
  expect(reports).toEqual([]);
});

test("the trace on stderr names the error's kind, code and place, never its message (which may quote a typed value)", () => {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const bug = Object.assign(new RangeError('The value of "offset" is out of range. Received 4826'), { code: 'ERR_OUT_OF_RANGE' });
    toStderr('visit.passwords', bug);
  } finally {
    spy.mockRestore();
  }
  const line = written.join('');
  expect(line).toContain('visit.passwords');
  expect(line).toContain('RangeError (ERR_OUT_OF_RANGE)');
  expect(line).toMatch(/unexpected-errors\.test\.ts/);
  expect(line).not.toContain('4826');
});
