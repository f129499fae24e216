/**
 * Words on the applicant's screens: plain Japanese for residents. `{漢字|かな}` marks optional
 * ruby, shown when the applicant turns on furigana (the Ruby text renderer reads it).
 */
import { passwordChangeMessages } from './passwordChange';
import type { Catalogue } from './types';
import words from './applicant.json';

// Changing a password the holder knows, at the counter and the self-service terminal, joins them.
export const applicantMessages = { ...words, ...passwordChangeMessages } as const satisfies Catalogue;
