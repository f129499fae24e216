import { useState } from 'react';
import type { PasswordKind } from '../../../src/domain/passwords';
import type { KeypadHandlers } from '../../components/Keypad/Keypad';
import { useT } from '../../i18n/I18nProvider';
import { normalizeChar, refusalFor } from './keyRules';
import { usePhysicalKeys } from './usePhysicalKeys';
import type { SecretBuffer } from './useSecretBuffer';

export interface KeyEntryOptions {
  /** What is being typed; null while nothing is (keys then do nothing). */
  readonly kind: PasswordKind | null;
  /** Where accepted characters go; the hook keeps none of them itself. */
  readonly buffer: SecretBuffer | null;
  /** Whether the physical keyboard types (off while busy or while a dialog is open). */
  readonly listening: boolean;
  /** The screen's main action, for Enter. */
  readonly onEnter: () => void;
  /** Each key press (the turn may be extended). */
  readonly onActivity: () => void;
  /** A character the password's rules allow was typed (even when the entry was already full). */
  readonly onAllowed?: () => void;
}

export interface KeyEntry {
  /** Why the last key was not typed, in words; null when it was. */
  readonly refusal: string | null;
  readonly clearRefusal: () => void;
  readonly keypad: KeypadHandlers;
}

/**
 * One password entry's keys, on-screen and physical alike: a character the password cannot hold
 * is refused by its rule's words and typed nowhere, an allowed one goes (normalized) into the
 * buffer, a full buffer says so, and an IME's full-width typing is refused.
 */
export function useKeyEntry({ kind, buffer, listening, onEnter, onActivity, onAllowed }: KeyEntryOptions): KeyEntry {
  const t = useT();
  const [refusal, setRefusal] = useState<string | null>(null);
  const clearRefusal = () => setRefusal(null);

  const onKey = (raw: string) => {
    if (kind === null || buffer === null) return;
    onActivity();
    const refused = refusalFor(kind, raw);
    if (refused !== null) {
      setRefusal(t(refused));
      return;
    }
    onAllowed?.();
    setRefusal(buffer.push(normalizeChar(kind, raw).charCodeAt(0)) ? null : t('pwRefused.too-long'));
  };
  const onDelete = () => {
    onActivity();
    setRefusal(null);
    buffer?.pop();
  };
  const onClear = () => {
    setRefusal(null);
    buffer?.clear();
  };

  usePhysicalKeys(listening, { onChar: onKey, onDelete, onEnter, onComposing: () => setRefusal(t('pwRefused.full-width')) });
  return { refusal, clearRefusal, keypad: { onKey, onDelete, onClear } };
}
