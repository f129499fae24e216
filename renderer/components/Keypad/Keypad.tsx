import { useT } from '../../i18n/I18nProvider';
import './Keypad.css';

export type KeypadLayout = 'telephone' | 'alphanumeric';

export interface KeypadProps {
  readonly layout: KeypadLayout;
  /** Names the keypad (e.g. the password being typed). */
  readonly label: string;
  readonly onKey: (char: string) => void;
  readonly onDelete: () => void;
  readonly onClear: () => void;
}

// Fixed layouts, never shuffled: the applicant finds a key where it was a moment ago.
const telephoneRows = ['123', '456', '789'];
const alphanumericRows = ['1234567890', 'ABCDEFGHIJ', 'KLMNOPQRST', 'UVWXYZ'];

/** An on-screen keypad of large keys (≥ 64 px with gaps) that never holds what was typed. */
export function Keypad({ layout, label, onKey, onDelete, onClear }: KeypadProps) {
  const t = useT();
  const rows = layout === 'telephone' ? telephoneRows : alphanumericRows;
  const key = (char: string) => (
    <button key={char} type="button" className="keypad-key" onClick={() => onKey(char)}>
      {char}
    </button>
  );
  return (
    <div className={`keypad keypad--${layout}`} role="group" aria-label={label}>
      {rows.map((row) => (
        <div key={row} className="keypad-row">
          {Array.from(row).map(key)}
        </div>
      ))}
      <div className="keypad-row">
        <button type="button" className="keypad-key keypad-key--action" onClick={onClear}>
          {t('keypad.clear')}
        </button>
        {layout === 'telephone' && key('0')}
        <button type="button" className="keypad-key keypad-key--action" onClick={onDelete}>
          {t('keypad.delete')}
        </button>
      </div>
    </div>
  );
}
