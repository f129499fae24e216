/**
 * The visit's one exhaustive pure reducer over the states and events of ./visit.ts: the host
 * applies it to every command and host event (src/flows/visit-controller.ts); it has no clock
 * and no I/O (the environment brings the time and what the host knows).
 */
import { toJstDateTime } from '../domain/counter-hours';
import { refusalsForVisit } from '../domain/refusals-before-passwords';
import { certificateKinds, type BasicInfo } from '../domain/vocabulary';
import { hostError } from './errors';
import { chooseChange, currentRefused, holderInPerson } from './visit-change';
import { initialVisitState, isApplicantStep, makesNewKeys, mayRunWithoutCard, needsBasicInfo, needsPasswords, type ApplicantDetails, type ReduceEnv, type VisitCommand, type VisitEvent, type VisitNotice, type VisitState, type VisitStep, type WithApplicant, type WithCertificates, type WithIdentity, type WithProcedure } from './visit';

export { initialVisitState };

/** An event the current step does not take: VISIT_WRONG_STEP, and the state is unchanged. */
function wrongStep(step: VisitStep, eventType: VisitEvent['type']): Error {
  return hostError('VISIT_WRONG_STEP', `'${eventType}' is not possible at step '${step}'`, { step });
}

/** Where a visit goes when it is set back: the card's facts again if it is still in, else wait for one. */
function backToStart(state: Exclude<VisitState, { step: 'signedOut' }>, notice: VisitNotice | null): VisitState {
  const card = 'card' in state ? state.card : null;
  if (card !== null) return { step: 'cardPresent', clerk: state.clerk, card, notice, readError: null };
  return { step: 'awaitingCard', clerk: state.clerk, notice, readError: null };
}

function withoutCard(state: Exclude<VisitState, { step: 'signedOut' }>): VisitState {
  return { step: 'awaitingCard', clerk: state.clerk, notice: 'cardRemoved', readError: null };
}

function sameBasicInfo(card: BasicInfo, confirmed: BasicInfo): boolean {
  return card.name.trim() === confirmed.name.trim() && card.address.trim() === confirmed.address.trim() && card.birthDate === confirmed.birthDate && card.sex === confirmed.sex;
}

function wrong(state: VisitState, event: VisitEvent): never {
  throw wrongStep(state.step, event.type);
}

/** The common part of every step after the procedure was chosen, for going back one step. */
function identityPart(state: WithIdentity): WithIdentity {
  return { clerk: state.clerk, card: state.card, basicInfo: state.basicInfo };
}
function procedurePart(state: WithProcedure): WithProcedure {
  return { ...identityPart(state), procedure: state.procedure, continuesApplicationId: state.continuesApplicationId };
}
function applicantPart(state: WithApplicant): WithApplicant {
  return { ...procedurePart(state), applicant: state.applicant };
}

function certificatesPart(state: WithCertificates): WithCertificates {
  return {
    ...applicantPart(state),
    certificates: state.certificates,
    revocationReason: state.revocationReason,
    receiptNumber: state.receiptNumber,
    ...(state.representativeName === undefined ? {} : { representativeName: state.representativeName }),
  };
}

/** Back to the choice of certificates, keeping the number the printed form carries. */
function backToCertificates(state: WithCertificates): VisitState {
  return { step: 'certificates', ...applicantPart(state), reservedReceiptNumber: state.receiptNumber };
}

/** Back from the resident's turn to the form, which was signed and received to get there. */
function backToForm(state: WithCertificates): VisitState {
  return { step: 'applicationForm', ...certificatesPart(state), formSigned: true };
}

/**
 * The representative's name on the form. The holder applying in person has no representative.
 * A changed name takes back the tick: the form signed before named someone else.
 */
function withRepresentativeName(state: Extract<VisitState, { step: 'applicationForm' }>, event: Extract<VisitEvent, { type: 'setRepresentativeName' }>): VisitState {
  if (state.applicant.applicantType === 'self') return wrong(state, event);
  const name = event.name.trim();
  if (name === (state.representativeName ?? '')) return state;
  const { representativeName: _previous, ...rest } = state;
  return name === '' ? { ...rest, formSigned: false } : { ...rest, representativeName: name, formSigned: false };
}

