import { act, renderHook, screen, within } from '@testing-library/react';
import { NoticeList } from '../../../renderer/screens/clerk/NoticeList';
import { useTicks } from '../../../renderer/screens/clerk/useTicks';
import { renderWithI18n } from '../render';

describe('NoticeList', () => {
  it('says each item on its own line under the notice title, as an alert for an error', () => {
    renderWithI18n(<NoticeList tone="error" title="受け付けられません" items={['15歳未満です。', '成年被後見人です。']} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('受け付けられません')).toBeTruthy();
    const items = within(within(alert).getByRole('list')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['15歳未満です。', '成年被後見人です。']);
  });

  it('keeps a static notice out of the live regions and titles it by its tone by default', () => {
    renderWithI18n(<NoticeList tone="warning" live="off" items={['他の市区町村のカードです。']} />);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('注意')).toBeTruthy();
    expect(screen.getByRole('listitem').textContent).toBe('他の市区町村のカードです。');
  });
});

describe('useTicks', () => {
  it('starts from the initial items and ticks and unticks one item at a time', () => {
    const { result } = renderHook(() => useTicks<string>(() => ['auth']));
    expect([...result.current[0]]).toEqual(['auth']);
    act(() => result.current[1]('sign', true));
    expect([...result.current[0]].sort()).toEqual(['auth', 'sign']);
    act(() => result.current[1]('auth', false));
    expect([...result.current[0]]).toEqual(['sign']);
  });

  it('keeps two ticks made together, and gives a new set for each change', () => {
    const { result } = renderHook(() => useTicks<string>(() => []));
    const before = result.current[0];
    act(() => {
      result.current[1]('mynumberCard', true);
      result.current[1]('residentCard', true);
    });
    expect([...result.current[0]].sort()).toEqual(['mynumberCard', 'residentCard']);
    expect(result.current[0]).not.toBe(before);
  });
});
