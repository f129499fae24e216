import type { Database } from 'better-sqlite3';
import { allowedEvents, transition, type ApplicationEvent } from '../domain/application-state-machine';
import type { ApplicationState } from '../domain/vocabulary';
import { ApplicationsRepo, type ApplicationPatch, type ApplicationRecord, type NewApplication } from './applications-repo';
import { AuditLog, type AuditAnchor, type AuditEntryInput } from './audit-log';
import { storeError, stateConflict, asStoreFileError } from './errors';
import { statement } from './statement-cache';
import { purgePersonalData } from './personal-data-purge';
import { SignInFailuresRepo } from './sign-in-failures-repo';
import { OutboxRepo, type IssuedCertificate, type NewOutboxRow, type NewRevocationRow } from './outbox-repo';

interface TransitionCommon {
  readonly applicationId: string;
  readonly patch?: ApplicationPatch;
  readonly outbox?: readonly NewOutboxRow[];
  /** Revocations owed to the CA, queued with the change that causes them. */
  readonly revocations?: readonly NewRevocationRow[];
  readonly audit: AuditEntryInput;
}

/**
 * Either an event applied with the domain state machine, or the explicit `from → to` a caller
 * saw; both are checked against the transition table, and anything illegal writes nothing.
 */
export type TransitionInput = TransitionCommon &
  (
    | {
        readonly event: ApplicationEvent;
        /** The state(s) the caller saw; anything else is a conflict (stale screen, other process). */
        readonly expectedState?: ApplicationState | readonly ApplicationState[];
      }
    | { readonly from: ApplicationState | readonly ApplicationState[]; readonly to: ApplicationState }
  );

function listOf(states: ApplicationState | readonly ApplicationState[]): readonly ApplicationState[] {
  return typeof states === 'string' ? [states] : states;
}

function resolveEvent(applicationId: string, actual: ApplicationState, input: TransitionInput): ApplicationEvent {
  const expected = 'event' in input ? input.expectedState : input.from;
  if (expected !== undefined && !listOf(expected).includes(actual)) throw stateConflict('applications', applicationId, actual, listOf(expected));
  if ('event' in input) return input.event;
  const event = allowedEvents(actual).find((e) => transition(actual, e) === input.to);
  if (event === undefined) throw storeError('STORE_ILLEGAL_TRANSITION', `application ${applicationId} cannot go from '${actual}' to '${input.to}'`);
  return event;
}

/**
 * The repositories over one database, plus the operations that must be atomic: a state change,
 * the CA requests it causes and its audit entry commit together or not at all (docs/design.md §5).
 */
export class Store {
  readonly applications: ApplicationsRepo;
  readonly outbox: OutboxRepo;
  readonly audit: AuditLog;
  readonly signInFailures: SignInFailuresRepo;

  /** `auditAnchor`: the host's keyed signer and checkpoint; without one the log is kept by nobody (tests, tools). */
  constructor(
    readonly db: Database,
    readonly now: () => number = Date.now,
    auditAnchor?: AuditAnchor,
  ) {
    this.applications = new ApplicationsRepo(db, now);
    this.outbox = new OutboxRepo(db, now);
    this.audit = new AuditLog(db, now, auditAnchor);
    this.signInFailures = new SignInFailuresRepo(db, now);
  }

  /**
   * Runs `work` in one IMMEDIATE transaction (the write lock is taken up front, no upgrade
   * deadlock); the audit log records its new head outside SQLite around the COMMIT.
   */
  unitOfWork<T>(work: () => T): T {
    try {
      return this.audit.transaction(work);
    } catch (error) {
      // Rolled back: nothing of this unit was written, everything before it is kept.
      throw asStoreFileError(error, this.db.name);
    }
  }

  recordNewApplication(application: NewApplication, audit: AuditEntryInput, outbox: readonly NewOutboxRow[] = []): ApplicationRecord {
    return this.unitOfWork(() => {
      this.applications.insert(application);
      for (const row of outbox) this.outbox.insert(application.id, row);
      this.audit.append({ ...audit, subject: audit.subject ?? application.id });
      return this.applications.get(application.id);
    });
  }

  /** Returns the new state. */
  recordTransition(input: TransitionInput): ApplicationState {
    return this.unitOfWork(() => {
      const actual = this.applications.stateOf(input.applicationId);
      const event = resolveEvent(input.applicationId, actual, input);
      const next = transition(actual, event);
      this.applications.writeState(input.applicationId, next, input.patch);
      for (const row of input.outbox ?? []) this.outbox.insert(input.applicationId, row);
      for (const row of input.revocations ?? []) this.outbox.insertRevocation(input.applicationId, row);
      this.audit.append({
        ...input.audit,
        subject: input.audit.subject ?? input.applicationId,
        details: { ...input.audit.details, event, from: actual, to: next },
      });
      return next;
    });
  }

