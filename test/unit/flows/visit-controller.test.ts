/**
 * The visit controller over a fake host with a real virtual card (DirectTransport, no pcscd) and
 * a real store: the effects the pure reducer cannot do — reading the card, the card-info PIN
 * (never an automatic retry, the last try only when confirmed), the passwords (exactly the chosen
 * certificates, wiped after the card command), the procedure's result, the timers, and the card
 * session closing when the card goes.
 */
import type { ProcedureOutcome, VisitState } from '../../../src/api/visit';
import { issuanceError } from '../../../src/issuance/errors';
import { reader, clerk, clerkPin, basicInfo, applicant, outcome, ascii, harness, reach, toCardPresent, toCertificatesChosen, toPasswords, signForm, currentStore, type Harness } from './visit-controller-harness';

test('a wrong clerk PIN signs nobody in and is wiped', async () => {
  const h = harness();
  const pin = ascii('0000');
  await expect(h.controller.signIn(clerk.id, pin)).rejects.toMatchObject({ code: 'CLERK_SIGN_IN_FAILED' });
  expect(h.controller.state.step).toBe('signedOut');
  expect([...pin]).toEqual([0, 0, 0, 0]);
});

test('an inserted card is read into its summary with the PIN tries', async () => {
  const h = harness();
  const state = await toCardPresent(h);
  expect(state).toMatchObject({ step: 'cardPresent', card: { reader, serial: '123456789012345', pins: { cardInfo: { triesLeft: 3 } }, warnings: [] } });
});

test('the card-info PIN: a wrong one is spent once (no retry), the right one reads the basic 4 information, both wiped', async () => {
  const h = harness();
  await toCardPresent(h);
  h.controller.send({ type: 'readCardInfo' });
  const wrong = ascii('0000');
  expect(await h.controller.cardInfoPin(wrong, false)).toMatchObject({ step: 'cardInfoPin', lastAttemptFailed: true, card: { pins: { cardInfo: { triesLeft: 2 } } } });
  expect([...wrong]).toEqual([0, 0, 0, 0]);
  const right = ascii('1357');
  expect(await h.controller.cardInfoPin(right, false)).toMatchObject({ step: 'identity', source: 'card', basicInfo: { birthDate: '1980-02-17' } });
  expect([...right]).toEqual([0, 0, 0, 0]);
});

test('at one try left the card-info PIN is not sent without the explicit confirmation', async () => {
  const h = harness(1);
  await toCardPresent(h);
  h.controller.send({ type: 'readCardInfo' });
  const pin = ascii('0000');
  await expect(h.controller.cardInfoPin(pin, false)).rejects.toMatchObject({ code: 'VISIT_BAD_SECRET' });
  expect([...pin]).toEqual([0, 0, 0, 0]);
  // Nothing was spent on the card.
  expect(h.controller.state).toMatchObject({ step: 'cardInfoPin', lastAttemptFailed: false, card: { pins: { cardInfo: { triesLeft: 1 } } } });
});

test.each([
  ['three digits', '135'],
  ['letters', 'abcd'],
  ['five digits', '13579'],
  ['full-width digits', '１３５７'],
])('a card-info PIN the card can never accept (%s) is refused before the card sees it: no try is spent', async (_name, typed) => {
  const h = harness();
  await toCardPresent(h);
  h.controller.send({ type: 'readCardInfo' });
  const pin = new Uint8Array(Buffer.from(typed, 'utf8'));
  await expect(h.controller.cardInfoPin(pin, false)).rejects.toMatchObject({ code: 'VISIT_BAD_SECRET', details: { field: 'pin' } });
  expect(pin.every((b) => b === 0)).toBe(true);
  expect(h.controller.state).toMatchObject({ step: 'cardInfoPin', lastAttemptFailed: false, card: { pins: { cardInfo: { triesLeft: 3 } } } });
  // The card agrees: the right PIN still reads at the first try.
  expect(await h.controller.cardInfoPin(ascii('1357'), false)).toMatchObject({ step: 'identity', source: 'card' });
});

test('passwords for other certificates than the chosen ones are refused and wiped', async () => {
  const h = harness();
  await toPasswords(h);
  const sign = ascii('QZ7XK9WV2M');
  await expect(h.controller.passwords({ sign }, { sign: ascii('QZ7XK9WV2M') })).rejects.toMatchObject({ code: 'VISIT_BAD_SECRET', details: { field: 'auth' } });
  expect(sign.every((b) => b === 0)).toBe(true);
  const weak = ascii('ABCDEF');
  await expect(h.controller.passwords({ sign: weak, auth: ascii('8642') }, { sign: ascii('ABCDEF'), auth: ascii('8642') })).rejects.toMatchObject({ code: 'VISIT_BAD_SECRET', details: { field: 'sign' } });
  expect(h.controller.state.step).toBe('passwords');
  expect(h.runs).toHaveLength(0);
});

