/** The notice before keys are made while the CA cannot answer: plain words, two choices, axe-clean. */
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { VisitState } from '../../../src/api/visit';
import type { Language } from '../../../renderer/i18n/format';
import { basicInfo, card, clerk, selfApplicant } from '../fixtures';
import { renderWithApi } from '../render';

type Notice = Extract<VisitState, { step: 'offlineNotice' }>;

const present = { state: 'present', serial: '0A1B', expiry: '2030-03-14', isExpired: false } as const;
function noticeState(o: Partial<Notice> = {}): Notice {
  return {
    step: 'offlineNotice',
    clerk,
    card: card({ certificates: { sign: { state: 'pinRequired' }, auth: present } }),
    basicInfo,
    procedure: 'renew',
    continuesApplicationId: null,
    applicant: selfApplicant,
    certificates: ['sign', 'auth'],
    revocationReason: null,
    receiptNumber: null,
    ...o,
  };
}

beforeAll(() => {
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

describe('OfflineNoticeScreen', () => {
  it('says the current certificates stop now and the new ones come at a pick-up at any counter', async () => {
    renderWithApi(undefined, { visit: noticeState() });
    expect(await screen.findByRole('heading', { level: 1, name: '認証局と通信できません。電子証明書は今日はお渡しできません' })).toBeTruthy();
    expect(screen.getByText(/今カードに入っている署名用電子証明書、利用者証明用電子証明書は/)).toBeTruthy();
    expect(screen.getByText(/どの窓口でも受け取れます/)).toBeTruthy();
    expect(screen.getByText(/今の電子証明書はそのまま使えます/)).toBeTruthy();
  });

  it('a card without certificates is not told that any stop working', async () => {
    renderWithApi(undefined, { visit: noticeState({ procedure: 'issue', card: card() }) });
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByText(/使えなくなります/)).toBeNull();
    expect(screen.getByText(/どの窓口でも受け取れます/)).toBeTruthy();
  });

  it('going on and stopping are the two choices', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: noticeState() });
    await user.click(await screen.findByRole('button', { name: '了承を得たので、このまま進める（電子証明書は後日受取）' }));
    await user.click(screen.getByRole('button', { name: '今日はやめる（カードはそのまま）' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'goOnOffline' } }, { command: { type: 'cancel' } }]));
  });

  it.each<Language>(['ja', 'en'])('has no serious axe violations (%s)', async (language) => {
    const { container } = renderWithApi(undefined, { visit: noticeState(), language });
    await screen.findByRole('heading', { level: 1 });
    let results: axe.AxeResults | undefined;
    await act(async () => {
      results = await axe.run(container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } } });
    });
    expect(results?.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});
