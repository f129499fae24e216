/**
 * The clerk screens' words for the core's codes (procedures, documents, warnings, refusals,
 * progress steps, queue states). Each rule-bearing text names its docs/rules.md id, so the clerk can
 * tell the applicant which rule applies.
 */
import type { Catalogue } from './types';
import words from './clerkVocabulary.json';

export const clerkVocabularyMessages = words satisfies Catalogue;
