/**
 * Words for how a visit really ended and for what must be said before it goes on: a procedure
 * accepted but not finished, one that changed nothing, the warning before keys are made while
 * the CA cannot answer, and a refusal decided before the resident's turn.
 */
import type { Catalogue } from './types';
import words from './clerkOutcome.json';

export const clerkOutcomeMessages = words satisfies Catalogue;
