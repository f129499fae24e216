import type { SelfServiceState, SelfServiceStep } from '../../../src/api/self-service';

/** The self-service state narrowed to some steps: what each screen receives as `state`. */
export type StepOf<S extends SelfServiceStep> = Extract<SelfServiceState, { step: S }>;
