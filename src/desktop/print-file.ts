/**
 * Where a printed document's PDF copy is kept, and for how long. The copy lets a clerk
 * reprint a receipt or a proxy's letter the same way it first printed. Its name holds no personal
 * data — the document kind, the time and the application id (a random UUID) or, for an
 * application form, its receipt number only — and the
 * document itself never holds a password (receipts are built without them). Copies hold the
 * applicant's name and address, so they are kept only `printRetentionDays` and then deleted.
 */
import { join } from 'node:path';
import { printKeySchema, type PrintDocument, type PrintOutcome } from '../api/contract';

export { printDocuments, type PrintDocument } from '../api/contract';

/** What a shell that prints by itself offers the host's `print.document` handler. */
export interface DocumentPrinter {
  print(request: { readonly document: PrintDocument; readonly applicationId: string; readonly reprint: boolean }): Promise<PrintOutcome>;
}

/** Days a PDF copy is kept for a reprint before it is deleted (docs: Electron shell, printing). */
export const printRetentionDays = 7;
const dayMs = 86_400_000;

/** Sub-directory of the data directory (owner-only, like the directory itself). */
export const printsDirName = 'prints';

export function printsDir(dataDir: string): string {
  return join(dataDir, printsDirName);
}

const applicationIdSchema = printKeySchema;

function stamp(at: Date): string {
  // 2026-11-28T10-20-00Z: sortable, and no ':' (not allowed in Windows file names).
  return at.toISOString().slice(0, 19).replace(/:/g, '-') + 'Z';
}

/** `<UTC time>-<document>-<application id or receipt number>.pdf`; throws for any other id. */
export function printFileName(document: PrintDocument, applicationId: string, at: Date): string {
  const id = applicationIdSchema.parse(applicationId).toLowerCase();
  return `${stamp(at)}-${document}-${id}.pdf`;
}

const namePattern = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z-(receipt|inquiry-letter|application-form)-([0-9a-f-]{36}|\d{8}-\d{3,})\.pdf$/;

export interface PrintFileInfo {
  readonly at: number;
  readonly document: PrintDocument;
  readonly applicationId: string;
}

/** The parts of a name `printFileName` made; undefined for any other file. */
export function parsePrintFileName(name: string): PrintFileInfo | undefined {
  const match = namePattern.exec(name);
  if (match === null) return undefined;
  const [, date, hh, mm, ss, document, applicationId] = match;
  const at = Date.parse(`${date}T${hh}:${mm}:${ss}Z`);
  if (Number.isNaN(at) || applicationId === undefined || !applicationIdSchema.safeParse(applicationId).success) return undefined;
  return { at, document: document as PrintDocument, applicationId };
}

/** The newest kept copy of a document for an application (what a reprint prints), if any. */
export function latestCopy(names: readonly string[], document: PrintDocument, applicationId: string): string | undefined {
  const id = applicationId.toLowerCase();
  let best: { name: string; at: number } | undefined;
  for (const name of names) {
    const info = parsePrintFileName(name);
    if (info === undefined || info.document !== document || info.applicationId !== id) continue;
    if (best === undefined || info.at > best.at) best = { name, at: info.at };
  }
  return best?.name;
}

/** Copies older than the retention period (by the time in their name); other files are not touched. */
export function expiredCopies(names: readonly string[], nowMs: number, retentionDays: number = printRetentionDays): string[] {
  return names.filter((name) => {
    const info = parsePrintFileName(name);
    return info !== undefined && nowMs - info.at > retentionDays * dayMs;
  });
}

export type PrintResultKind = 'printed' | 'cancelled' | 'failed';

/** `webContents.print`'s callback: the clerk cancelling the dialog is not a failure. */
export function printResultKind(success: boolean, failureReason: string | undefined): PrintResultKind {
  if (success) return 'printed';
  return failureReason !== undefined && /cancel/i.test(failureReason) ? 'cancelled' : 'failed';
}
