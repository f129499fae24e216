import { act, renderHook } from '@testing-library/react';
import type { Result } from '../../../src/api/errors';
import { useAsk } from '../../../renderer/screens/clerk/useAsk';

/** An answer the test gives when it chooses, so the screen's state can be seen in between. */
function pending<T>(): { readonly promise: Promise<Result<T>>; readonly answer: (result: Result<T>) => Promise<void> } {
  let resolve: (result: Result<T>) => void = () => undefined;
  const promise = new Promise<Result<T>>((r) => {
    resolve = r;
  });
  return {
    promise,
    answer: async (result) => {
      resolve(result);
      await promise;
    },
  };
}

const refused: Result<never> = { ok: false, error: { code: 'CARD_PIN_BLOCKED', retryable: false, details: {} } };

describe('useAsk', () => {
  it('hands the answer on, keeps a refusal code, and clears it as soon as the host is asked again', async () => {
    const { result } = renderHook(() => useAsk());
    const answers: string[] = [];

    const first = pending<string>();
    act(() => result.current.ask(() => first.promise, (value) => answers.push(value)));
    await act(() => first.answer(refused));
    expect(result.current.errorCode).toBe('CARD_PIN_BLOCKED');
    expect(answers).toEqual([]);

    const second = pending<string>();
    act(() => result.current.ask(() => second.promise, (value) => answers.push(value)));
    expect(result.current.errorCode).toBeNull();
    await act(() => second.answer({ ok: true, value: '20261206-001' }));
    expect(answers).toEqual(['20261206-001']);
    expect(result.current.errorCode).toBeNull();
  });

  it('takes a refusal that came another way, and asks without wanting the answer', async () => {
    const { result } = renderHook(() => useAsk());
    act(() => result.current.setErrorCode('CARD_PIN_BLOCKED'));
    expect(result.current.errorCode).toBe('CARD_PIN_BLOCKED');
    const sent = pending<number>();
    act(() => result.current.ask(() => sent.promise));
    expect(result.current.errorCode).toBeNull();
    await act(() => sent.answer({ ok: true, value: 1 }));
    expect(result.current.errorCode).toBeNull();
  });
});