test('R-PW-3 the host compares each second entry itself: a different or missing one is refused, nothing reaches the card, all is wiped', async () => {
  const h = harness();
  await toPasswords(h);
  const cases: { readonly repeats: Record<string, Uint8Array>; readonly field: string }[] = [
    { repeats: { sign: ascii('QZ7XK9WV2N'), auth: ascii('8642') }, field: 'signRepeat' },
    { repeats: { sign: ascii('QZ7XK9WV2M'), auth: ascii('8643') }, field: 'authRepeat' },
    { repeats: { sign: ascii('QZ7XK9WV2'), auth: ascii('8642') }, field: 'signRepeat' },
    { repeats: { sign: ascii('QZ7XK9WV2M') }, field: 'authRepeat' },
  ];
  for (const { repeats, field } of cases) {
    const secrets = { sign: ascii('QZ7XK9WV2M'), auth: ascii('8642') };
    await expect(h.controller.passwords(secrets, repeats)).rejects.toMatchObject({ code: 'VISIT_BAD_SECRET', details: { field } });
    expect([...Object.values(secrets), ...Object.values(repeats)].every((bytes) => bytes.every((b) => b === 0))).toBe(true);
    expect(h.controller.state.step).toBe('passwords');
  }
  // A second entry for a certificate not chosen is refused too: nothing arrives that was not asked for.
  const h2 = harness();
  await toCardPresent(h2);
  h2.controller.send({ type: 'typeFactsInstead' });
  h2.controller.send({ type: 'confirmIdentity', basicInfo });
  h2.controller.send({ type: 'chooseProcedure', procedure: 'issue' });
  h2.controller.send({ type: 'setApplicant', applicant: { ...applicant, documents: [...applicant.documents] } });
  h2.controller.send({ type: 'chooseCertificates', certificates: ['auth'] });
  signForm(h2);
  await expect(h2.controller.passwords({ auth: ascii('8642') }, { auth: ascii('8642'), sign: ascii('QZ7XK9WV2M') })).rejects.toMatchObject({ code: 'VISIT_BAD_SECRET', details: { field: 'signRepeat' } });
  expect(h.runs).toHaveLength(0);
  expect(h2.runs).toHaveLength(0);
});

test('accepted passwords reach the card command intact, progress is shown, the result ends the visit', async () => {
  const h = harness();
  await toPasswords(h);
  const sign = ascii('QZ7XK9WV2M');
  const auth = ascii('8642');
  await h.controller.passwords({ sign, auth }, { sign: ascii('QZ7XK9WV2M'), auth: ascii('8642') });
  await h.controller.settled();
  expect(h.runs).toHaveLength(1);
  expect(h.runs[0]?.secretsAtCall).toEqual({ sign: 'QZ7XK9WV2M', auth: '8642' });
  expect(h.runs[0]?.input.request).toMatchObject({ procedure: 'issue', applicantType: 'self', clerkId: clerk.id, certificates: ['sign', 'auth'], basicInfo });
  expect(h.controller.state).toMatchObject({ step: 'done', outcome });
  expect(sign.every((b) => b === 0) && auth.every((b) => b === 0)).toBe(true);
});

