/**
 * The clerk display while the applicant types (ApplicantTurnStatus: the step only, R-PW-3), and
 * the parts of the idle warning idle.test.tsx leaves out: the lead time taken from the session,
 * and the warning in English.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiProvider } from '../../../renderer/api/ApiProvider';
import { App } from '../../../renderer/app/App';
import { NavigationProvider } from '../../../renderer/app/navigation';
import { I18nProvider } from '../../../renderer/i18n/I18nProvider';
import { createFakeApi } from '../fake-api';
import { session, states } from '../fixtures';
import { renderWithApi } from '../render';

// Many key presses per test on a shared, busy machine.
jest.setTimeout(30_000);

describe('the idle warning on the applicant screens (beyond idle.test.tsx)', () => {
  it('takes the warning lead from the session (session.timeouts.applicantWarningMs)', async () => {
    const deadlineAt = Date.now() + 40_000;
    // 40 s left: the fixture's 30 s lead stays silent, a 45 s lead warns.
    renderWithApi(undefined, { visit: states.cardInfoPin({ deadlineAt }) });
    await screen.findByRole('heading', { level: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('button', { name: '延長する' })).toBeNull();

    renderWithApi(undefined, { visit: states.cardInfoPin({ deadlineAt }), session: { ...session, timeouts: { ...session.timeouts, applicantWarningMs: 45_000 } } });
    expect(await screen.findByRole('button', { name: '延長する' })).toBeTruthy();
  });

  it('says it in English on the toggle', async () => {
    renderWithApi(undefined, { visit: states.passwords({ deadlineAt: Date.now() + 25_000 }), language: 'en' });
    expect(await screen.findByRole('button', { name: 'Extend' })).toBeTruthy();
    expect(screen.getByText(/Your turn will soon end/)).toBeTruthy();
  });
});

describe('ApplicantTurnStatus (the clerk display during the applicant’s steps)', () => {
  /** The counter screen and a clerk display on one host, as two windows would be. */
  function renderBoth(visit: Parameters<typeof createFakeApi>[0]) {
    window.localStorage.clear();
    const fake = createFakeApi(visit);
    const counter = render(
      <I18nProvider>
        <ApiProvider api={fake.api}>
          <NavigationProvider>
            <App />
          </NavigationProvider>
        </ApiProvider>
      </I18nProvider>,
    );
    const clerkView = render(
      <I18nProvider>
        <ApiProvider api={fake.api}>
          <NavigationProvider>
            <App display="clerk" />
          </NavigationProvider>
        </ApiProvider>
      </I18nProvider>,
    );
    return { fake, counter: counter.container, clerk: clerkView.container };
  }

  it.each([
    ['passwords', states.passwords(), 'パスワード・暗証番号の設定'],
    ['cardInfoPin', states.cardInfoPin(), '券面事項入力補助用暗証番号の入力'],
  ] as const)('%s: shows the step only, never the characters or how many were typed', async (_step, visit, stepName) => {
    const user = userEvent.setup();
    const { counter, clerk } = renderBoth({ visit });
    await within(clerk).findByRole('heading', { level: 1, name: '申請者が入力中です' });
    expect(within(clerk).getByText(stepName)).toBeTruthy();
    expect(within(clerk).queryByRole('group', { name: /入力キー/ })).toBeNull();
    const before = clerk.innerHTML;

    // The applicant types on the counter screen (keys reach the document, as on a kiosk).
    await within(counter).findAllByRole('group', { name: /入力キー/ });
    await user.keyboard(visit.step === 'passwords' ? 'ABC123' : '1234');
    await within(counter).findByText(/(文字|桁)入力済み/);
    expect(clerk.innerHTML).toBe(before);
    expect(clerk.textContent).not.toMatch(/●|文字入力済み|桁入力済み|ABC123|1234/);
  });

  it('goes back to the clerk’s screen when the applicant’s step ends', async () => {
    const { fake, clerk } = renderBoth({ visit: states.passwords() });
    await within(clerk).findByRole('heading', { level: 1, name: '申請者が入力中です' });
    fake.emit('visit', states.working());
    await waitFor(() => expect(within(clerk).queryByRole('heading', { level: 1, name: '申請者が入力中です' })).toBeNull());
  });

  it('speaks English on the toggle', async () => {
    window.localStorage.clear();
    renderWithApi(<App display="clerk" />, { visit: states.passwords(), language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'The applicant is entering' })).toBeTruthy();
  });
});
