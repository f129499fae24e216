/** Finding a past visit (過去の受付の検索): the search, a visit's detail, its history and reprints. */
import type { Catalogue } from './types';
import words from './clerkVisits.json';

export const clerkVisitMessages = words satisfies Catalogue;
