/**
 * The authoritative self-service flow: the host holds the state, the card session and,
 * for the moment of a card command, the passwords. It applies the pure reducer
 * (src/api/self-service.ts) and performs what the reducer cannot: reading the card, asking the
 * CA (through `ResetAuthority`) and the card commands. The terminal never holds an issuer key:
 * the CA's issuer authentication for this card's challenge is the only way to the reset.
 */
import { toApiError, hostError, isHostError } from '../api/errors';
import {
  endSteps,
  initialSelfServiceState,
  reduceSelfService,
  residentSteps,
  type SelfServiceCard,
  type SelfServiceCommand,
  type SelfServiceHostEvent,
  type SelfServiceState,
} from '../api/self-service';
import type { CardModel } from '../card/card-model';
import { cardError } from '../card/errors';
import type { CertificateKind } from '../domain/vocabulary';
import { isCardReadyPassword, wipe } from '../issuance/secrets';
import type { AuditEntryInput } from '../store/audit-log';
import type { CardSession, Host, SelfServiceFlow } from '../host/host-types';
import { resetAuthorityError, resetOutcomeOf } from '../host/reset-authority';
import { OneShot } from './visit-timers';
import { proveHolder, provingMaterial, writeResetPassword, type ResetAuthority } from '../issuance/self-reset';
import { changeKnownPassword } from '../issuance/self-change';
import { ReadersWithCard } from './card-presence';
import { closeQuietly } from './close-quietly';
import { FlowMachine } from './flow-machine';

const openCardWaitMs = 5_000;
/** A nonce closer than this to its end is renewed before the resident's password is spent on it. */
const nonceMarginMs = 30_000;

export type SelfServiceHost = Pick<Host, 'terminal' | 'timeouts' | 'readers' | 'openCard'>;

interface CardContext {
  readonly serial: string;
  nonce: { readonly value: Uint8Array; readonly expiresAt: number } | undefined;
  /** The proving certificate when the challenge carried it (else it goes with the proof). */
  certificateSent: Uint8Array | undefined;
  issuerAuthentication: Uint8Array | undefined;
  reference: string | undefined;
}

function isIn(list: readonly string[], step: string): boolean {
  return list.includes(step);
}