/** Waits (bounded in time) until the state satisfies `isDone`: re-reads wait real milliseconds between attempts. */
async function until(h: Harness, isDone: (state: VisitState) => boolean, timeoutMs = 3_000): Promise<VisitState> {
  const deadline = Date.now() + timeoutMs;
  while (!isDone(h.controller.state) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return h.controller.state;
}

async function finishedPickUp(h: Harness): Promise<void> {
  await toCardPresent(h);
  h.controller.send({ type: 'chooseProcedure', procedure: 'pickUp' });
  await h.controller.settled();
  expect(h.controller.state.step).toBe('done');
}

test('after the procedure the card is read again on a fresh connection when the old one is spent and pcscd still holds the card', async () => {
  const h = harness();
  await finishedPickUp(h);
  for (const session of h.sessions) session.spent = true;
  h.faults.refusedOpens = 1;
  const shown = h.controller.state.step === 'done' ? h.controller.state.card : null;
  h.controller.send({ type: 'finish' });
  // A new summary object arrives only through a read that succeeded.
  const state = await until(h, (s) => s.step === 'cardPresent' && s.card !== shown);
  expect(state).toMatchObject({ step: 'cardPresent', readError: null, card: { reader } });
  expect(state.step === 'cardPresent' ? state.card : null).not.toBe(shown);
  // The spent session was closed, one connect was refused as busy, the next one read the card.
  expect(h.faults.refusedOpens).toBe(0);
  expect(h.sessions.map((s) => s.closed)).toEqual([true, false]);
});

test('a card that cannot be read again after the procedure is said to the clerk, with the old summary kept', async () => {
  const h = harness();
  await finishedPickUp(h);
  const before = h.controller.state.step === 'done' ? h.controller.state.card : null;
  for (const session of h.sessions) session.spent = true;
  h.faults.refusedOpens = 10;
  h.controller.send({ type: 'finish' });
  const state = await until(h, (s) => s.step === 'cardPresent' && s.readError !== null);
  expect(state).toMatchObject({ step: 'cardPresent', readError: { code: 'CARD_IN_USE', retryable: true } });
  expect(state.step === 'cardPresent' ? state.card : null).toEqual(before);
  // Bounded: three attempts, then it stops asking pcscd.
  expect(h.faults.refusedOpens).toBe(8);
});

test("with cards in two readers, a card that seems to leave and come back during the result is read again, not the other reader's", async () => {
  const h = harness();
  const other = 'Virtual PCD 00 01';
  await h.controller.signIn(clerk.id, ascii(clerkPin));
  h.readers.setAll([{ name: reader, hasCard: false }, { name: other, hasCard: true }]);
  await until(h, (s) => s.step === 'cardPresent');
  expect(h.controller.state).toMatchObject({ step: 'cardPresent', card: { reader: other } });
  // Another card waits in the first reader (listed first) while the visit is about the second.
  h.readers.setAll([{ name: reader, hasCard: true }, { name: other, hasCard: true }]);
  h.controller.send({ type: 'chooseProcedure', procedure: 'pickUp' });
  await h.controller.settled();
  expect(h.controller.state.step).toBe('done');
  h.readers.setAll([{ name: reader, hasCard: true }, { name: other, hasCard: false }]);
  h.readers.setAll([{ name: reader, hasCard: true }, { name: other, hasCard: true }]);
  h.controller.send({ type: 'finish' });
  const state = await until(h, (s) => s.step === 'cardPresent');
  expect(state).toMatchObject({ step: 'cardPresent', card: { reader: other } });
});

test('a rule refusal from the procedure becomes the refused step with its reasons', async () => {
  const h = harness();
  h.result = () => Promise.reject(issuanceError('ISSUE_NOT_ELIGIBLE', 'not eligible', ['R-ELIG-3']));
  await toPasswords(h);
  await h.controller.passwords({ sign: ascii('QZ7XK9WV2M'), auth: ascii('8642') }, { sign: ascii('QZ7XK9WV2M'), auth: ascii('8642') });
  await h.controller.settled();
  expect(h.controller.state).toMatchObject({ step: 'refused', reasons: ['R-ELIG-3'] });
});

test('a pick-up starts the card work at once, without passwords', async () => {
  const h = harness();
  await toCardPresent(h);
  h.controller.send({ type: 'chooseProcedure', procedure: 'pickUp' });
  await h.controller.settled();
  expect(h.runs[0]?.input.request).toMatchObject({ procedure: 'pickUp' });
  expect(h.runs[0]?.secretsAtCall).toEqual({});
  expect(h.controller.state.step).toBe('done');
});

test('pulling the card sets the visit back and closes the card session', async () => {
  const h = harness();
  await toCardPresent(h);
  h.readers.set(false);
  expect(h.controller.state).toMatchObject({ step: 'awaitingCard', notice: 'cardRemoved' });
  await reach(h, 'awaitingCard');
  for (let i = 0; i < 50 && h.sessions[0]?.closed !== true; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  expect(h.sessions[0]?.closed).toBe(true);
});

test("the applicant's deadline hands the visit back to the clerk; clerk inactivity signs out", async () => {
  jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
  const h = harness();
  await toPasswords(h);
  jest.advanceTimersByTime(60_001);
  expect(h.controller.state).toMatchObject({ step: 'cardPresent', notice: 'applicantTimedOut' });
  jest.advanceTimersByTime(600_001);
  expect(h.controller.state).toEqual({ step: 'signedOut', notice: 'clerkTimedOut' });
});

test('a card already in the reader when the clerk signs in is read at once', async () => {
  const h = harness();
  h.readers.set(true);
  expect(h.controller.state.step).toBe('signedOut');
  await h.controller.signIn(clerk.id, ascii(clerkPin));
  await reach(h, 'cardPresent');
});

test('a card pulled during the work: the result stays on screen without the card, then the visit waits for one', async () => {
  const h = harness();
  let finish: (value: ProcedureOutcome) => void = () => undefined;
  h.result = () => new Promise<ProcedureOutcome>((resolve) => (finish = resolve));
  await toPasswords(h);
  await h.controller.passwords({ sign: ascii('QZ7XK9WV2M'), auth: ascii('8642') }, { sign: ascii('QZ7XK9WV2M'), auth: ascii('8642') });
  h.readers.set(false);
  expect(h.controller.state).toMatchObject({ step: 'working', cardRemoved: true });
  finish(outcome);
  await h.controller.settled();
  expect(h.controller.state).toMatchObject({ step: 'done', card: null });
  expect(h.controller.send({ type: 'finish' })).toMatchObject({ step: 'awaitingCard', notice: null });
});

test('a card pulled while it is being read leaves no card session open', async () => {
  const h = harness();
  await h.controller.signIn(clerk.id, ascii(clerkPin));
  h.readers.set(true);
  expect(h.controller.state.step).toBe('readingCard');
  h.readers.set(false);
  expect(h.controller.state).toMatchObject({ step: 'awaitingCard', notice: 'cardRemoved' });
  for (let i = 0; i < 200 && h.sessions[0]?.closed !== true; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  expect(h.sessions[0]?.closed).toBe(true);
  expect(h.controller.state.step).toBe('awaitingCard');
});

test('the CA not answering: the notice comes before the passwords, and going on runs the issuance', async () => {
  const h = harness();
  h.ca.answering = false;
  await toCertificatesChosen(h);
  expect(signForm(h)).toMatchObject({ step: 'offlineNotice' });
  expect(h.controller.send({ type: 'goOnOffline' })).toMatchObject({ step: 'passwords', offlineAccepted: true });
  await h.controller.passwords({ sign: ascii('QZ7XK9WV2M'), auth: ascii('8642') }, { sign: ascii('QZ7XK9WV2M'), auth: ascii('8642') });
  await h.controller.settled();
  expect(h.runs).toHaveLength(1);
});

test('the CA went away during the passwords: nothing reaches the card, the passwords are wiped, the notice is shown', async () => {
  const h = harness();
  await toPasswords(h);
  h.ca.answering = false;
  const sign = ascii('QZ7XK9WV2M');
  const auth = ascii('8642');
  expect(await h.controller.passwords({ sign, auth }, { sign: ascii('QZ7XK9WV2M'), auth: ascii('8642') })).toMatchObject({ step: 'offlineNotice' });
  await h.controller.settled();
  expect(h.runs).toHaveLength(0);
  expect(sign.every((b) => b === 0) && auth.every((b) => b === 0)).toBe(true);
});

test('a refusal the rules know is decided before the passwords, audited, and no procedure runs', async () => {
  const h = harness();
  await toCardPresent(h);
  h.controller.send({ type: 'typeFactsInstead' });
  h.controller.send({ type: 'confirmIdentity', basicInfo: { ...basicInfo, birthDate: '2015-04-03' } });
  h.controller.send({ type: 'chooseProcedure', procedure: 'issue' });
  h.controller.send({ type: 'setApplicant', applicant: { ...applicant, documents: [...applicant.documents] } });
  expect(h.controller.send({ type: 'chooseCertificates', certificates: ['auth'] })).toMatchObject({ step: 'refused', reasons: ['representative-required'] });
  await h.controller.settled();
  expect(h.runs).toHaveLength(0);
  const audited = currentStore().audit.list().rows.filter((e) => e.action === 'application.refusedBeforePasswords');
  expect(audited.at(-1)).toMatchObject({ actor: clerk.id, details: { procedure: 'issue', reasons: ['representative-required'] } });
});

test('a card read still under way when the controller closes keeps no connection to the card open', async () => {
  const h = harness();
  await h.controller.signIn(clerk.id, ascii(clerkPin));
  h.faults.openDelayMs = 50;
  h.readers.set(true);
  await reach(h, 'readingCard');
  await h.controller.close();
  // The connection the read asked for arrives after the close.
  for (let i = 0; i < 50 && h.sessions.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(h.sessions).toHaveLength(1);
  expect(h.sessions.map((s) => s.closed)).toEqual([true]);
});