/** After the signed form: the passwords, the offline warning first, or straight to the card. */
function afterForm(state: WithCertificates, env: ReduceEnv, deadlineAt: number): VisitState {
  if (!needsPasswords(state.procedure, state.applicant.applicantType, state.continuesApplicationId)) return startWork(state);
  // No key is made while the CA cannot answer before the clerk and the resident have said yes to it.
  if (makesNewKeys(state.procedure) && !env.caAnswering) return { step: 'offlineNotice', ...certificatesPart(state) };
  return { step: 'passwords', ...certificatesPart(state), offlineAccepted: false, deadlineAt };
}

function startWork(state: WithCertificates): VisitState {
  return { step: 'working', ...certificatesPart(state), progress: [], cardRemoved: false };
}

/** Events every signed-in step takes the same way. Returns undefined when the step decides. */
function common(state: Exclude<VisitState, { step: 'signedOut' }>, event: VisitEvent): VisitState | undefined {
  switch (event.type) {
    case 'clerkSignedOut':
      // A procedure on the card is never cut off halfway: the host refuses sign-out while working.
      if (state.step === 'working') return wrong(state, event);
      return { step: 'signedOut', notice: event.reason === 'idle' ? 'clerkTimedOut' : 'signedOut' };
    case 'clerkSignedIn':
      return wrong(state, event);
    case 'cancel':
      if (state.step === 'working') return wrong(state, event);
      return backToStart(state, 'cancelled');
    case 'idleTimeout':
      if (state.step === 'working') return state;
      if (isApplicantStep(state)) return backToStart(state, 'applicantTimedOut');
      return { step: 'signedOut', notice: 'clerkTimedOut' };
    case 'cardRemoved': {
      if (state.step === 'awaitingCard') return state;
      if (state.step === 'readingCard') return state.reader === event.reader ? withoutCard(state) : state;
      const card = 'card' in state ? state.card : null;
      if (card === null || card.reader !== event.reader) return state;
      // The procedure decides what a pulled card means (it leaves nothing half-written); the result stays on screen.
      if (state.step === 'working') return { ...state, cardRemoved: true };
      if (state.step === 'done' || state.step === 'refused' || state.step === 'failed') return { ...state, card: null };
      return withoutCard(state);
    }
    case 'cardInserted':
      if (state.step === 'awaitingCard') return { step: 'readingCard', clerk: state.clerk, reader: event.reader };
      return state;
    default:
      return undefined;
  }
}

