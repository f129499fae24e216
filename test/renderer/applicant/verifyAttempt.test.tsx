/** The shared try of a known password: its busy state, its refusal, and the notices about tries left. */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Result } from '../../../src/api/errors';
import { TriesNotices } from '../../../renderer/screens/applicant/TriesNotices';
import { useVerifyAttempt } from '../../../renderer/screens/applicant/useVerifyAttempt';
import { errorResult } from '../fake-api';
import { renderWithI18n } from '../render';

const words = { refused: 'cardInfoPin.refused', triesLeft: 'cardInfoPin.triesLeft' } as const;

function Harness({ wasRefused, answer }: { readonly wasRefused: boolean; readonly answer: () => Promise<Result<string>> }) {
  const attempt = useVerifyAttempt<string>((invoke) => invoke());
  return (
    <>
      <p>busy:{String(attempt.isBusy)}</p>
      <button type="button" onClick={() => void attempt.attempt(answer)}>
        try
      </button>
      <TriesNotices wasRefused={wasRefused} attempt={attempt} triesLeft={attempt.failure?.triesLeft ?? 3} words={words} triesId="tries" />
    </>
  );
}

describe('useVerifyAttempt with TriesNotices', () => {
  it('says the tries left before anything is sent', () => {
    renderWithI18n(<Harness wasRefused={false} answer={() => Promise.resolve({ ok: true, value: 'x' })} />);
    expect(document.getElementById('tries')?.textContent).toBe('あと3回まちがえるとロックされます。');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('hides the flow’s refusal while a new try is checked, then says this try’s refusal with the tries left', async () => {
    const user = userEvent.setup();
    let settle: (result: Result<string>) => void = () => undefined;
    renderWithI18n(<Harness wasRefused answer={() => new Promise<Result<string>>((resolve) => (settle = resolve))} />);
    expect(screen.getByText('暗証番号がちがいました。もう一度入れてください。')).toBeTruthy();
    expect(screen.getByText('あと3回まちがえるとロックされます。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'try' }));
    expect(screen.getByText('busy:true')).toBeTruthy();
    expect(screen.queryByText('暗証番号がちがいました。もう一度入れてください。')).toBeNull();
    await act(async () => {
      settle(errorResult('CARD_WRONG_PIN', { triesLeft: 1 }));
      await Promise.resolve();
    });
    expect(screen.getByText('busy:false')).toBeTruthy();
    expect(screen.getByText('暗証番号が違います。')).toBeTruthy();
    expect(screen.getByText('あと1回まちがえるとロックされます。')).toBeTruthy();
    expect(screen.queryByText('暗証番号がちがいました。もう一度入れてください。')).toBeNull();
  });

  it('a refusal without tries says only its error, and an accepted try clears it', async () => {
    const user = userEvent.setup();
    let next: Result<string> = errorResult('CARD_PIN_BLOCKED');
    renderWithI18n(<Harness wasRefused={false} answer={() => Promise.resolve(next)} />);
    await user.click(screen.getByRole('button', { name: 'try' }));
    expect(await screen.findByText('暗証番号がロックされています。窓口で初期化の手続きができます。')).toBeTruthy();
    expect(screen.queryByText(/まちがえるとロック/)).toBeNull();
    next = { ok: true, value: 'x' };
    await user.click(screen.getByRole('button', { name: 'try' }));
    expect(await screen.findByText('あと3回まちがえるとロックされます。')).toBeTruthy();
  });
});
