/** The identity form's checks, kept out of the component so the rules read in one place. */
import type { SexCode } from '../../../src/domain/vocabulary';
import { dateFieldToIso, type DateParts } from '../../components/DateField/useDateField';

export const sexOptions = ['1', '2', '0', '9'] as const satisfies readonly SexCode[];

export interface IdentityDraft {
  readonly name: string;
  readonly address: string;
  readonly birth: DateParts;
  readonly sex: SexCode | null;
}

export type IdentityField = 'name' | 'address' | 'birthDate' | 'sex';

export function identityErrors(draft: IdentityDraft, today: string): IdentityField[] {
  const errors: IdentityField[] = [];
  if (draft.name.trim() === '') errors.push('name');
  if (draft.address.trim() === '') errors.push('address');
  const birth = dateFieldToIso(draft.birth);
  if (birth === null || birth > today) errors.push('birthDate');
  if (draft.sex === null) errors.push('sex');
  return errors;
}

// The font rule is the domain's: the printed application form flags the same characters.
export { hasUnrenderableCharacters } from '../../../src/domain/font-coverage';
