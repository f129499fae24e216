import type { VisitState, VisitStep } from '../../src/api/visit';

/** The visit state narrowed to some steps: what each screen receives as `state`. */
export type StepState<S extends VisitStep> = Extract<VisitState, { step: S }>;
