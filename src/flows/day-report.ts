import { z } from 'zod';
import { buildDayReport, jstDayBounds, type DayReport } from '../domain/day-report';
import type { Store } from '../store/unit-of-work';
import { applicantTypes, procedures } from '../domain/vocabulary';

const refusalDetails = z.object({ refusals: z.array(z.string().max(64)).max(20) });
const earlyRefusalDetails = z.object({ procedure: z.enum(procedures), applicantType: z.enum(applicantTypes), reasons: z.array(z.string().max(64)).max(20) });

/** The refusal codes the audit log recorded when the application was rejected. */
function refusalsOf(store: Store, applicationId: string): string[] {
  const entry = store.audit.list({ subject: applicationId }).rows.find((e) => e.action === 'application.rejected');
  const parsed = refusalDetails.safeParse(entry?.details);
  return parsed.success ? parsed.data.refusals : [];
}

/** The receipt number of an application, read once per application. */
function receiptNumbers(store: Store): (applicationId: string) => string | null {
  const known = new Map<string, string | null>();
  return (applicationId) => {
    if (!known.has(applicationId)) known.set(applicationId, store.applications.get(applicationId).receiptNumber);
    return known.get(applicationId) ?? null;
  };
}

/**
 * Reads only the day's applications, with the refusal reasons from the audit log; the CA
 * requests are all read, as open ones count whatever their day.
 */
export function dayReportFromStore(store: Store, isoDate: string): DayReport {
  const bounds = jstDayBounds(isoDate);
  const applications = store.applications
    .list({ createdFrom: bounds.from, createdBefore: bounds.before })
    .rows.map((a) => ({ ...a, refusals: a.state === 'rejected' ? refusalsOf(store, a.id) : [] }));
  // An open request may belong to an earlier day's application: its receipt number is looked up.
  const receiptOf = receiptNumbers(store);
  const requests = store.outbox.list().rows.map((r) => ({
    kind: r.kind,
    certificateKind: r.certificateKind,
    state: r.state,
    doneAt: r.doneAt,
    acknowledged: r.acknowledgedAt !== null,
    receiptNumber: r.state === 'done' ? null : receiptOf(r.applicationId),
  }));
  // Refusals decided before the passwords file no application: the audit log is their record.
  const earlyRefusals = store.audit.listByAction('application.refusedBeforePasswords', bounds.from, bounds.before).rows.flatMap((entry) => {
    const parsed = earlyRefusalDetails.safeParse(entry.details);
    return parsed.success ? [{ ...parsed.data, clerkId: entry.actor, at: entry.at }] : [];
  });
  return buildDayReport(isoDate, applications, requests, earlyRefusals);
}
