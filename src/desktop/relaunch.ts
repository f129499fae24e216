/**
 * Crash-loop-limited relaunch (docs/design.md §3). A crashed renderer or helper process is brought
 * back, but not for ever: after `maxCrashes` within `windowMs` the shell stops and says so. The
 * history is kept in the data directory, so a loop across whole relaunches is seen too.
 */
import { z } from 'zod';

export const crashLimit = { maxCrashes: 3, windowMs: 60_000 } as const;

/** The most crash times kept: the window only ever needs the last few. */
const maxHistory = 16;

/** Relaunch after a crash, but stop after `maxCrashes` within `windowMs` so a crash loop ends. */
export function shouldRelaunch(crashTimesMs: readonly number[], nowMs: number, maxCrashes: number = crashLimit.maxCrashes, windowMs: number = crashLimit.windowMs): boolean {
  const recent = crashTimesMs.filter((t) => nowMs - t <= windowMs && t <= nowMs);
  return recent.length < maxCrashes;
}

/**
 * Why Electron says a process went (RenderProcessGoneDetails / Details.reason). A clean exit is
 * not a crash; an integrity failure means the code on disk was tampered with, so it is never
 * relaunched; anything else (crashed, oom, killed, launch-failed, an unknown reason) is a crash.
 */
export type GoneKind = 'clean' | 'crash' | 'tampered';

export function goneKind(reason: unknown): GoneKind {
  if (reason === 'clean-exit') return 'clean';
  if (reason === 'integrity-failure') return 'tampered';
  return 'crash';
}

const historySchema = z.object({ crashes: z.array(z.number().int().nonnegative()).max(1000) }).strict();

/** The stored history; anything unreadable counts as no history (a damaged file must not block a start). */
export function parseCrashHistory(text: string | undefined): number[] {
  if (text === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = historySchema.safeParse(json);
  return parsed.success ? parsed.data.crashes : [];
}

export function serializeCrashHistory(crashes: readonly number[]): string {
  return `${JSON.stringify({ crashes: [...crashes] })}\n`;
}

export type RelaunchAction = 'ignore' | 'relaunch' | 'give-up';

export interface RelaunchDecision {
  readonly action: RelaunchAction;
  /** The history to store (unchanged for a clean exit). */
  readonly history: readonly number[];
}

/** What to do when a process went, given the stored history; the crash itself is recorded. */
export function decideRelaunch(reason: unknown, history: readonly number[], nowMs: number): RelaunchDecision {
  const kind = goneKind(reason);
  if (kind === 'clean') return { action: 'ignore', history };
  const recorded = [...history.filter((t) => t <= nowMs), nowMs].slice(-maxHistory);
  if (kind === 'tampered') return { action: 'give-up', history: recorded };
  // The crash that just happened counts: at the third crash within the window, no relaunch.
  return { action: shouldRelaunch(recorded, nowMs) ? 'relaunch' : 'give-up', history: recorded };
}
