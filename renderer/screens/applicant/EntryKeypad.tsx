import type { PasswordKind } from '../../../src/domain/passwords';
import { Keypad } from '../../components/Keypad/Keypad';
import { useT } from '../../i18n/I18nProvider';
import type { KeyEntry } from './useKeyEntry';

/** The keypad for one kind of password: letters and digits for signing, the telephone keys otherwise. */
export function EntryKeypad({ kind, name, entry }: { readonly kind: PasswordKind; readonly name: string; readonly entry: KeyEntry }) {
  const t = useT();
  return <Keypad layout={kind === 'sign' ? 'alphanumeric' : 'telephone'} label={t('keypad.label', { name })} {...entry.keypad} />;
}

/** Says, as an alert, why the last key was not typed. The region is always there so it is announced. */
export function KeyRefusal({ entry }: { readonly entry: KeyEntry }) {
  return (
    <div role="alert" className="applicant-refusal">
      {entry.refusal !== null && <p className="field-error">{entry.refusal}</p>}
    </div>
  );
}
