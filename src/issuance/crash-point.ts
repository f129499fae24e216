/**
 * Crash injection for the crash-safety tests: `crashPoint(name)` kills the process with SIGKILL
 * when `MADOGUCHI_CRASH_AT` names it, and does nothing otherwise. SIGKILL, not an exception or
 * exit(): no `finally`, no flush, no close — the closest thing to a power cut we can make.
 */

/** Every checkpoint, in the order a visit reaches them. Tests iterate over this list. */
export const crashPoints = [
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
  'sync-before-enroll',
  'sync-after-enroll',
  'sync-after-complete-row',
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
  'revoke-after-record',
  'revoke-after-report',
] as const;
export type CrashPointName = (typeof crashPoints)[number];

export const crashEnvVariable = 'MADOGUCHI_CRASH_AT';

export function crashPoint(name: CrashPointName, env: NodeJS.ProcessEnv = process.env): void {
  if (env[crashEnvVariable] !== name) return;
  process.kill(process.pid, 'SIGKILL');
}
