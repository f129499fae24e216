import { syncSteps } from '../sync/sync-steps';

/**
 * The named steps a procedure passes, in the order a visit reaches them (the sync engine's own
 * steps where a visit delivers its requests). The use cases report each through the context's
 * `onProgress`; the host publishes them on its progress stream (src/issuance/progress.ts).
 */
export const procedureSteps = [
  'issue-after-draft',
  'issue-after-issuer-auth',
  'issue-after-keygen-sign',
  'issue-after-setpin-sign',
  'issue-after-keygen-auth',
  'issue-after-setpin-auth',
  'issue-after-card-prepared',
  'issue-after-csr-sign',
  'issue-after-csr-auth',
  'issue-after-queue',
  ...syncSteps,
  'issue-after-delivery',
  'write-before-certificate',
  'write-after-certificate-sign',
  'write-after-certificate-auth',
  'write-after-ca-certificates',
  'write-after-written',
  'issue-after-completed',
  'pickup-after-recover',
  'pickup-after-sync',
  'reset-after-draft',
  'reset-after-setpin',
  'change-after-card',
  'change-after-card-prepared',
  'revoke-after-record',
  'revoke-after-report',
] as const;
export type ProcedureStep = (typeof procedureSteps)[number];
