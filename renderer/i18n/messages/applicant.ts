/**
 * Words on the applicant's screens: plain Japanese for residents. `{漢字|かな}` marks optional
 * ruby, shown when the applicant turns on furigana (the Ruby text renderer reads it).
 */
import type { Catalogue } from './types';
import words from './applicant.json';

export const applicantMessages = words satisfies Catalogue;
