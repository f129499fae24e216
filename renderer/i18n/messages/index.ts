/** Every catalogue, merged: one id space for `t(id)`. A duplicate id fails the type check below. */
import { applicantMessages } from './applicant';
import { clerkMessages } from './clerk';
import { commonMessages } from './common';
import { componentMessages } from './components';
import { selfServiceMessages } from './selfService';
import type { Catalogue } from './types';

type Common = keyof typeof commonMessages;
type Components = keyof typeof componentMessages;
type Applicant = keyof typeof applicantMessages;
type Clerk = keyof typeof clerkMessages;
type SelfService = keyof typeof selfServiceMessages;

/** Ids used by two areas: with object spread the later would silently win. */
type DuplicateIds =
  | Extract<Common, Components | Applicant | Clerk | SelfService>
  | Extract<Components, Applicant | Clerk | SelfService>
  | Extract<Applicant, Clerk | SelfService>
  | Extract<Clerk, SelfService>;

/** Compiles only while DuplicateIds is empty; the error names the duplicated ids. */
export const catalogueIdsAreUnique: [DuplicateIds] extends [never] ? true : { readonly duplicated: DuplicateIds } = true;

export const messages = { ...commonMessages, ...componentMessages, ...applicantMessages, ...clerkMessages, ...selfServiceMessages } as const satisfies Catalogue;
export type MessageId = keyof typeof messages;
export type { Catalogue };
