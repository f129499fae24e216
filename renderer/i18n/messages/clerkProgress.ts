/** Words for each named procedure step (src/issuance/steps.ts), as the working screen lists them. */
import type { VisitState } from '../../../src/api/visit';
import type { Words } from '../../../src/words/errors';
import words from './clerkProgress.json';

/** The core's step names, as the working state carries them. */
type ProcedureStep = Extract<VisitState, { step: 'working' }>['progress'][number];

export const clerkProgressMessages = words satisfies Record<`clerk.progress.${ProcedureStep}`, Words>;
