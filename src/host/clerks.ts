/**
 * Clerks who may sign in at this terminal (config.json `clerks`, or the training clerks of
 * resources/training/clerks.json). A clerk's PIN is stored only as a salted scrypt hash:
 *
 *   scrypt$<N>$<r>$<p>$<salt, base64>$<hash, base64>
 *
 * The PIN arrives as bytes and is wiped on every path. Five failures in a row lock that clerk
 * out for a few minutes, so a PIN cannot be guessed at the counter; the count outlives a restart.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { hostError } from '../api/errors';
import type { ClerkRef } from '../api/visit';

const defaultCost = { N: 2 ** 15, r: 8, p: 1 } as const;
const minN = 2 ** 14;
const maxN = 2 ** 20;
const saltBytes = 16;
const hashBytes = 32;
export const maxFailures = 5;
export const lockoutMs = 5 * 60_000;
export const clerkPinMinLength = 4;
export const clerkPinMaxLength = 16;

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

export const pinHashSchema = z
  .string()
  .max(256)
  .refine((value) => parsePinHash(value) !== undefined, { message: `expected scrypt$N$r$p$<salt base64>$<hash base64> with N a power of two ≥ ${minN}` });

export const clerkSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected 1–64 letters, digits, . _ -'),
    name: z.string().min(1).max(100),
    pinHash: pinHashSchema,
  })
  .strict();
export type ClerkEntry = z.infer<typeof clerkSchema>;

export const clerkListSchema = z
  .array(clerkSchema)
  .min(1)
  .max(500)
  .refine((list) => new Set(list.map((c) => c.id)).size === list.length, { message: 'clerk ids must be unique' });

interface PinHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

export function parsePinHash(value: string): PinHash | undefined {
  const parts = value.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, nText = '', rText = '', pText = '', saltText = '', hashText = ''] = parts;
  if (![nText, rText, pText].every((t) => /^\d{1,8}$/.test(t))) return undefined;
  const N = Number(nText);
  const r = Number(rText);
  const p = Number(pText);
  const isPowerOfTwo = (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N < minN || N > maxN || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  if (!base64.test(saltText) || !base64.test(hashText)) return undefined;
  const salt = Buffer.from(saltText, 'base64');
  const hash = Buffer.from(hashText, 'base64');
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return undefined;
  return { N, r, p, salt, hash };
}

function derive(pin: Uint8Array, salt: Uint8Array, length: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly the default cost's need.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, length, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

/** PIN bytes → the stored hash string; the caller wipes `pin`. */
export async function hashClerkPin(pin: Uint8Array, cost: { N: number; r: number; p: number } = defaultCost): Promise<string> {
  if (pin.length < clerkPinMinLength || pin.length > clerkPinMaxLength) throw new RangeError(`a clerk PIN has ${clerkPinMinLength}–${clerkPinMaxLength} characters`);
  const salt = randomBytes(saltBytes);
  const key = await derive(pin, salt, hashBytes, cost);
  try {
    return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
  } finally {
    key.fill(0);
  }
}

/** Constant-time comparison of the PIN against a stored hash. Does not wipe `pin`. */
export async function matchesPinHash(pin: Uint8Array, stored: string): Promise<boolean> {
  const parsed = parsePinHash(stored);
  if (parsed === undefined) return false;
  const key = await derive(pin, parsed.salt, parsed.hash.length, parsed);
  try {
    return timingSafeEqual(key, parsed.hash);
  } finally {
    key.fill(0);
  }
}

/** A clerk's failed sign-ins in a row, and until when (epoch ms) they are locked out (0: not). */
export interface FailureState {
  readonly failures: number;
  readonly lockedUntil: number;
}

/**
 * Where the failures are kept. The terminal keeps them in its database (a restart must not hand
 * a guesser new tries) and audits the moment a lockout starts; tests may keep them in memory.
 */
export interface SignInFailureLedger {
  read(clerkId: string): FailureState | undefined;
  /** `lockoutStarted`: this failure is the one that locked the clerk out. */
  write(clerkId: string, state: FailureState, lockoutStarted: boolean): void;
  clear(clerkId: string): void;
}

export function inMemoryFailureLedger(): SignInFailureLedger {
  const states = new Map<string, FailureState>();
  return {
    read: (clerkId) => states.get(clerkId),
    write: (clerkId, state) => void states.set(clerkId, state),
    clear: (clerkId) => void states.delete(clerkId),
  };
}