export class SelfServiceController implements SelfServiceFlow {
  readonly #machine: FlowMachine<SelfServiceState, SelfServiceCommand | SelfServiceHostEvent> = new FlowMachine<SelfServiceState, SelfServiceCommand | SelfServiceHostEvent>({
    initial: initialSelfServiceState,
    reduce: (before, event) => reduceSelfService(before, event, { now: this.now(), idleMs: this.host.timeouts.applicantIdleMs }),
    wrongStepCode: 'SELF_SERVICE_WRONG_STEP',
    afterTransition: (before, after) => this.#afterTransition(before, after),
  });
  #session: CardSession | undefined;
  #card: CardContext | undefined;
  readonly #withCard: ReadersWithCard;
  #work: Promise<unknown> | undefined;
  readonly #timer = new OneShot();
  readonly #inFlight = new Set<Uint8Array>();
  readonly #unsubscribe: () => void;

  constructor(
    private readonly host: SelfServiceHost,
    /** undefined: no CA configured, every attempt ends offline and the card is never touched. */
    private readonly authority: ResetAuthority | undefined,
    private readonly now: () => number = Date.now,
    /** The terminal's own audit (the CA keeps its own): how each attempt ended; never a password. */
    private readonly audit: (entry: AuditEntryInput) => void = () => undefined,
  ) {
    this.#withCard = new ReadersWithCard(host.readers.list());
    this.#unsubscribe = host.readers.onChange((readers) => {
      for (const event of this.#withCard.update(readers)) this.#safely(event);
    });
    this.#insertWaitingCard();
  }

  get state(): SelfServiceState {
    return this.#machine.state;
  }

  onState(listener: (state: SelfServiceState) => void): () => void {
    return this.#machine.onState(listener);
  }

  send(command: SelfServiceCommand): Promise<SelfServiceState> {
    this.#apply(command);
    return Promise.resolve(this.#machine.state);
  }

  async provingPassword(password: Uint8Array, confirmLastTry: boolean): Promise<SelfServiceState> {
    this.#inFlight.add(password);
    try {
      const state = this.#machine.state;
      if (state.step !== 'proving') throw hostError('SELF_SERVICE_WRONG_STEP', 'no proving password is asked for', { step: state.step });
      const kind = state.provingKind;
      const tries = state.card.pins[kind];
      // At one try left a wrong entry locks the password: only the resident's explicit confirmation may spend it.
      if (tries.triesLeft === 1 && !confirmLastTry) throw hostError('SELF_SERVICE_BAD_PASSWORD', 'the last try needs confirmation', { triesLeft: 1, field: 'confirmLastTry' });
      // A password the card could never accept does not spend a try.
      if (!isCardReadyPassword(kind, password)) throw hostError('SELF_SERVICE_BAD_PASSWORD', 'not a password of that kind', { field: 'password' });
      this.#apply({ type: 'provingSubmitted' });
      await this.#track(this.#prove(state.resetKind, state.card, password));
      return this.#machine.state;
    } finally {
      wipe(password);
      this.#inFlight.delete(password);
    }
  }

  async newPassword(password: Uint8Array, confirmation: Uint8Array): Promise<SelfServiceState> {
    this.#inFlight.add(password);
    this.#inFlight.add(confirmation);
    try {
      const state = this.#machine.state;
      if (state.step !== 'newPassword') throw hostError('SELF_SERVICE_WRONG_STEP', 'no new password is asked for', { step: state.step });
      if (password.length !== confirmation.length || !password.every((b, i) => b === confirmation[i])) throw hostError('SELF_SERVICE_PASSWORD_MISMATCH', 'the two entries differ', { field: 'confirmation' });
      if (!isCardReadyPassword(state.resetKind, password)) throw hostError('SELF_SERVICE_BAD_PASSWORD', 'the new password breaks the rules', { field: 'password' });
      this.#apply({ type: 'newPasswordSubmitted' });
      await this.#track(this.#write(state.resetKind, state.card.reader, password));
      return this.#machine.state;
    } finally {
      wipe(password);
      wipe(confirmation);
      this.#inFlight.delete(password);
      this.#inFlight.delete(confirmation);
    }
  }

  /**
   * The fourth choice (R-LOCK-4): the current password and the new one, typed twice. What the
   * card could never accept is refused here without spending a try; the rest goes to the card
   * and is wiped once it has answered.
   */
  async changePassword(current: Uint8Array, password: Uint8Array, confirmation: Uint8Array, confirmLastTry: boolean): Promise<SelfServiceState> {
    const secrets = [current, password, confirmation];
    for (const secret of secrets) this.#inFlight.add(secret);
    try {
      const state = this.#machine.state;
      if (state.step !== 'changeEntry') throw hostError('SELF_SERVICE_WRONG_STEP', 'no password change is asked for', { step: state.step });
      const kind = state.changeKind;
      if (!isCardReadyPassword(kind, current)) throw hostError('SELF_SERVICE_BAD_PASSWORD', 'not a password of that kind', { field: 'current' });
      if (password.length !== confirmation.length || !password.every((b, i) => b === confirmation[i])) throw hostError('SELF_SERVICE_PASSWORD_MISMATCH', 'the two entries differ', { field: 'confirmation' });
      if (!isCardReadyPassword(kind, password)) throw hostError('SELF_SERVICE_BAD_PASSWORD', 'the new password breaks the rules', { field: 'password' });
      // At one try left a wrong entry locks the password: only the resident's explicit confirmation may spend it.
      if (state.card.pins[kind].triesLeft === 1 && !confirmLastTry) throw hostError('SELF_SERVICE_BAD_PASSWORD', 'the last try needs confirmation', { triesLeft: 1, field: 'confirmLastTry' });
      this.#apply({ type: 'changeSubmitted' });
      await this.#track(this.#change(kind, state.card, current, password));
      return this.#machine.state;
    } finally {
      for (const secret of secrets) {
        wipe(secret);
        this.#inFlight.delete(secret);
      }
    }
  }

  /** Resolves when the running card or CA work (if any) has finished. */
  async settled(): Promise<void> {
    for (let i = 0; i < 10 && this.#work !== undefined; i += 1) {
      const work = this.#work;
      await work.catch(() => undefined);
      if (this.#work === work) this.#work = undefined;
    }
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    await this.settled();
    this.#timer.cancel();
    this.#wipeAll();
    await this.#closeSession();
    this.#machine.stopListening();
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#work = work;
    return work;
  }

  #apply(event: SelfServiceCommand | SelfServiceHostEvent): void {
    this.#machine.apply(event);
  }

  /** Host events may find the flow elsewhere by the time they arrive (the card went meanwhile). */
  #safely(event: SelfServiceHostEvent): void {
    this.#machine.applyIfStill(event);
  }

  #afterTransition(before: SelfServiceState, after: SelfServiceState): void {
    if (isIn(endSteps, after.step) && !isIn(endSteps, before.step)) this.#record(after);
    if ('deadlineAt' in after) this.#timer.arm(after.deadlineAt - this.now(), () => this.#idle());
    else if (isIn(endSteps, after.step)) this.#timer.arm(this.host.timeouts.applicantIdleMs, () => this.#idle());
    else this.#timer.cancel();
    if (isIn(residentSteps, before.step) && !isIn(residentSteps, after.step) && after.step !== 'verifying' && after.step !== 'writing' && after.step !== 'changing') this.#wipeAll();
    if (after.step === 'welcome' || after.step === 'cardRemoved') {
      // Nothing of this resident outlives the flow: the CA's answers and the card session go too.
      this.#wipeAll();
      this.#forgetCard();
      // A card left in the reader does not start the next resident's flow: it must be taken out and put in.
      void this.#closeSession();
    }
    if (after.step === 'reading') this.#work = this.#read(after.reader);
    if (after.step === 'contacting') this.#work = this.#contact(after.resetKind);
  }

  #record(state: SelfServiceState): void {
    const subject = this.#card?.serial ?? null;
    const base = { actor: 'self-service', subject };
    try {
      if (state.step === 'done') this.audit({ ...base, action: 'selfService.reset', details: { resetKind: state.receipt.resetKind, reference: state.receipt.reference } });
      else if (state.step === 'changed') this.audit({ ...base, action: 'selfService.changed', details: { changedKind: state.receipt.changedKind } });
      else if (state.step === 'refused') this.audit({ ...base, action: 'selfService.refused', details: { resetKind: state.resetKind, reason: state.reason } });
      else if (state.step === 'offline') this.audit({ ...base, action: 'selfService.offline', details: { resetKind: state.resetKind } });
      else if (state.step === 'cardRemoved') this.audit({ ...base, action: 'selfService.cardRemoved', details: { resetKind: state.resetKind, outcome: state.outcome, reference: this.#card?.reference ?? null } });
      else if (state.step === 'failed') this.audit({ ...base, action: 'selfService.failed', details: { resetKind: state.resetKind, code: state.error.code } });
    } catch {
      // The audit failing must not leave the resident's screen in a half state; the CA audits too.
    }
  }

  #idle(): void {
    const state = this.#machine.state;
    if ('deadlineAt' in state && state.deadlineAt > this.now()) {
      this.#timer.arm(state.deadlineAt - this.now(), () => this.#idle());
      return;
    }
    this.#safely({ type: 'idleTimeout' });
  }

  async #read(reader: string): Promise<void> {
    try {
      await this.#closeSession();
      const session = await this.host.openCard(reader, openCardWaitMs);
      this.#session = session;
      const { card, serial } = await this.#summary(session.card, reader);
      const now = this.#machine.state;
      if (now.step !== 'reading' || now.reader !== reader) return;
      this.#card = { serial, nonce: undefined, certificateSent: undefined, issuerAuthentication: undefined, reference: undefined };
      this.#safely({ type: 'cardRead', card });
    } catch (error) {
      await this.#closeSession();
      this.#safely({ type: 'cardReadFailed', reader, error: toApiError(error) });
    }
  }

  async #summary(card: CardModel, reader: string): Promise<{ card: SelfServiceCard; serial: string }> {
    const facts = await card.readCardFacts();
    if (facts.cardType !== 'myNumberCard') throw hostError('SELF_SERVICE_CARD_UNSUPPORTED', 'not a My Number Card');
    const pins = await card.readPinStatus();
    const certs = await card.readCertificates(['sign', 'auth']);
    const tries = (p: { triesLeft: number; maxTries: number; isBlocked: boolean }) => ({ triesLeft: p.triesLeft, maxTries: p.maxTries, isBlocked: p.isBlocked });
    return {
      serial: facts.serial,
      card: { reader, pins: { sign: tries(pins.sign), auth: tries(pins.auth) }, certificates: { sign: certs.sign.state !== 'absent', auth: certs.auth.state !== 'absent' } },
    };
  }

  /** The proving certificate (or, for the signing one, its public key) to the CA for a nonce. */
  async #challenge(card: CardModel, context: CardContext, resetKind: CertificateKind): Promise<void> {
    if (this.authority === undefined) throw resetAuthorityError({ kind: 'offline' }, 'no CA configured');
    const proving = await provingMaterial(card, resetKind);
    if (proving === undefined) throw resetAuthorityError({ kind: 'refused', reason: 'SELF_SERVICE_NO_CERTIFICATE' }, 'no signing key on the card');
    const answer = await this.authority.challenge({ terminalId: this.host.terminal.terminalId, cardSerial: context.serial, resetKind, proving });
    context.nonce = { value: answer.nonce, expiresAt: answer.expiresAt };
    context.certificateSent = 'certificate' in proving ? proving.certificate : undefined;
  }

  async #contact(resetKind: CertificateKind): Promise<void> {
    try {
      const { session, context } = this.#requireCard();
      await this.#challenge(session.card, context, resetKind);
      this.#safely({ type: 'challengeReady' });
    } catch (error) {
      this.#fail(error, null);
    }
  }

  async #prove(resetKind: CertificateKind, shown: SelfServiceCard, password: Uint8Array): Promise<void> {
    try {
      const { session, context } = this.#requireCard();
      const card = session.card;
      if (context.nonce === undefined || context.nonce.expiresAt - this.now() < nonceMarginMs) await this.#challenge(card, context, resetKind);
      const nonce = context.nonce;
      if (nonce === undefined) throw hostError('INTERNAL', 'no nonce');
      const proof = await proveHolder(card, { resetKind, cardSerial: context.serial, nonce: nonce.value, certificateSent: context.certificateSent }, password);
      if (proof.kind === 'wrongPassword') {
        const pins = await card.readPinStatus();
        this.#safely({ type: 'provingRefused', card: { ...shown, pins: { sign: { ...pins.sign }, auth: { ...pins.auth } } } });
        return;
      }
      if (this.authority === undefined) throw resetAuthorityError({ kind: 'offline' }, 'no CA configured');
      const answer = await this.authority.authorize({
        terminalId: this.host.terminal.terminalId,
        nonce: nonce.value,
        signature: proof.signature,
        cardChallenge: proof.cardChallenge,
        ...(proof.provingCertificate === undefined ? {} : { provingCertificate: proof.provingCertificate }),
      });
      context.nonce = undefined;
      context.issuerAuthentication = answer.issuerAuthentication;
      context.reference = answer.reference;
      this.#safely({ type: 'authorized' });
    } catch (error) {
      this.#fail(error, shown.reader);
    }
  }

  async #write(resetKind: CertificateKind, reader: string, password: Uint8Array): Promise<void> {
    try {
      const { session, context } = this.#requireCard();
      const authentication = context.issuerAuthentication;
      if (authentication === undefined || context.reference === undefined) throw hostError('INTERNAL', 'no issuer authentication');
      // One card challenge, one authentication: it is gone from here whatever the card says.
      context.issuerAuthentication = undefined;
      await writeResetPassword(session.card, resetKind, authentication, password);
      this.#safely({ type: 'resetDone', receipt: { resetKind, reference: context.reference, terminalId: this.host.terminal.terminalId, at: this.now() } });
    } catch (error) {
      this.#fail(error, reader);
    }
  }

  async #change(kind: CertificateKind, shown: SelfServiceCard, current: Uint8Array, password: Uint8Array): Promise<void> {
    try {
      const { session } = this.#requireCard();
      const answer = await changeKnownPassword(session.card, kind, current, password);
      if (answer.kind === 'wrongPassword') {
        this.#safely({ type: 'changeRefused', card: { ...shown, pins: { sign: { ...answer.pins.sign }, auth: { ...answer.pins.auth } } } });
        return;
      }
      this.#safely({ type: 'changeDone', receipt: { changedKind: kind, terminalId: this.host.terminal.terminalId, at: this.now() } });
    } catch (error) {
      this.#fail(error, shown.reader);
    }
  }

  /** A failure → the flow's event: the CA offline or refusing, the card gone, or a fault. */
  #fail(error: unknown, reader: string | null): void {
    const outcome = resetOutcomeOf(error);
    if (outcome !== undefined) {
      this.#safely(outcome.kind === 'offline' ? { type: 'caOffline' } : { type: 'refused', reason: outcome.reason });
      return;
    }
    if (isHostError(error) && error.code === 'SELF_SERVICE_CARD_UNSUPPORTED') {
      this.#safely({ type: 'refused', reason: 'SELF_SERVICE_CARD_UNSUPPORTED' });
      return;
    }
    const apiError = toApiError(error);
    // The APDU can fail before the reader reports the removal: say it first, so the outcome is "card removed".
    if (reader !== null && (apiError.code === 'CARD_REMOVED' || apiError.code === 'CARD_NO_CARD')) this.#safely({ type: 'cardRemoved', reader });
    this.#safely({ type: 'failed', error: apiError });
  }

  #requireCard(): { session: CardSession; context: CardContext } {
    if (this.#session === undefined || this.#card === undefined) throw cardError('CARD_REMOVED', 'no card session');
    return { session: this.#session, context: this.#card };
  }


  #insertWaitingCard(): void {
    const reader = this.#withCard.waiting();
    if (reader !== undefined && this.#machine.state.step === 'welcome') queueMicrotask(() => this.#safely({ type: 'cardInserted', reader }));
  }

  #forgetCard(): void {
    const context = this.#card;
    this.#card = undefined;
    context?.issuerAuthentication?.fill(0);
    context?.nonce?.value.fill(0);
  }

  #wipeAll(): void {
    for (const secret of this.#inFlight) wipe(secret);
  }

  async #closeSession(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    await closeQuietly(session);
  }
}
