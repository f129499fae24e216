import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  applicantTypes,
  applicationStates,
  certificateKinds,
  procedures,
  sexCodes,
  type ApplicantType,
  type ApplicationState,
  type BasicInfo,
  type CertificateKind,
  type Procedure,
} from '../domain/vocabulary';
import { storeError, notFound } from './errors';
import { statement } from './statement-cache';
import { conditionIf, inList, whereClause } from './sql-where';
import { decodeRow, decodeRows, epochMsColumn, isoDateColumn, jsonColumn, sha256HexColumn } from './row-codec';

const receiptNumberRows = z.array(z.object({ id: z.string(), receipt_number: z.string().nullable() }));

export const basicInfoSchema = z
  .object({
    name: z.string().min(1).max(200),
    address: z.string().min(1).max(400),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    sex: z.enum(sexCodes),
  })
  .strict();

export interface ApplicationRecord {
  readonly id: string;
  readonly procedure: Procedure;
  readonly applicantType: ApplicantType;
  readonly documents: readonly string[];
  readonly clerkId: string;
  readonly cardSerial: string | null;
  readonly certificateKinds: readonly CertificateKind[];
  readonly state: ApplicationState;
  readonly feeYen: number;
  /** Purged (null) once the terminal has nothing more to do for the application (R-RET). */
  readonly basicInfo: BasicInfo | null;
  /** When the personal data was purged (R-RET), or null. */
  readonly personalDataPurgedAt: number | null;
  /** SHA-256 hex of the card key's SPKI per kind: how pick-up finds certificates. */
  readonly spkiSha256: Readonly<Record<CertificateKind, string | null>>;
  readonly expiry: Readonly<Record<CertificateKind, string | null>>;
  readonly errorCode: string | null;
  /**
   * What the resident's receipt says and a clerk searches by: `YYYYMMDD-NNN`, the day (JST) and
   * that day's sequence on this terminal; null for applications older than the number.
   */
  readonly receiptNumber: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type NewApplication = Omit<ApplicationRecord, 'createdAt' | 'updatedAt' | 'personalDataPurgedAt' | 'receiptNumber'> & {
  /** A number reserved for the visit earlier (`reserveReceiptNumber`, printed on its form); else the next one. */
  readonly receiptNumber?: string;
};

const jstOffsetMs = 9 * 60 * 60 * 1000;
const lastOfDay = z.object({ last: z.number().int().nullable() });

/** The receipt number's day part: the counter's calendar day in Japan, whatever the machine's zone. */
export function receiptDay(epochMs: number): string {
  return new Date(epochMs + jstOffsetMs).toISOString().slice(0, 10).replaceAll('-', '');
}

const receiptNumberSchema = z.string().regex(/^\d{8}-\d{3,}$/);

const newApplicationSchema = z.object({
  id: z.uuid(),
  procedure: z.enum(procedures),
  applicantType: z.enum(applicantTypes),
  documents: z.array(z.string().min(1).max(64)).max(20),
  clerkId: z.string().min(1).max(64),
  cardSerial: z.string().min(1).max(64).nullable(),
  certificateKinds: z.array(z.enum(certificateKinds)).max(2),
  state: z.enum(applicationStates),
  feeYen: z.number().int().nonnegative(),
  basicInfo: basicInfoSchema.nullable(),
  spkiSha256: z.object({ sign: sha256HexColumn.nullable(), auth: sha256HexColumn.nullable() }),
  expiry: z.object({ sign: isoDateColumn.nullable(), auth: isoDateColumn.nullable() }),
  errorCode: z.string().max(64).nullable(),
  receiptNumber: receiptNumberSchema.optional(),
});

const columns = {
  id: z.uuid(),
  procedure: z.enum(procedures),
  applicant_type: z.enum(applicantTypes),
  documents_json: jsonColumn(z.array(z.string())),
  clerk_id: z.string().min(1),
  card_serial: z.string().nullable(),
  certificate_kinds_json: jsonColumn(z.array(z.enum(certificateKinds))),
  state: z.enum(applicationStates),
  fee_yen: z.number().int().nonnegative(),
  basic_info_json: jsonColumn(basicInfoSchema).nullable(),
  spki_sha256_sign: sha256HexColumn.nullable(),
  spki_sha256_auth: sha256HexColumn.nullable(),
  expiry_sign: isoDateColumn.nullable(),
  expiry_auth: isoDateColumn.nullable(),
  error_code: z.string().nullable(),
  created_at: epochMsColumn,
  updated_at: epochMsColumn,
  personal_data_purged_at: epochMsColumn.nullable(),
  receipt_number: receiptNumberSchema.nullable(),
};

function toRecord(r: ReturnType<typeof decodeRow<typeof columns>>): ApplicationRecord {
  return {
    id: r.id,
    procedure: r.procedure,
    applicantType: r.applicant_type,
    documents: r.documents_json,
    clerkId: r.clerk_id,
    cardSerial: r.card_serial,
    certificateKinds: r.certificate_kinds_json,
    state: r.state,
    feeYen: r.fee_yen,
    basicInfo: r.basic_info_json,
    spkiSha256: { sign: r.spki_sha256_sign, auth: r.spki_sha256_auth },
    expiry: { sign: r.expiry_sign, auth: r.expiry_auth },
    errorCode: r.error_code,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    personalDataPurgedAt: r.personal_data_purged_at,
    receiptNumber: r.receipt_number,
  };
}

/** Fields a state change may set alongside the new state. */
export interface ApplicationPatch {
  readonly cardSerial?: string | null;
  readonly spkiSha256?: Partial<Record<CertificateKind, string | null>>;
  readonly expiry?: Partial<Record<CertificateKind, string | null>>;
  readonly errorCode?: string | null;
  readonly feeYen?: number;
}

/** What a clerk searches past applications by (one at a time). */
export type ApplicationQuery = { readonly receiptNumber: string } | { readonly cardSerial: string } | { readonly createdFrom: number; readonly createdBefore: number };

export class ApplicationsRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  insert(application: NewApplication): ApplicationRecord {
    const parsed = newApplicationSchema.safeParse(application);
    if (!parsed.success) throw storeError('STORE_INVALID_INPUT', `invalid application: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
    const a = parsed.data;
    const at = this.now();
    if (a.receiptNumber !== undefined) this.assertReservedAndFree(a.receiptNumber);
    const receiptNumber = a.receiptNumber ?? this.nextReceiptNumber(at);
    statement(this.db, 
        `INSERT INTO applications (id, procedure, applicant_type, documents_json, clerk_id, card_serial,
          certificate_kinds_json, state, fee_yen, basic_info_json, spki_sha256_sign, spki_sha256_auth,
          expiry_sign, expiry_auth, error_code, created_at, updated_at, receipt_number)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        a.id,
        a.procedure,
        a.applicantType,
        JSON.stringify(a.documents),
        a.clerkId,
        a.cardSerial,
        JSON.stringify(a.certificateKinds),
        a.state,
        a.feeYen,
        a.basicInfo === null ? null : JSON.stringify(a.basicInfo),
        a.spkiSha256.sign,
        a.spkiSha256.auth,
        a.expiry.sign,
        a.expiry.auth,
        a.errorCode,
        at,
        at,
        receiptNumber,
      );
    return this.get(a.id);
  }

