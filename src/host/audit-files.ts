/**
 * The audit log's anchors outside SQLite, in the data directory (docs/design.md §5):
 * - `audit.key` (0600): two independent 32-byte keys, made once at initialisation. Its
 *   existence marks the terminal as initialised. Only this module reads it; the store gets an
 *   opaque signer.
 * - `audit-checkpoint.json`: the head of the chain, signed, replaced atomically after each
 *   committed unit of work.
 *
 * The checkpoint is signed with HMAC-SHA-256 under its own key rather than Ed25519: the only
 * verifier is this terminal, which must hold the signing key to write checkpoints at all, so a
 * public key kept beside it would protect nothing an attacker with the directory could not
 * replace; the anchor beyond this machine is the head recorded at the CA on each sync. The key
 * is separate from the chain's so each key has one job and no checkpoint signature can ever be
 * presented as an entry MAC or the reverse.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson, hmacAuditSigner, type AuditHead, type AuditSigner } from '../store/audit-entry';
import type { AuditCheckpointSink } from '../store/audit-log';
import type { AuditCheckpoint } from '../store/audit-verify';
import { storeError } from '../store/errors';
import { createFileAtomic, writeFileAtomic } from './atomic-file';

export const auditKeyFileName = 'audit.key';
export const auditCheckpointFileName = 'audit-checkpoint.json';

export interface AuditFiles {
  readonly key: string;
  readonly checkpoint: string;
}

export function auditFiles(dir: string): AuditFiles {
  return { key: join(dir, auditKeyFileName), checkpoint: join(dir, auditCheckpointFileName) };
}

/** What the keys can do; the key bytes stay in these closures. */
export interface AuditKeys {
  readonly chain: AuditSigner;
  signCheckpoint(text: string): string;
}

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);
const keyFileSchema = z.object({ v: z.literal(1), chain: hex32, checkpoint: hex32 }).strict();
const checkpointTag = 'madoguchi-audit-checkpoint-v1\0';

function keysFrom(chain: Buffer, checkpoint: Buffer): AuditKeys {
  return {
    chain: hmacAuditSigner(chain),
    signCheckpoint: (text) => createHmac('sha256', checkpoint).update(checkpointTag, 'utf8').update(text, 'utf8').digest('hex'),
  };
}

/** undefined when the terminal was never initialised; a key file that is there but unreadable is an error. */
export function loadAuditKeys(files: AuditFiles): AuditKeys | undefined {
  if (!existsSync(files.key)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(files.key, 'utf8'));
  } catch {
    throw storeError('STORE_AUDIT_KEY_MISSING', `${files.key} cannot be read`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw storeError('STORE_AUDIT_KEY_MISSING', `${files.key} is not an audit key file`);
  return keysFrom(Buffer.from(parsed.data.chain, 'hex'), Buffer.from(parsed.data.checkpoint, 'hex'));
}

/** New keys, not yet on disk: the caller writes the first checkpoint, then `saveAuditKeys`. */
export function newAuditKeys(): { keys: AuditKeys; save: (files: AuditFiles) => void } {
  const chain = randomBytes(32);
  const checkpoint = randomBytes(32);
  return {
    keys: keysFrom(chain, checkpoint),
    save(files) {
      // Exclusive: two processes initialising at once cannot both win.
      createFileAtomic(files.key, `${JSON.stringify({ v: 1, chain: chain.toString('hex'), checkpoint: checkpoint.toString('hex') })}\n`);
    },
  };
}

const headSchema = z.object({ seq: z.number().int().nonnegative(), mac: hex32, count: z.number().int().nonnegative() }).strict();
const checkpointFileSchema = z
  .object({
    v: z.literal(1),
    keyedFrom: z.number().int().positive(),
    head: headSchema,
    pending: headSchema.nullable(),
    at: z.number().int().nonnegative(),
    sig: hex32,
  })
  .strict();

function headJson(head: AuditHead) {
  // Sequence numbers start at 1 without gaps, so the count is the head's seq; both are kept
  // because a reader should not have to know that to check one against the other.
  return { seq: head.seq, mac: head.mac, count: head.seq };
}

export type CheckpointRead = { readonly kind: 'missing' } | { readonly kind: 'invalid' } | { readonly kind: 'ok'; readonly checkpoint: AuditCheckpoint };

export function readAuditCheckpoint(files: AuditFiles, keys: AuditKeys): CheckpointRead {
  let text: string;
  try {
    text = readFileSync(files.checkpoint, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'invalid' };
  }
  const parsed = checkpointFileSchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid' };
  const { sig, ...body } = parsed.data;
  const expected = Buffer.from(keys.signCheckpoint(canonicalJson(body)), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return { kind: 'invalid' };
  if (body.head.count !== body.head.seq || (body.pending !== null && (body.pending.count !== body.pending.seq || body.pending.seq <= body.head.seq))) return { kind: 'invalid' };
  const head = (h: z.infer<typeof headSchema>): AuditHead => ({ seq: h.seq, mac: h.mac });
  return { kind: 'ok', checkpoint: { keyedFrom: body.keyedFrom, head: head(body.head), pending: body.pending === null ? null : head(body.pending) } };
}

export function writeAuditCheckpoint(files: AuditFiles, keys: AuditKeys, checkpoint: AuditCheckpoint, now: number): void {
  const body = { v: 1, keyedFrom: checkpoint.keyedFrom, head: headJson(checkpoint.head), pending: checkpoint.pending === null ? null : headJson(checkpoint.pending), at: now };
  const signed = { ...body, sig: keys.signCheckpoint(canonicalJson(body)) };
  writeFileAtomic(files.checkpoint, `${JSON.stringify(signed)}\n`);
}

/** A valid checkpoint, or the error that says why there is none. */
export function requireAuditCheckpoint(files: AuditFiles, keys: AuditKeys): AuditCheckpoint {
  const read = readAuditCheckpoint(files, keys);
  if (read.kind === 'ok') return read.checkpoint;
  throw storeError('STORE_AUDIT_TAMPERED', read.kind === 'missing' ? `${files.checkpoint} is missing` : `${files.checkpoint} is not a valid signed checkpoint`);
}

const sameHead = (a: AuditHead, b: AuditHead | null): boolean => b !== null && a.seq === b.seq && a.mac === b.mac;

/** The store's checkpoint sink over the files; every call re-reads the file, so several processes stay consistent. */
export function fileCheckpointSink(files: AuditFiles, keys: AuditKeys, now: () => number = Date.now): AuditCheckpointSink {
  const write = (checkpoint: AuditCheckpoint): void => {
    try {
      writeAuditCheckpoint(files, keys, checkpoint, now());
    } catch (error) {
      throw storeError('STORE_AUDIT_CHECKPOINT_FAILED', `cannot write ${files.checkpoint}: ${error instanceof Error ? error.message : 'write failed'}`);
    }
  };
  return {
    prepare(base, next) {
      const current = requireAuditCheckpoint(files, keys);
      // Appending on top of a head the checkpoint does not know would launder the change.
      if (!sameHead(base, current.head) && !sameHead(base, current.pending)) {
        throw storeError('STORE_AUDIT_TAMPERED', `the audit log's head (entry ${base.seq}) is not the checkpointed one (entry ${current.head.seq})`);
      }
      write({ keyedFrom: current.keyedFrom, head: base, pending: next });
    },
    committed(head) {
      const current = requireAuditCheckpoint(files, keys);
      write({ keyedFrom: current.keyedFrom, head, pending: null });
    },
  };
}