/** The pure transition function. Throws VISIT_WRONG_STEP for an event the step does not take. */
export function reduceVisit(state: VisitState, event: VisitEvent, env: ReduceEnv): VisitState {
  if (state.step === 'signedOut') {
    if (event.type === 'clerkSignedIn') return { step: 'awaitingCard', clerk: event.clerk, notice: null, readError: null };
    if (event.type === 'cardInserted' || event.type === 'cardRemoved' || event.type === 'idleTimeout' || event.type === 'clerkSignedOut') return state;
    return wrong(state, event);
  }
  const shared = common(state, event);
  if (shared !== undefined) return shared;
  const deadlineAt = env.now + env.applicantIdleMs;

  switch (state.step) {
    case 'awaitingCard':
      if (event.type === 'startWithoutCard') return { step: 'procedure', clerk: state.clerk, card: null, basicInfo: null };
      return wrong(state, event);

    case 'readingCard':
      if (event.type === 'cardRead' && event.card.reader === state.reader) return { step: 'cardPresent', clerk: state.clerk, card: event.card, notice: null, readError: null };
      if (event.type === 'cardReadFailed' && event.reader === state.reader) return { step: 'awaitingCard', clerk: state.clerk, notice: null, readError: event.error };
      return wrong(state, event);

    case 'cardPresent':
      if (event.type === 'cardRead' && event.card.reader === state.card.reader) return { ...state, card: event.card, readError: null };
      if (event.type === 'cardReadFailed' && event.reader === state.card.reader) return { ...state, readError: event.error };
      if (event.type === 'readCardInfo') {
        if (state.card.pins.cardInfo === null || state.card.pins.cardInfo.isBlocked) return wrong(state, event);
        return { step: 'cardInfoPin', clerk: state.clerk, card: state.card, lastAttemptFailed: false, deadlineAt };
      }
      if (event.type === 'typeFactsInstead') return { step: 'identity', clerk: state.clerk, card: state.card, basicInfo: null, source: 'clerk' };
      // Pick-up, password reset and revocation do not need the basic 4 information.
      if (event.type === 'chooseProcedure' && !needsBasicInfo(event.procedure)) return chooseProcedure({ clerk: state.clerk, card: state.card, basicInfo: null }, event, state.step);
      return wrong(state, event);

    case 'cardInfoPin':
      if (event.type === 'cardInfoRead') return { step: 'identity', clerk: state.clerk, card: event.card, basicInfo: event.basicInfo, source: 'card' };
      if (event.type === 'cardInfoRefused') {
        const locked = event.card.pins.cardInfo === null || event.card.pins.cardInfo.isBlocked;
        // R-LOCK-3: a locked card-info PIN falls back to the clerk typing the facts from the card face.
        if (locked) return { step: 'identity', clerk: state.clerk, card: event.card, basicInfo: null, source: 'clerk' };
        return { ...state, card: event.card, lastAttemptFailed: true, deadlineAt };
      }
      if (event.type === 'extendTime') return { ...state, deadlineAt };
      if (event.type === 'typeFactsInstead') return { step: 'identity', clerk: state.clerk, card: state.card, basicInfo: null, source: 'clerk' };
      if (event.type === 'back') return { step: 'cardPresent', clerk: state.clerk, card: state.card, notice: null, readError: null };
      return wrong(state, event);

    case 'identity':
      if (event.type === 'confirmIdentity') {
        // Facts read from the card are confirmed, never edited: the certificate carries what the
        // card says (R-CERT-3). Only facts the clerk typed (card-info PIN locked) come from the screen.
        if (state.source === 'card' && state.basicInfo !== null && !sameBasicInfo(state.basicInfo, event.basicInfo)) {
          throw hostError('VISIT_IDENTITY_NOT_CARD', 'the basic 4 information confirmed differs from what the card says', { field: 'basicInfo' });
        }
        return { step: 'procedure', clerk: state.clerk, card: state.card, basicInfo: event.basicInfo };
      }
      if (event.type === 'back') return state.card === null ? { step: 'awaitingCard', clerk: state.clerk, notice: null, readError: null } : { step: 'cardPresent', clerk: state.clerk, card: state.card, notice: null, readError: null };
      return wrong(state, event);

    case 'procedure':
      if (event.type === 'chooseProcedure') {
        if (state.card === null && !mayRunWithoutCard(event.procedure)) return wrong(state, event);
        if (needsBasicInfo(event.procedure) && state.basicInfo === null && event.continuesApplicationId === undefined) {
          // Issuance without the basic 4 information: the clerk types them first.
          return { step: 'identity', clerk: state.clerk, card: state.card, basicInfo: null, source: 'clerk' };
        }
        return chooseProcedure(identityPart(state), event, state.step);
      }
      if (event.type === 'typeFactsInstead') return { step: 'identity', ...identityPart(state), source: 'clerk' };
      if (event.type === 'back') return state.card === null ? { step: 'awaitingCard', clerk: state.clerk, notice: null, readError: null } : { step: 'cardPresent', clerk: state.clerk, card: state.card, notice: null, readError: null };
      return wrong(state, event);

    case 'applicant':
      if (event.type === 'setApplicant') {
        // Without the card only a revocation or a proxy's first visit can go on.
        const proxyFirst = event.applicant.applicantType === 'proxy' && state.continuesApplicationId === null;
        if (state.card === null && state.procedure !== 'revoke' && !proxyFirst) return wrong(state, event);
        return { step: 'certificates', ...procedurePart(state), applicant: event.applicant };
      }
      if (event.type === 'back') return { step: 'procedure', ...identityPart(state) };
      return wrong(state, event);

    case 'certificates':
      if (event.type === 'chooseCertificates') {
        const certificates = certificateKinds.filter((k) => event.certificates.includes(k));
        // A password change needs neither the basic 4 nor a printed form: the card checks the holder (R-LOCK-4).
        if (state.procedure === 'changePin') return chooseChange(state, certificates, deadlineAt);
        const revocationReason = event.revocationReason ?? (state.procedure === 'revoke' ? 'unspecified' : null);
        if (needsPasswords(state.procedure, state.applicant.applicantType, state.continuesApplicationId)) {
          // What the rules can refuse now is refused now: no form is printed and the screen never turns to the applicant for it.
          const reasons = refusalsForVisit(state, certificates, env.municipalityCode, toJstDateTime(env.now).date);
          if (reasons.length > 0) return { step: 'refused', clerk: state.clerk, card: state.card, procedure: state.procedure, certificates, reasons };
        }
        // A number reserved before (the clerk came back from the form) stays: it may be printed already.
        const receiptNumber = state.reservedReceiptNumber !== undefined ? state.reservedReceiptNumber : env.receiptNumberFor(state.continuesApplicationId);
        return { step: 'applicationForm', ...applicantPart(state), certificates, revocationReason, receiptNumber, formSigned: false };
      }
      // A change skipped the applicant step (the holder in person): back is the procedure again.
      if (event.type === 'back') return state.procedure === 'changePin' ? { step: 'procedure', ...identityPart(state) } : { step: 'applicant', ...procedurePart(state), chosen: state.applicant };
      return wrong(state, event);

    case 'applicationForm':
      if (event.type === 'setFormSigned') return event.signed === state.formSigned ? state : { ...state, formSigned: event.signed };
      if (event.type === 'setRepresentativeName') return withRepresentativeName(state, event);
      if (event.type === 'startProcedure') {
        // The host's own guard, whatever a screen shows: no signed form received, no procedure.
        if (!state.formSigned) throw hostError('VISIT_FORM_NOT_SIGNED', 'the signed application form was not received', { field: 'formSigned' });
        return afterForm(certificatesPart(state), env, deadlineAt);
      }
      if (event.type === 'back') return backToCertificates(state);
      return wrong(state, event);

    case 'offlineNotice':
      if (event.type === 'goOnOffline') return { step: 'passwords', ...certificatesPart(state), offlineAccepted: true, deadlineAt };
      if (event.type === 'back') return backToForm(state);
      return wrong(state, event);

    case 'passwords':
      if (event.type === 'passwordsAccepted') {
        // The CA went away during the resident's turn: nothing reaches the card before they are told.
        if (makesNewKeys(state.procedure) && !env.caAnswering && !state.offlineAccepted) return { step: 'offlineNotice', ...certificatesPart(state) };
        return startWork(state);
      }
      if (event.type === 'extendTime') return { ...state, deadlineAt };
      if (event.type === 'back') return backToForm(state);
      return wrong(state, event);

    case 'working':
      if (event.type === 'progress') return { ...state, progress: [...state.progress, event.step] };
      if (event.type === 'procedureDone') return { step: 'done', clerk: state.clerk, card: state.cardRemoved ? null : state.card, outcome: event.outcome };
      if (event.type === 'procedureRefused') return { step: 'refused', clerk: state.clerk, card: state.cardRemoved ? null : state.card, procedure: state.procedure, certificates: state.certificates, reasons: event.reasons };
      if (event.type === 'currentPasswordRefused') return currentRefused(state, event.card, deadlineAt);
      if (event.type === 'procedureFailed') return { step: 'failed', clerk: state.clerk, card: state.cardRemoved ? null : state.card, procedure: state.procedure, error: event.error };
      return wrong(state, event);

    case 'done':
    case 'refused':
    case 'failed':
      if (event.type === 'finish') return backToStart(state, null);
      return wrong(state, event);
  }
}

function chooseProcedure(base: WithIdentity, event: Extract<VisitCommand, { type: 'chooseProcedure' }>, from: VisitStep): VisitState {
  const continuesApplicationId = event.continuesApplicationId ?? null;
  if (continuesApplicationId !== null && (base.card === null || !base.card.awaitingReply.some((a) => a.applicationId === continuesApplicationId))) {
    throw wrongStep(from, event.type);
  }
  const next: WithProcedure = { ...base, procedure: event.procedure, continuesApplicationId };
  if (event.procedure === 'pickUp') {
    // Pick-up asks nothing more: the card and the clerk are enough (R-PROC-3).
    const applicant: ApplicantDetails = { applicantType: 'self', documents: ['myNumberCard'], adultWard: false, domicileInCity: true, reissuedCard: false };
    return startWork({ ...next, applicant, certificates: [...certificateKinds], revocationReason: null, receiptNumber: null });
  }
  if (event.procedure === 'changePin') return { step: 'certificates', ...next, applicant: holderInPerson };
  return { step: 'applicant', ...next };
}

