import { useEffect, useRef } from 'react';

export interface PhysicalKeyHandlers {
  /** A printable character (one key press); the screen accepts or refuses it. */
  readonly onChar: (char: string) => void;
  readonly onDelete: () => void;
  readonly onEnter?: () => void;
  /** An IME is composing: the applicant is typing full-width text. */
  readonly onComposing: () => void;
}

/**
 * Lets a physical keyboard type on the keypad without any <input> holding the secret: keys are
 * read at the document and handed to the same handlers as the on-screen keys.
 */
export function usePhysicalKeys(enabled: boolean, handlers: PhysicalKeyHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      // Space and Enter on a focused button press that button; they are not typing.
      const onControl = target !== null && target.closest('button, a, input, textarea, select, [role="dialog"], [role="alertdialog"]') !== null;
      if (event.isComposing || event.key === 'Process') {
        latest.current.onComposing();
        return;
      }
      if (event.key === 'Backspace') {
        event.preventDefault();
        latest.current.onDelete();
        return;
      }
      if (event.key === 'Enter') {
        // Enter is the screen's main action, also on a keypad key a keyboard user moved to (Space
        // presses that key); on any other control it stays that control's own press.
        const onKeypad = target !== null && target.closest('[data-keypad]') !== null;
        if (onControl && !onKeypad) return;
        event.preventDefault();
        latest.current.onEnter?.();
        return;
      }
      if (Array.from(event.key).length !== 1) return; // Tab, arrows, Escape, F-keys…
      if (event.key === ' ' && onControl) return;
      event.preventDefault();
      latest.current.onChar(event.key);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
