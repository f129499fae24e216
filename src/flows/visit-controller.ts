/**
 * The authoritative visit (docs/design.md §3): the host holds the state, the card session and, for
 * the moment of a card command, the secrets. It applies the pure reducer, tells listeners, and
 * performs the effects the reducer cannot: reading the card, verifying the card-info PIN,
 * running the procedure, and the two timers. Secrets never enter the state, a log or an error.
 */
import type { CardModel } from '../card/card-model';
import { isCardError } from '../card/errors';
import { toApiError, hostError } from '../api/errors';
import { isApplicantStep, type ClerkRef, type HostEvent, type VisitCommand, type VisitState } from '../api/visit';
import { initialVisitState, reduceVisit } from '../api/visit-reducer';
import { isIssuanceError } from '../issuance/errors';
import { isCardReadyPassword, wipe, wipeAll, type Secrets } from '../issuance/secrets';
import { refreshPins } from './card-summary';
import { CardQueue } from './card-queue';
import type { Host, SyncControl } from '../host/host-types';
import { applicationRequestFor, type WorkingState } from './visit-request';
import { OneShot } from './visit-timers';
import { ReadersWithCard } from './card-presence';
import type { AuditEntryInput } from '../store/audit-log';
import { FlowMachine } from './flow-machine';
import { VisitCardSession } from './visit-card-session';
import { earlyRefusalEntry, formTickEntry } from './visit-audit';
import { checkChange, checkNewPasswords } from './visit-secret-checks';

/**
 * A card command waits this long for the one before it (the read after a visit, mostly) before
 * it is refused as VISIT_BUSY: a clerk's quick click waits for the read instead of failing.
 */
const cardLockWaitMs = 30_000;
const refusalCodes: ReadonlySet<string> = new Set(['ISSUE_NOT_ELIGIBLE', 'ISSUE_MISSING_DOCUMENTS']);

export type VisitHost = Pick<Host, 'terminal' | 'timeouts' | 'store' | 'readers' | 'verifyClerk' | 'openCard' | 'runProcedure' | 'caRecords'> & {
  /** Whether the CA answers decides if new keys may be made without a warning first. */
  readonly sync: Pick<SyncControl, 'status'>;
};

/** The CA answered the last contact: reachable, and not refusing this terminal. Unknown counts as not. */
function isCaAnswering(sync: Pick<SyncControl, 'status'>): boolean {
  const status = sync.status();
  return status.caReachable === true && status.terminalError === null;
}

function isWrongPin(error: unknown): boolean {
  return isCardError(error, 'CARD_WRONG_PIN') || isCardError(error, 'CARD_PIN_BLOCKED');
}

