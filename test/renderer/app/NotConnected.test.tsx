/** A page the host refuses (opened without the terminal's link) says why and what to do, instead of "connecting" for ever. */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, errorResult } from '../fake-api';
import { renderWithApi } from '../render';

function refusedPage(language?: 'ja' | 'en') {
  const fake = createFakeApi();
  fake.answer('session.get', errorResult('API_UNAUTHORIZED'));
  fake.answer('visit.get', errorResult('API_UNAUTHORIZED'));
  return renderWithApi(undefined, { fake, language });
}

describe('a page the terminal refuses', () => {
  it('says it is not connected, to open it from the link printed at start, or to restart the terminal', async () => {
    refusedPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'この画面は端末につながっていません' })).toBeTruthy();
    expect(screen.getByText(/端末を起動したときに表示されたリンク/)).toBeTruthy();
    expect(screen.getByText(/端末を再起動し、新しく表示されたリンクから開いてください/)).toBeTruthy();
    expect(screen.queryByText('端末に接続しています…')).toBeNull();
  });

  it('in English, switched from the keyboard', async () => {
    const user = userEvent.setup();
    refusedPage();
    await screen.findByRole('heading', { level: 1, name: 'この画面は端末につながっていません' });
    const toggle = screen.getByRole('button', { name: /English/ });
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'This page is not connected to the terminal' })).toBeTruthy();
    expect(screen.getByText(/restart the terminal and open the new link it prints/)).toBeTruthy();
  });

  it('another refusal (not the connection) keeps the usual screens', async () => {
    const fake = createFakeApi();
    fake.answer('session.get', errorResult('INTERNAL'));
    renderWithApi(undefined, { fake });
    expect(await screen.findByRole('heading', { level: 1 })).toBeTruthy();
    expect(screen.queryByText('この画面は端末につながっていません')).toBeNull();
  });
});
