/**
 * The named points of one delivery, in the order a row passes them. The engine reports each to
 * whoever follows its progress (the progress screen, the CLI's `--progress`), as it happens.
 */
export const syncSteps = ['sync-before-enroll', 'sync-after-enroll', 'sync-after-complete-row'] as const;
export type SyncStep = (typeof syncSteps)[number];
