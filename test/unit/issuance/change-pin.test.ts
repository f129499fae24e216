/**
 * Changing a password the holder knows (R-LOCK-4, R-PROC-7) on the real virtual card engine and
 * a real SQLite store, and what a restart makes of a change cut off while the card took the new
 * password (R-LOCK-5).
 */
import { cardError } from '../../../src/card/errors';
import { changePins } from '../../../src/issuance/change-pin';
import { issueCertificates } from '../../../src/issuance/issue';
import { recoverInterrupted } from '../../../src/issuance/recover';
import type { ProcedureStep } from '../../../src/issuance/steps';
import { authPin, bytes, issueRequest, secrets, signPassword, useHarness, type Harness } from './harness';

jest.setTimeout(60_000);

let h: Harness;
useHarness((harness) => (h = harness));

const changeRequest = (kind: 'sign' | 'auth') => issueRequest({ procedure: 'changePin', documents: ['myNumberCard'], certificates: [kind], basicInfo: undefined });

async function issuedCard() {
  const made = h.newCard();
  await issueCertificates(h.online(), made.card, issueRequest(), secrets());
  return made;
}

/** A power cut at one named step: the process stops there, nothing after it runs. */
class PowerCut extends Error {}
function cutAt(point: ProcedureStep) {
  return {
    ...h.online(),
    onProgress: (step: ProcedureStep) => {
      if (step === point) throw new PowerCut(step);
    },
  };
}

const applicationsOf = (serial: string) => h.store.applications.list().rows.filter((a) => a.cardSerial === serial && a.procedure === 'changePin');

describe('password change (R-LOCK-4)', () => {
  test('the card takes the new signing password: the new one verifies, the old one no longer does; free, completed', async () => {
    const { card } = await issuedCard();
    const current = { sign: bytes(signPassword) };
    const fresh = { sign: bytes('NEWPASS42') };
    const result = await changePins(h.online(), card, changeRequest('sign'), fresh, current);
    expect(result.state).toBe('completed');
    expect(result.receipt).toMatchObject({ procedure: 'changePin', feeYen: 0, certificates: [{ kind: 'sign', status: 'pinChanged' }] });
    // Both passwords were wiped once the card had answered.
    expect([...current.sign, ...fresh.sign].every((b) => b === 0)).toBe(true);
    await expect(card.verifyPin('sign', bytes(signPassword))).rejects.toMatchObject({ code: 'CARD_WRONG_PIN' });
    await card.verifyPin('sign', bytes('NEWPASS42'));
    expect(h.store.applications.get(result.applicationId)).toMatchObject({ state: 'completed', feeYen: 0, basicInfo: null });
  });

  test('a wrong current PIN is a wrong try as the card counts it (R-LOCK-1); nothing is recorded but its audit line', async () => {
    const { card } = await issuedCard();
    const serial = (await card.readCardFacts()).serial;
    await expect(changePins(h.online(), card, changeRequest('auth'), { auth: bytes('1357') }, { auth: bytes('0000') })).rejects.toMatchObject({ code: 'CARD_WRONG_PIN' });
    expect((await card.readPinStatus()).auth).toMatchObject({ triesLeft: 2, isBlocked: false });
    expect(applicationsOf(serial)).toEqual([]);
    const refused = h.store.audit.list({}).rows.filter((e) => e.action === 'pin.changeRefused' && e.details.cardSerial === serial);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.details).toMatchObject({ certificate: 'auth', triesLeft: 2 });
    // The right PIN still works and resets the count.
    await card.verifyPin('auth', bytes(authPin));
  });
});

describe('a change cut off by a crash, then restart (R-LOCK-5)', () => {
  test('after the card took the new password but before the store said so: recorded as unconfirmed, never as cancelled', async () => {
    const { card } = await issuedCard();
    const serial = (await card.readCardFacts()).serial;
    await expect(changePins(cutAt('change-after-card'), card, changeRequest('auth'), { auth: bytes('1357') }, { auth: bytes(authPin) })).rejects.toBeInstanceOf(PowerCut);
    const [left] = applicationsOf(serial);
    expect(left?.state).toBe('draft');

    const report = recoverInterrupted(h.store);
    expect(report.cancelled).not.toContain(left?.id);
    expect(report.unconfirmed).toEqual([left?.id]);
    expect(h.store.applications.get(left?.id ?? '')).toMatchObject({ state: 'failed', errorCode: 'ISSUE_CHANGE_UNCONFIRMED' });
    const recovered = h.store.audit.list({ subject: left?.id ?? '' }).rows.find((e) => e.action === 'application.recovered');
    expect(String(recovered?.details.reason)).toMatch(/may hold the new password/);
    // And that is the truth: the card holds the new PIN.
    await card.verifyPin('auth', bytes('1357'));
  });

  test('the card took the new PIN but its answer was lost (card pulled): the visit says unconfirmed, not failed or unchanged', async () => {
    const { card } = await issuedCard();
    const serial = (await card.readCardFacts()).serial;
    const realChange = card.changePin.bind(card);
    card.changePin = async (kind, oldPin, newPin) => {
      await realChange(kind, oldPin, newPin);
      throw cardError('CARD_REMOVED', 'the answer never came back');
    };
    await expect(changePins(h.online(), card, changeRequest('auth'), { auth: bytes('2468') }, { auth: bytes(authPin) })).rejects.toMatchObject({ code: 'ISSUE_CHANGE_UNCONFIRMED' });
    const [left] = applicationsOf(serial);
    expect(left).toMatchObject({ state: 'failed', errorCode: 'ISSUE_CHANGE_UNCONFIRMED' });
    await card.verifyPin('auth', bytes('2468'));
  });

  test('a change the card refused for sure (wrong current entry) leaves no application for recovery to guess about', async () => {
    const { card } = await issuedCard();
    const serial = (await card.readCardFacts()).serial;
    await expect(changePins(h.online(), card, changeRequest('auth'), { auth: bytes('1357') }, { auth: bytes('9999') })).rejects.toMatchObject({ code: 'CARD_WRONG_PIN' });
    recoverInterrupted(h.store);
    expect(applicationsOf(serial)).toEqual([]);
  });

  test('a change the card finished and the store recorded (card_prepared) completes at restart', async () => {
    const { card } = await issuedCard();
    const serial = (await card.readCardFacts()).serial;
    await expect(changePins(cutAt('change-after-card-prepared'), card, changeRequest('sign'), { sign: bytes('OTHER77PW') }, { sign: bytes(signPassword) })).rejects.toBeInstanceOf(PowerCut);
    const [left] = applicationsOf(serial);
    expect(left?.state).toBe('card_prepared');
    const report = recoverInterrupted(h.store);
    expect(report.completed).toContain(left?.id);
    await card.verifyPin('sign', bytes('OTHER77PW'));
  });
});