  /**
   * The day's next number on this terminal. The one host owning the database is its only writer
   * and inserts inside a transaction; the unique index refuses a duplicate all the same.
   */
  private nextReceiptNumber(at: number): string {
    const day = receiptDay(at);
    const row = lastOfDay.parse(
      statement(
        this.db,
        `SELECT max(CAST(substr(receipt_number, 10) AS INTEGER)) AS last FROM
           (SELECT receipt_number FROM applications UNION ALL SELECT receipt_number FROM receipt_number_reservations)
         WHERE receipt_number LIKE ? || '-%'`,
      ).get(day),
    );
    const next = (row.last ?? 0) + 1;
    return `${day}-${String(next).padStart(3, '0')}`;
  }

  /**
   * A number for a visit whose application is filed later (its form is printed first). Kept so
   * that no other visit gets it, whether or not the application is then filed.
   */
  reserveReceiptNumber(): string {
    const at = this.now();
    const receiptNumber = this.nextReceiptNumber(at);
    statement(this.db, 'INSERT INTO receipt_number_reservations (receipt_number, reserved_at) VALUES (?, ?)').run(receiptNumber, at);
    return receiptNumber;
  }

  /** A number given with a new application is one this terminal reserved, and no application has it yet. */
  private assertReservedAndFree(receiptNumber: string): void {
    const reserved = statement(this.db, 'SELECT 1 FROM receipt_number_reservations WHERE receipt_number = ?').get(receiptNumber) !== undefined;
    if (!reserved) throw storeError('STORE_INVALID_INPUT', 'invalid application: receiptNumber was not reserved on this terminal');
    if (this.findByReceiptNumber(receiptNumber) !== null) throw storeError('STORE_INVALID_INPUT', 'invalid application: receiptNumber is already filed');
  }

