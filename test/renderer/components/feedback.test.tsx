import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { Button } from '../../../renderer/components/Button/Button';
import { Dialog } from '../../../renderer/components/Dialog/Dialog';
import { IdleWarning } from '../../../renderer/components/IdleWarning/IdleWarning';
import { Notice } from '../../../renderer/components/Notice/Notice';
import { ProgressSteps } from '../../../renderer/components/ProgressSteps/ProgressSteps';
import { renderWithI18n } from '../render';

describe('Notice', () => {
  it.each([
    ['error', 'alert', 'エラー'],
    ['warning', 'status', '注意'],
    ['info', 'status', 'お知らせ'],
    ['success', 'status', '完了'],
  ] as const)('a %s notice has role %s, an icon and its word', (tone, role, word) => {
    const { container } = renderWithI18n(<Notice tone={tone}>本文</Notice>);
    const notice = screen.getByRole(role);
    expect(notice.textContent).toBe(`${word}本文`);
    expect(container.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('takes a title, and live="off" for static notices', () => {
    renderWithI18n(<Notice tone="warning" title="カードの有効期限が切れています" live="off" />);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByText('カードの有効期限が切れています')).toBeTruthy();
  });
});

describe('ProgressSteps', () => {
  it('lists each step with its state in words and marks the current one', () => {
    renderWithI18n(
      <ProgressSteps
        label="手続きの進み具合"
        steps={[
          { key: 'a', label: '鍵の生成', status: 'done' },
          { key: 'b', label: '署名', status: 'current' },
          { key: 'c', label: '発行', status: 'pending' },
          { key: 'd', label: '書き込み', status: 'failed' },
        ]}
      />,
    );
    const list = screen.getByRole('list', { name: '手続きの進み具合' });
    const items = Array.from(list.querySelectorAll('li')).map((li) => li.textContent);
    expect(items).toEqual(['✓鍵の生成（完了）', '▶署名（実行中）', '・発行（未実行）', '✕書き込み（失敗）']);
    expect(list.querySelector('[aria-current="step"]')?.textContent).toContain('署名');
  });
});

function DialogHarness({ onConfirm }: { readonly onConfirm: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onPress={() => setOpen(true)}>開く</Button>
      <Dialog
        open={open}
        title="確認"
        onClose={() => setOpen(false)}
        actions={
          <>
            <Button variant="secondary" onPress={() => setOpen(false)}>
              やめる
            </Button>
            <Button onPress={onConfirm}>進む</Button>
          </>
        }
      >
        <p>本当に進みますか。</p>
      </Dialog>
    </>
  );
}

describe('Dialog', () => {
  it('is modal, named and described, traps Tab, closes on Escape and returns focus', async () => {
    const user = userEvent.setup();
    const onConfirm = jest.fn();
    renderWithI18n(<DialogHarness onConfirm={onConfirm} />);
    const opener = screen.getByRole('button', { name: '開く' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: '確認' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    const cancel = screen.getByRole('button', { name: 'やめる' });
    const proceed = screen.getByRole('button', { name: '進む' });
    expect(document.activeElement).toBe(cancel);
    await user.tab();
    expect(document.activeElement).toBe(proceed);
    await user.tab();
    expect(document.activeElement).toBe(cancel);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(proceed);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(onConfirm).not.toHaveBeenCalled();
  });
});

describe('IdleWarning', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-05T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('stays silent until the warning is due, then says so politely with the seconds left and 「延長する」', () => {
    const onExtend = jest.fn();
    const deadlineAt = Date.now() + 60_000;
    renderWithI18n(<IdleWarning deadlineAt={deadlineAt} warningMs={30_000} onExtend={onExtend} />);
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');
    expect(screen.queryByRole('button', { name: '延長する' })).toBeNull();
    act(() => jest.advanceTimersByTime(30_000));
    expect(region.textContent).toContain('まもなく入力の時間が終わり');
    expect(screen.getByText('残り約30秒')).toBeTruthy();
    act(() => jest.advanceTimersByTime(5_000));
    expect(screen.getByText('残り約25秒')).toBeTruthy();
    act(() => screen.getByRole('button', { name: '延長する' }).click());
    expect(onExtend).toHaveBeenCalledTimes(1);
  });

  it('never warns less than 20 s ahead, whatever the setting', () => {
    const deadlineAt = Date.now() + 25_000;
    renderWithI18n(<IdleWarning deadlineAt={deadlineAt} warningMs={5_000} onExtend={() => undefined} />);
    expect(screen.queryByRole('button', { name: '延長する' })).toBeNull();
    act(() => jest.advanceTimersByTime(5_000));
    expect(screen.getByRole('button', { name: '延長する' })).toBeTruthy();
  });

  it('goes away when the deadline moves (extended)', () => {
    const start = Date.now();
    const { rerender } = renderWithI18n(<IdleWarning deadlineAt={start + 10_000} warningMs={30_000} onExtend={() => undefined} />);
    expect(screen.getByRole('button', { name: '延長する' })).toBeTruthy();
    rerender(<IdleWarning deadlineAt={start + 120_000} warningMs={30_000} onExtend={() => undefined} />);
    expect(screen.queryByRole('button', { name: '延長する' })).toBeNull();
  });
});
