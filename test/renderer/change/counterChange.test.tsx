/**
 * The counter's password change as the resident sees it (R-LOCK-4): which password, with the
 * card's tries left; the current password, then the new one twice under the rules; one frame
 * to the host; a wrong current entry brings the tries the card reports; a locked one is refused
 * before anything is typed, with what to do.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { StepState } from '../../../renderer/app/steps';
import { errorResult } from '../fake-api';
import { basicInfo, card, clerk, farDeadline, states, tries } from '../fixtures';
import { renderWithApi } from '../render';

jest.setTimeout(60_000);

const holder = { applicantType: 'self', documents: ['myNumberCard'], adultWard: false, domicileInCity: true, reissuedCard: false } as const;

function choosing(pins = card().pins): StepState<'certificates'> {
  return { step: 'certificates', clerk, card: card({ pins }), basicInfo: null, procedure: 'changePin', continuesApplicationId: null, applicant: holder };
}

function typing(kind: 'sign' | 'auth', triesLeft: number, currentRefused = false) {
  const pins = { sign: tries(kind === 'sign' ? triesLeft : 5, 5), auth: tries(kind === 'auth' ? triesLeft : 3), cardInfo: tries(3) };
  return states.passwords({ procedure: 'changePin', applicant: holder, basicInfo: null, certificates: [kind], card: card({ pins }), currentRefused, deadlineAt: farDeadline() });
}

const bytes = (text: string) => [...text].map((c) => c.charCodeAt(0));

describe('counter password change', () => {
  it('the resident chooses which password, seeing the tries the card reports', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: choosing({ sign: tries(4, 5), auth: tries(2), cardInfo: tries(3) }) });
    expect(await screen.findByRole('heading', { level: 1, name: '変更するパスワードを選んでください' })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'いまの状態' });
    expect(within(table).getByRole('row', { name: /署名用パスワード/ }).textContent).toContain('あと4回まちがえるとロックされます');
    expect(within(table).getByRole('row', { name: /利用者証明用暗証番号/ }).textContent).toContain('あと2回まちがえるとロックされます');
    await user.click(screen.getByRole('button', { name: '利用者証明用暗証番号を変更する' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'chooseCertificates', certificates: ['auth'] } }]));
  });

  it('a locked password cannot be chosen, and the screen says what to do instead', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: choosing({ sign: tries(5, 5), auth: { triesLeft: 0, maxTries: 3, isBlocked: true }, cardInfo: tries(3) }) });
    const locked = await screen.findByRole('button', { name: '利用者証明用暗証番号を変更する' });
    expect(locked.getAttribute('aria-disabled')).toBe('true');
    await user.click(locked);
    expect(fake.callsTo('visit.send')).toEqual([]);
    expect(screen.getAllByText(/窓口で初期化・再設定するか/).length).toBeGreaterThan(0);
  });

  it('takes the current PIN with the tries left shown, then the new one twice, and sends all three as one frame', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake, container } = renderWithApi(undefined, { visit: typing('auth', 3) });
    expect(await screen.findByRole('heading', { level: 2, name: 'いまの利用者証明用暗証番号を入れてください' })).toBeTruthy();
    expect(screen.getByText('あと3回まちがえるとロックされます。')).toBeTruthy();
    await user.keyboard('1234');
    await user.click(screen.getByRole('button', { name: '次へ（新しいパスワード）' }));
    // Nothing has left the screen yet: the card checks the current PIN together with the change.
    expect(fake.callsTo('visit.changePassword')).toEqual([]);
    expect(fake.callsTo('visit.send')).toEqual([]);
    // The live rule checklist of the new PIN.
    expect(screen.getByText(/数字4桁（まだです）/)).toBeTruthy();
    await user.keyboard('5678');
    expect(screen.getByText(/数字4桁（満たしています）/)).toBeTruthy();
    await user.keyboard('{Enter}5678{Enter}');
    await user.click(screen.getByRole('button', { name: '変更する' }));
    await waitFor(() => expect(fake.callsTo('visit.changePassword')).toEqual([{ current: bytes('1234'), password: bytes('5678'), confirmation: bytes('5678'), confirmLastTry: false }]));
    expect(container.innerHTML).not.toContain('1234');
  });

  it('after the card refused the current entry it says so with the tries the card reports now', async () => {
    renderWithApi(undefined, { visit: typing('sign', 2, true) });
    expect(await screen.findByText('いまのパスワードがちがいました。パスワードは変わっていません。')).toBeTruthy();
    expect(screen.getByText('あと2回まちがえるとロックされます。')).toBeTruthy();
  });

  it('at one try left the current entry needs an explicit confirmation, which goes with the frame', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: typing('auth', 1) });
    await screen.findByText('あと1回まちがえるとロックされます。');
    await user.keyboard('1234');
    await user.click(screen.getByRole('button', { name: '次へ（新しいパスワード）' }));
    const dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'この内容で進む' }));
    await user.keyboard('5678{Enter}5678{Enter}');
    await user.click(screen.getByRole('button', { name: '変更する' }));
    await waitFor(() => expect(fake.callsTo('visit.changePassword')).toEqual([expect.objectContaining({ confirmLastTry: true })]));
  });

  it('a refused frame (here: a new PIN the host will not take) goes back to the current entry and says why', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: typing('auth', 3) });
    fake.answer('visit.changePassword', errorResult('VISIT_BAD_SECRET', { field: 'password' }));
    await screen.findByRole('heading', { level: 2 });
    await user.keyboard('1234');
    await user.click(screen.getByRole('button', { name: '次へ（新しいパスワード）' }));
    await user.keyboard('5678{Enter}5678{Enter}');
    await user.click(screen.getByRole('button', { name: '変更する' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'いまの利用者証明用暗証番号を入れてください' })).toBeTruthy();
    expect(screen.getByText('あと3回まちがえるとロックされます。')).toBeTruthy();
  });

  it('the result says what changed; a change whose answer never came is not called failed', async () => {
    const receipt = { applicationId: 'a1', receiptNumber: '21213-T1-20261205-001', procedure: 'changePin', applicantType: 'self', state: 'completed', today: '2026-12-05', certificates: [{ kind: 'sign', status: 'pinChanged', serial: null, expiry: null, expiryIsExpected: false }], feeYen: 0, nextStep: 'none', warnings: [], inquiryLetter: null } as const;
    const done = renderWithApi(undefined, { visit: { step: 'done', clerk, card: card(), outcome: { procedure: 'changePin', receipts: [receipt] } } as never });
    expect(await screen.findByText('署名用パスワード：新しいパスワードに変更しました。前のパスワードは使えません。')).toBeTruthy();
    // The certificate itself is as it was: nothing is still to be issued.
    expect(screen.queryByText('発行後に決まります')).toBeNull();
    expect(screen.getAllByText('変わりません')).toHaveLength(2);
    done.unmount();
    renderWithApi(undefined, { visit: { step: 'failed', clerk, card: null, procedure: 'changePin', error: { code: 'ISSUE_CHANGE_UNCONFIRMED', retryable: false, details: {} } } });
    expect(await screen.findByRole('heading', { level: 1, name: '変更できたか確かめられませんでした' })).toBeTruthy();
    expect(screen.getByText(/まず新しいパスワードをお試しください/)).toBeTruthy();
  });
});

void basicInfo;