  /** The application a receipt number names, or null. */
  findByReceiptNumber(receiptNumber: string): ApplicationRecord | null {
    const raw = statement(this.db, 'SELECT * FROM applications WHERE receipt_number = ?').get(receiptNumber);
    return raw === undefined ? null : toRecord(decodeRow('applications', raw, columns));
  }

  /**
   * The receipt number of each application asked for, read alone (a list of queue rows names
   * them without reading anyone's basic 4 information); an id not found is left out.
   */
  receiptNumbersOf(ids: readonly string[]): ReadonlyMap<string, string | null> {
    const rows = statement(this.db, 'SELECT id, receipt_number FROM applications WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...new Set(ids)]));
    return new Map(receiptNumberRows.parse(rows).map((r) => [r.id, r.receipt_number]));
  }

  /** Throws STORE_NOT_FOUND, or STORE_CORRUPT_ROW naming the bad column. */
  get(id: string): ApplicationRecord {
    const raw = statement(this.db, 'SELECT * FROM applications WHERE id = ?').get(id);
    if (raw === undefined) throw notFound('applications', id);
    return toRecord(decodeRow('applications', raw, columns));
  }

  /** `createdFrom` (inclusive) and `createdBefore` (exclusive) bound `created_at`, in ms since the epoch. */
  list(filter: { states?: readonly ApplicationState[]; cardSerial?: string; createdFrom?: number; createdBefore?: number } = {}) {
    const { where, params } = whereClause([
      inList('state', filter.states),
      conditionIf('card_serial = ?', filter.cardSerial),
      conditionIf('created_at >= ?', filter.createdFrom),
      conditionIf('created_at < ?', filter.createdBefore),
    ]);
    const sql = `SELECT * FROM applications ${where} ORDER BY created_at, id`;
    return decodeRows('applications', statement(this.db, sql).all(...params), columns, toRecord);
  }

  /**
   * A clerk's search of past applications, newest first: by receipt number, by card serial, or
   * created in [from, before) (epoch ms). At most `limit` rows; `more` says the search found more.
   */
  search(query: ApplicationQuery, limit: number): { rows: ApplicationRecord[]; more: boolean } {
    const [where, params] =
      'receiptNumber' in query ? ['receipt_number = ?', [query.receiptNumber]] : 'cardSerial' in query ? ['card_serial = ?', [query.cardSerial]] : ['created_at >= ? AND created_at < ?', [query.createdFrom, query.createdBefore]];
    const raws = statement(this.db, `SELECT * FROM applications WHERE ${where} ORDER BY created_at DESC, id LIMIT ?`).all(...params, limit + 1);
    const { rows } = decodeRows('applications', raws.slice(0, limit), columns, toRecord);
    return { rows, more: raws.length > limit };
  }

  /** Low-level write used by the unit of work; callers go through `recordTransition`. */
  writeState(id: string, state: ApplicationState, patch: ApplicationPatch = {}): void {
    const sets = ['state = ?', 'updated_at = ?'];
    const params: (string | number | null)[] = [state, this.now()];
    const add = (column: string, value: string | number | null | undefined) => {
      if (value === undefined) return;
      sets.push(`${column} = ?`);
      params.push(value);
    };
    add('card_serial', patch.cardSerial);
    add('spki_sha256_sign', patch.spkiSha256?.sign);
    add('spki_sha256_auth', patch.spkiSha256?.auth);
    add('expiry_sign', patch.expiry?.sign);
    add('expiry_auth', patch.expiry?.auth);
    add('error_code', patch.errorCode);
    add('fee_yen', patch.feeYen);
    const result = statement(this.db, `UPDATE applications SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
    if (result.changes !== 1) throw notFound('applications', id);
  }

  /** Reads only the state column, so a corrupt personal-data column cannot stop the queue. */
  stateOf(id: string): ApplicationState {
    const raw = statement(this.db, 'SELECT id, state FROM applications WHERE id = ?').get(id);
    if (raw === undefined) throw notFound('applications', id);
    return decodeRow('applications', raw, { id: z.string(), state: z.enum(applicationStates) }).state;
  }
}
