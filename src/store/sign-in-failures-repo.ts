import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { statement } from './statement-cache';

/** A clerk's failed sign-ins in a row, and until when (epoch ms) they are locked out (0: not). */
export interface SignInFailures {
  readonly failures: number;
  readonly lockedUntil: number;
}

const rowSchema = z.object({ failures: z.number().int().min(0), locked_until: z.number().int().min(0) });

export class SignInFailuresRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  get(clerkId: string): SignInFailures | undefined {
    const raw = statement(this.db, 'SELECT failures, locked_until FROM clerk_sign_in_failures WHERE clerk_id = ?').get(clerkId);
    if (raw === undefined) return undefined;
    const row = rowSchema.parse(raw);
    return { failures: row.failures, lockedUntil: row.locked_until };
  }

  put(clerkId: string, state: SignInFailures): void {
    statement(
      this.db,
      `INSERT INTO clerk_sign_in_failures (clerk_id, failures, locked_until, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (clerk_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
    ).run(clerkId, state.failures, state.lockedUntil, this.now());
  }

  clear(clerkId: string): void {
    statement(this.db, 'DELETE FROM clerk_sign_in_failures WHERE clerk_id = ?').run(clerkId);
  }
}