export class VisitController {
  readonly #machine: FlowMachine<VisitState, VisitCommand | HostEvent> = new FlowMachine<VisitState, VisitCommand | HostEvent>({
    initial: initialVisitState,
    reduce: (before, event) => {
      const after = reduceVisit(before, event, {
        now: this.now(),
        applicantIdleMs: this.host.timeouts.applicantIdleMs,
        caAnswering: isCaAnswering(this.host.sync),
        municipalityCode: this.host.terminal.municipalityCode,
        receiptNumberFor: (continuesApplicationId) => this.#receiptNumberFor(continuesApplicationId),
      });
      // Recorded before it counts: a tick the audit log cannot hold is not taken.
      const tick = formTickEntry(before, after);
      if (tick !== null) this.host.store.audit.append(tick);
      return after;
    },
    wrongStepCode: 'VISIT_WRONG_STEP',
    afterTransition: (before, after) => this.#afterTransition(before, after),
  });
  readonly #card: VisitCardSession;
  /** Secrets on their way to the card right now; wiped on every exit from the visit. */
  readonly #inFlight = new Set<Uint8Array>();
  readonly #cardQueue = new CardQueue(cardLockWaitMs);
  #isClosed = false;
  #work: Promise<void> | undefined;
  readonly #withCard: ReadersWithCard;
  /** The reader of the card the visit was last about. */
  #visitReader: string | undefined;
  readonly #applicantTimer = new OneShot();
  readonly #clerkTimer = new OneShot();
  readonly #unsubscribe: () => void;

  constructor(
    private readonly host: VisitHost,
    private readonly now: () => number = Date.now,
  ) {
    this.#card = new VisitCardSession(host, this.#cardQueue, now);
    this.#withCard = new ReadersWithCard(host.readers.list());
    this.#unsubscribe = host.readers.onChange((readers) => {
      for (const event of this.#withCard.update(readers)) this.#safely(event);
    });
  }

  get state(): VisitState {
    return this.#machine.state;
  }

  get clerk(): ClerkRef | null {
    return this.#machine.state.step === 'signedOut' ? null : this.#machine.state.clerk;
  }

  onState(listener: (state: VisitState) => void): () => void {
    return this.#machine.onState(listener);
  }

  /** Clerk activity: every call a signed-in clerk makes restarts the inactivity clock. */
  touch(): void {
    if (this.#machine.state.step === 'signedOut') return;
    this.#clerkTimer.arm(this.host.timeouts.clerkIdleMs, () => this.#clerkIdle());
  }

  async signIn(clerkId: string, pin: Uint8Array): Promise<VisitState> {
    try {
      if (this.#machine.state.step !== 'signedOut') throw hostError('VISIT_WRONG_STEP', 'a clerk is already signed in', { step: this.#machine.state.step });
      const clerk = await this.host.verifyClerk(clerkId, pin);
      this.#apply({ type: 'clerkSignedIn', clerk });
      this.touch();
      this.#insertWaitingCard();
      return this.#machine.state;
    } finally {
      wipe(pin);
    }
  }

  signOut(): VisitState {
    if (this.#machine.state.step === 'working') throw hostError('VISIT_BUSY', 'the card is being worked on', { step: 'working' });
    this.#apply({ type: 'clerkSignedOut', reason: 'signOut' });
    return this.#machine.state;
  }

  send(command: VisitCommand): VisitState {
    this.touch();
    this.#apply(command);
    return this.#machine.state;
  }

  /** The applicant's card-info PIN: verified on the card once (never retried), then wiped. */
  async cardInfoPin(pin: Uint8Array, confirmLastTry: boolean): Promise<VisitState> {
    this.#inFlight.add(pin);
    try {
      const state = this.#machine.state;
      if (state.step !== 'cardInfoPin') throw hostError('VISIT_WRONG_STEP', 'no card-info PIN is asked for', { step: state.step });
      // R-LOCK-3: the card counts any wrong entry, so what it can never accept does not reach it.
      if (!isCardReadyPassword('auth', pin)) throw hostError('VISIT_BAD_SECRET', 'the card-info PIN is exactly 4 digits', { field: 'pin' });
      const session = this.#card.require(state.step);
      const tries = state.card.pins.cardInfo;
      if (tries === null || tries.isBlocked) throw hostError('VISIT_WRONG_STEP', 'the card-info PIN is locked', { step: state.step });
      // At one try left a wrong entry locks the PIN: only the applicant's explicit confirmation may spend it.
      if (tries.triesLeft === 1 && !confirmLastTry) throw hostError('VISIT_BAD_SECRET', 'the last try needs confirmation', { triesLeft: 1, field: 'confirmLastTry' });
      const basicInfo = await this.#withCardLock(async () => {
        try {
          return await session.card.readBasicInfo(pin);
        } catch (error) {
          if (isCardError(error) && (error.code === 'CARD_WRONG_PIN' || error.code === 'CARD_PIN_BLOCKED')) return null;
          throw error;
        } finally {
          wipe(pin);
        }
      });
      const card = await this.#withCardLock(() => refreshPins(session.card, state.card));
      this.#apply(basicInfo === null ? { type: 'cardInfoRefused', card } : { type: 'cardInfoRead', basicInfo, card });
      return this.#machine.state;
    } finally {
      wipe(pin);
      this.#inFlight.delete(pin);
    }
  }

  /**
   * The applicant's new passwords with their second entries (R-PW-3): checked for exactly the
   * chosen certificates, each the same twice, then handed to the card. The second entries are
   * wiped here, whatever the outcome; only the first go on to the card.
   */
  async passwords(secrets: Secrets, repeats: Secrets): Promise<VisitState> {
    const all = Object.values(secrets);
    for (const secret of all) this.#inFlight.add(secret);
    try {
      const state = this.#machine.state;
      if (state.step !== 'passwords') throw hostError('VISIT_WRONG_STEP', 'no passwords are asked for', { step: state.step });
      // A change also needs the current password: it comes on its own channel (changePassword).
      if (state.procedure === 'changePin') throw hostError('VISIT_WRONG_STEP', 'a password change takes the current password too', { step: state.step });
      checkNewPasswords(state, secrets, repeats);
      // Leaving the applicant's step wipes what is in flight: these now belong to the runner, which wipes them.
      for (const secret of all) this.#inFlight.delete(secret);
      this.#apply({ type: 'passwordsAccepted' });
      const working = this.#machine.state;
      // The CA went away during the resident's turn: the warning comes first, the passwords go.
      if (working.step === 'offlineNotice') {
        wipeAll(secrets);
        return working;
      }
      if (working.step !== 'working') throw hostError('INTERNAL', 'passwords accepted outside the working step');
      // The runner wipes the secrets on every path; the card command is the last place they exist.
      this.#work = this.#run(working, { ...secrets });
      return this.#machine.state;
    } catch (error) {
      wipeAll(secrets);
      throw error;
    } finally {
      wipeAll(repeats);
      for (const secret of all) this.#inFlight.delete(secret);
    }
  }

  /**
   * A password change (R-LOCK-4): the current password, the new one and its second entry. What
   * the card could never accept is refused here without spending a try; the rest goes to the
   * runner, which wipes it once the card has answered.
   */
  async changePassword(current: Uint8Array, password: Uint8Array, confirmation: Uint8Array, confirmLastTry: boolean): Promise<VisitState> {
    const secrets = [current, password, confirmation];
    for (const secret of secrets) this.#inFlight.add(secret);
    let handedOver = false;
    try {
      const kind = checkChange(this.#machine.state, { current, password, confirmation, confirmLastTry });
      for (const secret of secrets) this.#inFlight.delete(secret);
      this.#apply({ type: 'passwordsAccepted' });
      const working = this.#machine.state;
      if (working.step !== 'working') throw hostError('INTERNAL', 'the change was accepted outside the working step');
      handedOver = true;
      this.#work = this.#run(working, { [kind]: password }, { [kind]: current });
      return this.#machine.state;
    } finally {
      wipe(confirmation);
      if (!handedOver) {
        wipe(current);
        wipe(password);
      }
      for (const secret of secrets) this.#inFlight.delete(secret);
    }
  }

  /** Resolves when the running procedure (if any) has finished. */
  async settled(): Promise<void> {
    await this.#work;
  }

  async close(): Promise<void> {
    // A card read still under way (the one after a visit) may finish after the store is closed: it changes nothing then.
    this.#isClosed = true;
    this.#unsubscribe();
    await this.#work;
    this.#applicantTimer.cancel();
    this.#clerkTimer.cancel();
    this.#wipeSecrets();
    await this.#card.close();
    this.#machine.stopListening();
  }

  #apply(event: VisitCommand | HostEvent): void {
    this.#machine.apply(event);
  }

  #afterTransition(before: VisitState, after: VisitState): void {
    if ('card' in after && after.card !== null) this.#visitReader = after.card.reader;
    if (isApplicantStep(after)) this.#applicantTimer.arm(after.deadlineAt - this.now(), () => this.#applicantIdle());
    else this.#applicantTimer.cancel();
    // Leaving the applicant's steps or the visit ending: nothing typed may outlive it.
    if (isApplicantStep(before) && !isApplicantStep(after)) this.#wipeSecrets();
    if (after.step === 'signedOut' || after.step === 'awaitingCard') {
      this.#wipeSecrets();
      void this.#card.close();
    }
    if (after.step === 'signedOut') this.#clerkTimer.cancel();
    if (after.step === 'readingCard') void this.#readCard(after.reader);
    const refusal = earlyRefusalEntry(before, after);
    if (refusal !== null) this.#appendQuietly(refusal);
    if (after.step === 'awaitingCard' && before.step !== 'readingCard') this.#insertWaitingCard();
    if (after.step === 'working' && before.step !== 'working' && before.step !== 'passwords') this.#work = this.#run(after, {});
    // The finished visit changed the card (certificates, PINs): show it as it is now.
    if (after.step === 'cardPresent' && (before.step === 'done' || before.step === 'refused' || before.step === 'failed')) void this.#rereadCard();
  }

  /** The form's number: the continued application's own, else one reserved now for this visit. */
  #receiptNumberFor(continuesApplicationId: string | null): string | null {
    if (continuesApplicationId !== null) return this.host.store.applications.get(continuesApplicationId).receiptNumber;
    return this.host.store.applications.reserveReceiptNumber();
  }

  /** A trace that must not undo what the visit shows: a store that cannot write says so elsewhere. */
  #appendQuietly(entry: AuditEntryInput): void {
    try {
      this.host.store.audit.append(entry);
    } catch {
      // The refusal stands on the screen and its receipt.
    }
  }

  async #run(state: WorkingState, secrets: Secrets, current: Secrets = {}): Promise<void> {
    let used: CardModel | undefined;
    try {
      const needsCard = state.card !== null;
      // The session is taken once the card is ours: a read before this one may have renewed it.
      const outcome = await this.#withCardLock(() => {
        used = needsCard ? this.#card.require(this.#machine.state.step).card : undefined;
        return this.host.runProcedure({ request: applicationRequestFor(state), card: used, secrets, current }, { onProgress: (step) => this.#safely({ type: 'progress', step }) });
      });
      this.#safely({ type: 'procedureDone', outcome });
    } catch (error) {
      if (state.procedure === 'changePin' && state.card !== null && used !== undefined && isWrongPin(error)) {
        // The card counted the try: the applicant sees the tries left it reports now before the next one.
        const card = used;
        const shown = state.card;
        const refreshed = await this.#withCardLock(() => refreshPins(card, shown)).catch(() => null);
        if (refreshed !== null) {
          this.#safely({ type: 'currentPasswordRefused', card: refreshed });
          return;
        }
      }
      if (isIssuanceError(error) && refusalCodes.has(error.code)) this.#safely({ type: 'procedureRefused', reasons: error.details.reasons !== undefined && error.details.reasons.length > 0 ? [...error.details.reasons] : [error.code] });
      else this.#safely({ type: 'procedureFailed', error: toApiError(error) });
    } finally {
      wipeAll(secrets);
      wipeAll(current);
    }
  }

  async #readCard(reader: string): Promise<void> {
    try {
      await this.#card.close();
      const session = await this.#card.connect(reader);
      if (this.#isClosed) {
        await session.close().catch(() => undefined);
        return;
      }
      this.#card.adopt(session);
      const card = await this.#card.summarize(session, reader);
      // The card went (or the clerk signed out, or the terminal closed) while it was read: nothing may keep its session open.
      const now = this.#machine.state;
      if (this.#isClosed || now.step !== 'readingCard' || now.reader !== reader) {
        if (this.#card.current === session) await this.#card.close();
        return;
      }
      this.#safely({ type: 'cardRead', card });
    } catch (error) {
      await this.#card.close();
      this.#safely({ type: 'cardReadFailed', reader, error: toApiError(error) });
    }
  }

  /**
   * After a procedure the card may be reset or its connection spent, and pcscd may still hold it
   * for the client that just let go: read it again (the session first, then fresh connections a
   * moment apart). If it still cannot be read the clerk is told; the old summary stays beside it.
   */
  async #rereadCard(): Promise<void> {
    const state = this.#machine.state;
    if (state.step !== 'cardPresent') return;
    const reader = state.card.reader;
    const isStillHere = () => !this.#isClosed && this.#machine.state.step === 'cardPresent' && this.#machine.state.card.reader === reader;
    try {
      const card = await this.#card.reread(reader, isStillHere);
      if (card !== undefined && isStillHere()) this.#safely({ type: 'cardRead', card });
    } catch (error) {
      if (isStillHere()) this.#safely({ type: 'cardReadFailed', reader, error: toApiError(error) });
    }
  }


  /**
   * A card already in a reader when the visit (re)starts counts as inserted now. With cards in
   * two readers, the one the visit was about comes first: a card that seemed to leave and come
   * back (a reset, a wobble) is still that resident's, not the other reader's.
   */
  #insertWaitingCard(): void {
    const reader = this.#withCard.waiting(this.#visitReader);
    if (reader !== undefined && this.#machine.state.step === 'awaitingCard') this.#safely({ type: 'cardInserted', reader });
  }

  #applicantIdle(): void {
    const state = this.#machine.state;
    if (!isApplicantStep(state)) return;
    if (state.deadlineAt > this.now()) this.#applicantTimer.arm(state.deadlineAt - this.now(), () => this.#applicantIdle());
    else this.#safely({ type: 'idleTimeout' });
  }

  #clerkIdle(): void {
    // The applicant's turn and the card work are not clerk inactivity; look again later.
    if (this.#machine.state.step === 'working' || isApplicantStep(this.#machine.state)) this.touch();
    else this.#safely({ type: 'clerkSignedOut', reason: 'idle' });
  }

  /** Host events may find the visit elsewhere by the time they arrive (the card went meanwhile). */
  #safely(event: HostEvent): void {
    if (this.#isClosed) return;
    this.#machine.applyIfStill(event);
  }

  #withCardLock<T>(action: () => Promise<T>): Promise<T> {
    return this.#cardQueue.run(action);
  }

  #wipeSecrets(): void {
    for (const secret of this.#inFlight) wipe(secret);
  }
}

