import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button } from '../../../renderer/components/Button/Button';
import { descriptionOf, renderWithI18n } from '../render';

describe('Button', () => {
  it('calls onPress on click and on Enter/Space', async () => {
    const user = userEvent.setup();
    const onPress = jest.fn();
    renderWithI18n(<Button onPress={onPress}>送信する</Button>);
    const button = screen.getByRole('button', { name: '送信する' });
    await user.click(button);
    button.focus();
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    expect(onPress).toHaveBeenCalledTimes(3);
    expect(button.getAttribute('type')).toBe('button');
    expect(button.className).toContain('button--primary');
  });

  it.each(['primary', 'secondary', 'tertiary'] as const)('renders the %s variant', (variant) => {
    renderWithI18n(<Button variant={variant}>押す</Button>);
    expect(screen.getByRole('button', { name: '押す' }).className).toContain(`button--${variant}`);
  });

  it('with a disabled reason stays focusable, does nothing, and shows and describes the reason', async () => {
    const user = userEvent.setup();
    const onPress = jest.fn();
    renderWithI18n(
      <Button onPress={onPress} disabledReason="カードを置いてください">
        読み取る
      </Button>,
    );
    const button = screen.getByRole('button', { name: '読み取る' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.hasAttribute('disabled')).toBe(false);
    expect(screen.getByText('カードを置いてください')).toBeTruthy();
    expect(descriptionOf(button)).toBe('カードを置いてください');
    await user.tab();
    expect(document.activeElement).toBe(button);
    await user.click(button);
    await user.keyboard('{Enter}');
    expect(onPress).not.toHaveBeenCalled();
  });

  it('reports a toggle state with aria-pressed', () => {
    renderWithI18n(<Button pressed>文字を大きくする</Button>);
    expect(screen.getByRole('button', { name: '文字を大きくする', pressed: true })).toBeTruthy();
  });
});
