/** The card screen's section on what the CA holds for the card (ja first, en second). */
import type { Catalogue } from './types';
import words from './clerkCaRecords.json';

export const clerkCaRecordMessages = words satisfies Catalogue;