const lockedOut = (clerkId: string) => hostError('CLERK_LOCKED_OUT', `clerk ${clerkId} is locked out after ${maxFailures} failed sign-ins`, { field: 'clerkId' }, true);

/**
 * The clerk list with the sign-in check and the per-clerk lockout. Sign-ins of one clerk run one
 * at a time: the lockout is read, the PIN hashed and the outcome recorded before the next attempt
 * starts, so a burst of guesses sent at once meets the lockout like guesses typed one by one —
 * and a right PIN that arrives during a lockout is refused like a wrong one.
 */
export class ClerkDirectory {
  readonly #byId: ReadonlyMap<string, ClerkEntry>;
  /** The tail of each clerk's queue of sign-in attempts; removed when it drains. */
  readonly #queues = new Map<string, Promise<unknown>>();
  /** A hash of nothing, so an unknown id costs the same time as a wrong PIN. */
  readonly #decoy: string;

  constructor(
    entries: readonly ClerkEntry[],
    private readonly now: () => number = Date.now,
    private readonly ledger: SignInFailureLedger = inMemoryFailureLedger(),
  ) {
    this.#byId = new Map(entries.map((e) => [e.id, e]));
    this.#decoy = entries[0]?.pinHash ?? '';
  }

  get clerks(): readonly ClerkRef[] {
    return [...this.#byId.values()].map(({ id, name }) => ({ id, name }));
  }

  /** Throws CLERK_LOCKED_OUT / CLERK_SIGN_IN_FAILED; wipes `pin` on every path. */
  verify(clerkId: string, pin: Uint8Array): Promise<ClerkRef> {
    const previous = this.#queues.get(clerkId) ?? Promise.resolve();
    const attempt = previous.then(
      () => this.#verifyAlone(clerkId, pin),
      () => this.#verifyAlone(clerkId, pin),
    );
    const tail = attempt.catch(() => undefined);
    this.#queues.set(clerkId, tail);
    void tail.then(() => {
      if (this.#queues.get(clerkId) === tail) this.#queues.delete(clerkId);
    });
    return attempt;
  }

  async #verifyAlone(clerkId: string, pin: Uint8Array): Promise<ClerkRef> {
    try {
      const entry = this.#byId.get(clerkId);
      if (entry !== undefined && this.#isLockedOut(clerkId, this.now())) throw lockedOut(clerkId);
      const isMatch = await matchesPinHash(pin, entry?.pinHash ?? this.#decoy);
      const at = this.now();
      if (entry === undefined) throw hostError('CLERK_SIGN_IN_FAILED', 'unknown clerk or wrong PIN', { field: 'pin' });
      if (!isMatch) {
        if (this.#recordFailure(clerkId, at)) throw lockedOut(clerkId);
        throw hostError('CLERK_SIGN_IN_FAILED', 'unknown clerk or wrong PIN', { field: 'pin' });
      }
      this.ledger.clear(clerkId);
      return { id: entry.id, name: entry.name };
    } finally {
      pin.fill(0);
    }
  }

  #isLockedOut(clerkId: string, at: number): boolean {
    return (this.ledger.read(clerkId)?.lockedUntil ?? 0) > at;
  }

  /** Records one more failure; true when the clerk is now locked out. */
  #recordFailure(clerkId: string, at: number): boolean {
    const previous = this.ledger.read(clerkId) ?? { failures: 0, lockedUntil: 0 };
    // After a lockout has run out, the count starts again.
    const base = previous.lockedUntil !== 0 && previous.lockedUntil <= at ? { failures: 0, lockedUntil: 0 } : previous;
    const failures = base.failures + 1;
    const lockoutStarted = failures >= maxFailures && base.lockedUntil <= at;
    const state = { failures, lockedUntil: failures >= maxFailures ? Math.max(base.lockedUntil, at + lockoutMs) : 0 };
    this.ledger.write(clerkId, state, lockoutStarted);
    return state.lockedUntil > at;
  }
}

const trainingClerksFileSchema = z.object({ training: z.literal(true), note: z.string().max(500).optional(), clerks: clerkListSchema }).strict();

/** resources/training/clerks.json (marked training; their PINs are in resources/training/README.md). */
export function loadTrainingClerks(trainingDir: string): ClerkEntry[] {
  const file = join(trainingDir, 'clerks.json');
  if (!existsSync(file)) return [];
  return trainingClerksFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).clerks;
}
