/**
 * The bytes of one audit entry and their strict reading. An entry is verified from the exact
 * text stored, never from a re-serialisation of what a lenient parser made of it.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

export type AuditValue = string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue };
export type AuditDetails = { readonly [key: string]: AuditValue };

export const genesisHash = '0'.repeat(64);

/** The last entry of the chain (seq 0 and the genesis hash for an empty log). */
export interface AuditHead {
  readonly seq: number;
  readonly mac: string;
}

/**
 * Computes an entry's MAC. Opaque on purpose: the store is handed one by the host and never
 * sees the key (an attacker with the database alone cannot forge or re-chain entries).
 */
export interface AuditSigner {
  mac(prevMac: string, entryBytes: Uint8Array): string;
}

/** Domain tag, so a chain MAC can never be taken for any other MAC made with the same key. */
const chainTag = Buffer.from('madoguchi-audit-chain-v1\0', 'ascii');

/** HMAC-SHA-256 over the tag, the previous MAC (32 raw bytes, fixed length) and the entry's bytes. */
export function hmacAuditSigner(key: Uint8Array): AuditSigner {
  if (key.length < 32) throw new RangeError('an audit key has at least 32 bytes');
  const secret = Buffer.from(key);
  return {
    mac(prevMac, entryBytes) {
      if (!/^[0-9a-f]{64}$/.test(prevMac)) throw new RangeError('a previous MAC is 64 lower-case hex digits');
      return createHmac('sha256', secret).update(chainTag).update(Buffer.from(prevMac, 'hex')).update(entryBytes).digest('hex');
    },
  };
}

/** A signer with a key nobody keeps: for tests and tools whose log is thrown away with them. */
export function ephemeralAuditSigner(): AuditSigner {
  return hmacAuditSigner(randomBytes(32));
}

/** JSON with sorted object keys, so the same entry always has the same bytes. */
export function canonicalJson(value: AuditValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v: AuditValue) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const auditValueSchema: z.ZodType<AuditValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(auditValueSchema), z.record(z.string(), auditValueSchema)]),
);
export const auditDetailsSchema = z.record(z.string(), auditValueSchema);

/**
 * Parses stored JSON and accepts it only when it is exactly the canonical encoding of what it
 * parsed to. That one comparison rejects everything a lenient reader would quietly resolve: a
 * duplicate key (JSON.parse keeps the last, another reader the first), unsorted keys,
 * whitespace, alternative escapes or number spellings.
 */
export function parseCanonicalJson(text: string): { ok: true; value: AuditValue } | { ok: false } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  const parsed = auditValueSchema.safeParse(value);
  if (!parsed.success || canonicalJson(parsed.data) !== text) return { ok: false };
  return { ok: true, value: parsed.data };
}

export interface KeyedEntryFields {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subject: string | null;
  readonly details: AuditDetails;
}

const keyedEntrySchema = z
  .object({
    v: z.literal(1),
    seq: z.number().int().positive(),
    at: z.number().int().nonnegative(),
    actor: z.string(),
    action: z.string(),
    subject: z.string().nullable(),
    details: auditDetailsSchema,
  })
  .strict();

/** The exact text a keyed entry stores and its MAC covers. */
export function keyedEntryText(fields: KeyedEntryFields): string {
  return canonicalJson({ v: 1, seq: fields.seq, at: fields.at, actor: fields.actor, action: fields.action, subject: fields.subject, details: fields.details });
}

export function parseKeyedEntry(text: string): KeyedEntryFields | undefined {
  const json = parseCanonicalJson(text);
  if (!json.ok) return undefined;
  const entry = keyedEntrySchema.safeParse(json.value);
  return entry.success ? entry.data : undefined;
}

/** The hash of an entry written before the chain was keyed (migration 003): plain SHA-256. */
export function legacyAuditHash(fields: KeyedEntryFields & { readonly prevHash: string }): string {
  const canonical = canonicalJson([fields.seq, fields.at, fields.actor, fields.action, fields.subject, fields.details, fields.prevHash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
