/**
 * The clerk screens' words, ja first, en second. Plain, polite counter Japanese; official terms
 * from docs/glossary.md. Codes of the core have their words in clerkVocabulary and clerkProgress.
 */
import { clerkCaRecordMessages } from './clerkCaRecords';
import { clerkDayMessages } from './clerkDay';
import { clerkDocumentMessages } from './clerkDocuments';
import { clerkFormMessages } from './clerkForm';
import { clerkOutcomeMessages } from './clerkOutcome';
import { clerkQueueMessages } from './clerkQueue';
import { clerkProgressMessages } from './clerkProgress';
import { clerkReportMessages } from './clerkReport';
import { clerkVisitMessages } from './clerkVisits';
import { clerkVocabularyMessages } from './clerkVocabulary';
import type { Catalogue } from './types';
import words from './clerk.json';

const clerkScreenMessages = words satisfies Catalogue;

export const clerkMessages = {
  ...clerkScreenMessages,
  ...clerkVocabularyMessages,
  ...clerkCaRecordMessages,
  ...clerkProgressMessages,
  ...clerkDocumentMessages,
  ...clerkFormMessages,
  ...clerkReportMessages,
  ...clerkVisitMessages,
  ...clerkOutcomeMessages,
  ...clerkQueueMessages,
  ...clerkDayMessages,
} as const satisfies Catalogue;
