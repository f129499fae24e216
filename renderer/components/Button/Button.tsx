import type { ReactNode } from 'react';
import './Button.css';
import { useButton } from './useButton';

export type ButtonVariant = 'primary' | 'secondary' | 'tertiary';

export interface ButtonProps {
  readonly children: ReactNode;
  readonly variant?: ButtonVariant;
  readonly size?: 'medium' | 'large';
  readonly onPress?: () => void;
  /** When set, the button is inert and this text is shown and described as the reason. */
  readonly disabledReason?: string;
  readonly type?: 'button' | 'submit';
  readonly describedBy?: string;
  readonly className?: string;
  readonly lang?: string;
  /** For toggles (aria-pressed). */
  readonly pressed?: boolean;
  readonly ariaLabel?: string;
}

export function Button({ children, variant = 'primary', size = 'medium', onPress, disabledReason, type = 'button', describedBy, className, lang, pressed, ariaLabel }: ButtonProps) {
  const { buttonProps, reasonId, isDisabled } = useButton({ onPress, disabledReason, describedBy });
  const classes = ['button', `button--${variant}`, `button--${size}`, className].filter(Boolean).join(' ');
  return (
    <span className="button-wrap">
      <button type={type} className={classes} lang={lang} aria-pressed={pressed} aria-label={ariaLabel} {...buttonProps}>
        {children}
      </button>
      {isDisabled && (
        <span id={reasonId} className="button-reason">
          {disabledReason}
        </span>
      )}
    </span>
  );
}
