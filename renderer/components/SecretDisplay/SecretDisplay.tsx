import { useId, type ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { Button } from '../Button/Button';
import './SecretDisplay.css';

export interface SecretDisplayProps {
  readonly label: ReactNode;
  readonly length: number;
  readonly isRevealed: boolean;
  readonly onToggleReveal: () => void;
  /** Read only while revealed, so the characters reach the DOM only when the applicant asks. */
  readonly reveal: () => string;
  readonly active?: boolean;
  readonly describedBy?: string;
  /** A PIN: the words say 数字 and 桁, which is what the resident is typing. */
  readonly digitsOnly?: boolean;
}

/**
 * Shows a secret being typed as one ● per character (no <input>, so no `value` holds it), or the
 * characters themselves while the applicant chooses to see them.
 */
export function SecretDisplay({ label, length, isRevealed, onToggleReveal, reveal, active = false, describedBy, digitsOnly = false }: SecretDisplayProps) {
  const t = useT();
  const labelId = useId();
  return (
    <div className={`secret${active ? ' secret--active' : ''}`} role="group" aria-labelledby={labelId} aria-describedby={describedBy}>
      <p id={labelId} className="secret-label">
        {label}
      </p>
      <div className="secret-row">
        <p className="secret-box">
          {length === 0 ? (
            <span className="secret-empty">{t('keypad.empty')}</span>
          ) : isRevealed ? (
            <span className="secret-chars">{reveal()}</span>
          ) : (
            <>
              <span aria-hidden="true" className="secret-dots">
                {'●'.repeat(length)}
              </span>
              <span className="visually-hidden">{t(digitsOnly ? 'keypad.countDigits' : 'keypad.count', { count: length })}</span>
            </>
          )}
        </p>
        <Button variant="secondary" onPress={onToggleReveal} pressed={isRevealed}>
          {t(digitsOnly ? 'keypad.showDigits' : 'keypad.show')}
        </Button>
      </div>
    </div>
  );
}
