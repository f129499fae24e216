import type { MouseEvent } from 'react';
import { useT } from '../../i18n/I18nProvider';
import './Keypad.css';

export type KeypadLayout = 'telephone' | 'alphanumeric';

/** What the keys do: the keypad itself never holds what was typed. */
export interface KeypadHandlers {
  readonly onKey: (char: string) => void;
  readonly onDelete: () => void;
  readonly onClear: () => void;
}

export interface KeypadProps extends KeypadHandlers {
  readonly layout: KeypadLayout;
  /** Names the keypad (e.g. the password being typed). */
  readonly label: string;
}

// Fixed layouts, never shuffled: the applicant finds a key where it was a moment ago.
const telephoneRows = ['123', '456', '789'];
const alphanumericRows = ['1234567890', 'ABCDEFGHIJ', 'KLMNOPQRST', 'UVWXYZ'];

/**
 * A tap (a touch or a click) does not take focus, so a physical Enter afterwards is not a second
 * press of the key: the screen reads Enter as its main action.
 */
function keepFocus(event: MouseEvent<HTMLButtonElement>): void {
  event.preventDefault();
}

/**
 * After a tap, focus leaves whatever control held it (a show toggle, say), for the same reason. A
 * key pressed from the keyboard (Space on a focused key; detail 0) keeps the keyboard user's place.
 */
function pressed(event: MouseEvent<HTMLButtonElement>, act: () => void): void {
  if (event.detail > 0) {
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && focused !== document.body) focused.blur();
  }
  act();
}

/** An on-screen keypad of large keys (≥ 64 px with gaps) that never holds what was typed. */
export function Keypad({ layout, label, onKey, onDelete, onClear }: KeypadProps) {
  const t = useT();
  const rows = layout === 'telephone' ? telephoneRows : alphanumericRows;
  const key = (char: string) => (
    <button key={char} type="button" className="keypad-key" onMouseDown={keepFocus} onClick={(event) => pressed(event, () => onKey(char))}>
      {char}
    </button>
  );
  return (
    <div className={`keypad keypad--${layout}`} role="group" aria-label={label} data-keypad="">
      {rows.map((row) => (
        <div key={row} className="keypad-row">
          {Array.from(row).map(key)}
        </div>
      ))}
      <div className="keypad-row">
        <button type="button" className="keypad-key keypad-key--action" onMouseDown={keepFocus} onClick={(event) => pressed(event, onClear)}>
          {t('keypad.clear')}
        </button>
        {layout === 'telephone' && key('0')}
        <button type="button" className="keypad-key keypad-key--action" onMouseDown={keepFocus} onClick={(event) => pressed(event, onDelete)}>
          {t('keypad.delete')}
        </button>
      </div>
    </div>
  );
}
