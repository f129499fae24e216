/** Every catalogue, merged: one id space for `t(id)`. A duplicate id fails the type check below. */
import { applicantMessages } from './applicant';
import { clerkMessages } from './clerk';
import { commonMessages } from './common';
import { componentMessages } from './components';
import type { Catalogue } from './types';

type Common = keyof typeof commonMessages;
type Components = keyof typeof componentMessages;
type Applicant = keyof typeof applicantMessages;
type Clerk = keyof typeof clerkMessages;

/** Ids used by two areas: with object spread the later would silently win. */
type DuplicateIds = Extract<Common, Components | Applicant | Clerk> | Extract<Components, Applicant | Clerk> | Extract<Applicant, Clerk>;

/** Compiles only while DuplicateIds is empty; the error names the duplicated ids. */
export const catalogueIdsAreUnique: [DuplicateIds] extends [never] ? true : { readonly duplicated: DuplicateIds } = true;

export const messages = { ...commonMessages, ...componentMessages, ...applicantMessages, ...clerkMessages } as const satisfies Catalogue;
export type MessageId = keyof typeof messages;
export type { Catalogue };
