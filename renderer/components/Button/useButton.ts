import { useId, type MouseEvent } from 'react';

export interface UseButtonOptions {
  readonly onPress?: () => void;
  readonly disabledReason?: string;
  readonly describedBy?: string;
}

/**
 * A button that cannot act now stays focusable and says why (aria-disabled + a described
 * reason) instead of `disabled`, which would hide it from keyboard users without a word.
 */
export function useButton({ onPress, disabledReason, describedBy }: UseButtonOptions) {
  const reasonId = useId();
  const isDisabled = disabledReason !== undefined && disabledReason !== '';
  const describedByIds = [describedBy, isDisabled ? reasonId : undefined].filter((id) => id !== undefined).join(' ');
  return {
    reasonId,
    isDisabled,
    buttonProps: {
      'aria-disabled': isDisabled ? ('true' as const) : undefined,
      'aria-describedby': describedByIds === '' ? undefined : describedByIds,
      onClick: (event: MouseEvent<HTMLButtonElement>) => {
        if (isDisabled) {
          event.preventDefault();
          return;
        }
        onPress?.();
      },
    },
  };
}
