import type { ApplicantType, Procedure } from './vocabulary';

/** What names an application to the people at the counter: its number, what was asked and who asked. */
export interface ApplicationHeadline {
  readonly procedure: Procedure;
  readonly applicantType: ApplicantType;
  /** What the clerk and the resident read (`YYYYMMDD-NNN`); null for an application older than the numbers. */
  readonly receiptNumber: string | null;
}