  /**
   * Marks a row done with its certificate; when it was the application's last undelivered row
   * and the application is `queued`, the application becomes `issued` in the same transaction.
   */
  completeOutboxRow(outboxId: string, issued: IssuedCertificate): { applicationIssued: boolean } {
    return this.unitOfWork(() => {
      const row = this.outbox.get(outboxId);
      if (row.kind !== 'enroll') throw storeError('STORE_INVALID_INPUT', `outbox row ${outboxId} is a ${row.kind} request, not a CSR`);
      this.outbox.writeDone(outboxId, issued);
      // Revocations queued with a renewal do not hold back its certificates.
      const remaining = statement(this.db, "SELECT COUNT(*) AS n FROM outbox WHERE application_id = ? AND kind = 'enroll' AND state <> 'done'")
        .pluck()
        .get(row.applicationId);
      const current = this.applications.stateOf(row.applicationId);
      // A late answer for an application that moved on (e.g. failed) is kept, but moves nothing.
      const applicationIssued = remaining === 0 && current === 'queued';
      const next = applicationIssued ? transition(current, 'caIssued') : current;
      this.applications.writeState(row.applicationId, next, { expiry: { [row.certificateKind]: issued.notAfter.slice(0, 10) } });
      this.audit.append({
        actor: 'sync',
        action: 'outbox.done',
        subject: outboxId,
        details: { applicationId: row.applicationId, kind: row.certificateKind, serial: issued.certificateSerial, applicationIssued },
      });
      return { applicationIssued };
    });
  }

  /**
   * The CA confirmed a revocation row. A revocation application (R-PROC-4) whose every report
   * is now confirmed is completed in the same transaction.
   */
  completeRevocationRow(outboxId: string): { applicationCompleted: boolean } {
    return this.unitOfWork(() => {
      const row = this.outbox.get(outboxId);
      if (row.kind !== 'revoke') throw storeError('STORE_INVALID_INPUT', `outbox row ${outboxId} is not a revocation`);
      this.outbox.writeRevoked(outboxId);
      this.audit.append({ actor: 'sync', action: 'outbox.revoked', subject: outboxId, details: { applicationId: row.applicationId, kind: row.certificateKind, serial: row.revocation?.serial ?? null } });
      const application = this.applications.get(row.applicationId);
      const remaining = statement(this.db, "SELECT COUNT(*) AS n FROM outbox WHERE application_id = ? AND state <> 'done'").pluck().get(row.applicationId);
      const applicationCompleted = application.procedure === 'revoke' && application.state === 'card_prepared' && remaining === 0;
      if (applicationCompleted) {
        const serials = this.outbox.list({ applicationId: row.applicationId }).rows.flatMap((r) => (r.revocation === null ? [] : [r.revocation.serial]));
        this.recordTransition({ applicationId: row.applicationId, from: 'card_prepared', to: 'completed', audit: { actor: 'sync', action: 'revocation.reported', details: { serials } } });
      }
      return { applicationCompleted };
    });
  }

  /** The clerk's manual retry of a failed row. */
  retryOutboxRow(outboxId: string, actor: string): void {
    this.unitOfWork(() => {
      const before = this.outbox.get(outboxId);
      this.outbox.requeue(outboxId);
      this.audit.append({ actor, action: 'outbox.retry', subject: outboxId, details: { previousState: before.state, lastErrorCode: before.lastErrorCode } });
    });
  }

  /** A request refused for good needs nothing more: recorded with who decided it. */
  acknowledgeOutboxRow(outboxId: string, actor: string): void {
    this.unitOfWork(() => {
      const before = this.outbox.get(outboxId);
      this.outbox.acknowledge(outboxId, actor);
      this.audit.append({ actor, action: 'outbox.acknowledged', subject: outboxId, details: { kind: before.kind, lastErrorCode: before.lastErrorCode, attempts: before.attempts } });
    });
  }

  /**
   * Purges the personal data of every application the terminal has nothing more to do for,
   * after its retention (docs/rules.md R-RET). Returns the purged ids; idempotent.
   */
  purgePersonalData(actor = 'system'): string[] {
    return purgePersonalData(this.db, this.audit, this.now, { actor });
  }
}
