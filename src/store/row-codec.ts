import { z } from 'zod';
import { isStoreError, corruptRow, type StoreError } from './errors';

/** A column whose TEXT holds JSON that must match `schema`. */
export function jsonColumn<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>, string> {
  return z.string().transform((text, ctx) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'invalid JSON value' });
      return z.NEVER;
    }
    return parsed.data;
  });
}

export const blobColumn = z.instanceof(Uint8Array).transform((b) => new Uint8Array(b));
export const nullableBlobColumn = blobColumn.nullable();
export const epochMsColumn = z.number().int().nonnegative();
export const sha256HexColumn = z.string().regex(/^[0-9a-f]{64}$/);
export const isoDateColumn = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

type ColumnSpec = Record<string, z.ZodType>;
type Decoded<S extends ColumnSpec> = { [K in keyof S]: z.output<S[K]> };

/**
 * Validates a raw row column by column so a failure names the column; the caller decides
 * whether to report and skip (lists) or throw (single reads).
 */
export function decodeRow<S extends ColumnSpec>(table: string, raw: unknown, spec: S): Decoded<S> {
  const record: Record<string, unknown> = typeof raw === 'object' && raw !== null ? { ...raw } : {};
  const id = typeof record['id'] === 'string' ? record['id'] : typeof record['seq'] === 'number' ? String(record['seq']) : '?';
  const out: Record<string, unknown> = {};
  for (const [column, schema] of Object.entries(spec)) {
    const parsed = schema.safeParse(record[column]);
    if (!parsed.success) throw corruptRow(table, id, column, parsed.error.issues[0]?.message ?? 'invalid');
    out[column] = parsed.data;
  }
  // The spec's keys and schemas produced `out`, so it has the decoded shape.
  return out as Decoded<S>;
}

/** Decodes every row, keeping the good ones and reporting the corrupt ones. */
export function decodeRows<S extends ColumnSpec, T>(
  table: string,
  raws: readonly unknown[],
  spec: S,
  map: (row: Decoded<S>) => T,
): { rows: T[]; corrupt: StoreError[] } {
  const rows: T[] = [];
  const corrupt: StoreError[] = [];
  for (const raw of raws) {
    try {
      rows.push(map(decodeRow(table, raw, spec)));
    } catch (error) {
      if (isStoreError(error, 'STORE_CORRUPT_ROW')) corrupt.push(error);
      else throw error;
    }
  }
  return { rows, corrupt };
}
