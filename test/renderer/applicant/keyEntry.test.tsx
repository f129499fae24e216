/** The one key-entry hook both keypad screens type through, tried on its own. */
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PasswordKind } from '../../../src/domain/passwords';
import { EntryKeypad, KeyRefusal } from '../../../renderer/screens/applicant/EntryKeypad';
import { useKeyEntry } from '../../../renderer/screens/applicant/useKeyEntry';
import { useSecretBuffer, type SecretBuffer } from '../../../renderer/screens/applicant/useSecretBuffer';
import { renderWithI18n } from '../render';

interface Spies {
  readonly onEnter: jest.Mock;
  readonly onActivity: jest.Mock;
  readonly onAllowed: jest.Mock;
}

let lastBuffer: SecretBuffer | null = null;

function Harness({ kind, listening = true, spies }: { readonly kind: PasswordKind | null; readonly listening?: boolean; readonly spies: Spies }) {
  const buffer = useSecretBuffer(kind === 'sign' ? 16 : 4);
  lastBuffer = buffer;
  const entry = useKeyEntry({ kind, buffer: kind === null ? null : buffer, listening, ...spies });
  return (
    <>
      <p>length:{buffer.length}</p>
      <KeyRefusal entry={entry} />
      <EntryKeypad kind={kind ?? 'auth'} name="暗証番号" entry={entry} />
    </>
  );
}

function spies(): Spies {
  return { onEnter: jest.fn(), onActivity: jest.fn(), onAllowed: jest.fn() };
}

function typed(): string {
  return lastBuffer?.peek() ?? '';
}

describe('useKeyEntry with EntryKeypad and KeyRefusal', () => {
  it('names the keypad by what is typed and picks the keys by the kind of password', () => {
    const { unmount } = renderWithI18n(<Harness kind="auth" spies={spies()} />);
    const pad = screen.getByRole('group', { name: '暗証番号の入力キー' });
    expect(pad.querySelectorAll('button')).toHaveLength(12);
    unmount();
    renderWithI18n(<Harness kind="sign" spies={spies()} />);
    expect(screen.getByRole('button', { name: 'Z' })).toBeTruthy();
  });

  it('types taps into the buffer, says when it is full, and deletes one or all', async () => {
    const user = userEvent.setup();
    const s = spies();
    renderWithI18n(<Harness kind="auth" spies={s} />);
    for (const key of ['1', '2', '3', '4', '5']) await user.click(screen.getByRole('button', { name: key }));
    expect(typed()).toBe('1234');
    expect(screen.getByRole('alert').textContent).toBe('＊これ以上は入れられません。');
    await user.click(screen.getByRole('button', { name: '1文字消す' }));
    expect(typed()).toBe('123');
    expect(screen.getByRole('alert').textContent).toBe('');
    await user.click(screen.getByRole('button', { name: '全部消す' }));
    expect(screen.getByText('length:0')).toBeTruthy();
    expect(s.onActivity).toHaveBeenCalledTimes(6);
    expect(s.onAllowed).toHaveBeenCalledTimes(5);
  });

  it('refuses a character the password cannot hold by its rule, and types nothing', async () => {
    const user = userEvent.setup();
    const s = spies();
    renderWithI18n(<Harness kind="auth" spies={s} />);
    await user.keyboard('a');
    expect(screen.getByRole('alert').textContent).toBe('＊使えるのは数字（0〜9）だけです。');
    expect(typed()).toBe('');
    expect(s.onAllowed).not.toHaveBeenCalled();
    fireEvent.keyDown(document.body, { key: 'Process', isComposing: true });
    expect(screen.getByRole('alert').textContent).toBe('＊全角の文字は使えません。半角の英数字で入れてください。');
  });

  it('upper-cases a signing password’s letters, and hands Enter and Backspace to the screen', async () => {
    const user = userEvent.setup();
    const s = spies();
    renderWithI18n(<Harness kind="sign" spies={s} />);
    await user.keyboard('ab1{Backspace}c{Enter}');
    expect(typed()).toBe('ABC');
    expect(s.onEnter).toHaveBeenCalledTimes(1);
  });

  it('types nothing while not listening or while nothing is being typed', async () => {
    const user = userEvent.setup();
    const { unmount } = renderWithI18n(<Harness kind="auth" listening={false} spies={spies()} />);
    await user.keyboard('12');
    expect(typed()).toBe('');
    unmount();
    const s = spies();
    renderWithI18n(<Harness kind={null} spies={s} />);
    await user.click(screen.getByRole('button', { name: '1' }));
    expect(screen.getByText('length:0')).toBeTruthy();
    expect(s.onActivity).not.toHaveBeenCalled();
  });
});
