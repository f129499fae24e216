/** The day-end report (日計表): the clerk's words for its sections, outcomes and refusal codes. */
import type { Catalogue } from './types';
import words from './clerkReport.json';

export const clerkReportMessages = words satisfies Catalogue;
