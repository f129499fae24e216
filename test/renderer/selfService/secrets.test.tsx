/**
 * docs/design.md §7 on the self-service screens: a password typed on the keypad never reaches the DOM
 * as text or as an attribute (every mutation is watched, not just the final page) unless the
 * resident asks to see it, and the arrays handed to the host are zeroed once it has answered.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOf } from '../../../src/api/contract';
import { errorResult, okResult } from '../fake-api';
import { tries } from '../fixtures';
import { renderWithApi } from '../render';
import { selfServiceSession, ss, ssCard } from './ssFixtures';

jest.setTimeout(30_000);

/** Every text and attribute value the document ever held while watched. */
function watchDom(): { readonly seen: string[]; readonly stop: () => void } {
  const seen: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') seen.push(record.target.textContent ?? '');
      if (record.type === 'attributes' && record.target instanceof Element) seen.push(record.target.getAttribute(record.attributeName ?? '') ?? '');
      for (const node of record.addedNodes) {
        seen.push(node.textContent ?? '');
        if (node instanceof Element) for (const el of [node, ...node.querySelectorAll('*')]) for (const attr of el.attributes) seen.push(attr.value);
      }
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  return {
    seen,
    stop: () => {
      for (const record of observer.takeRecords()) if (record.type === 'characterData') seen.push(record.target.textContent ?? '');
      observer.disconnect();
    },
  };
}

function holds(seen: readonly string[], secret: string): boolean {
  return seen.some((text) => text.includes(secret));
}

describe('the secret never reaches the DOM', () => {
  it('the proving auth PIN, typed on the keypad and sent', async () => {
    const user = userEvent.setup();
    const { fake, container } = renderWithApi(undefined, { session: selfServiceSession, selfService: ss.proving() });
    await screen.findByRole('heading', { level: 1 });
    const seenRequests: RequestOf<'selfService.provingPassword'>[] = [];
    fake.answer('selfService.provingPassword', (request) => {
      seenRequests.push(request);
      expect(String.fromCharCode(...request.password)).toBe('2580');
      return errorResult('CARD_WRONG_PIN', { triesLeft: 2 });
    });
    const dom = watchDom();
    const keypad = screen.getByRole('group', { name: '利用者証明用暗証番号の入力キー' });
    for (const c of '2580') await user.click(within(keypad).getByRole('button', { name: c }));
    expect(screen.getByText('4桁入力済み')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '入力した内容で確かめる' }));
    await screen.findByText('あと2回まちがえるとロックされます。');
    dom.stop();
    expect(holds(dom.seen, '2580')).toBe(false);
    expect(holds(dom.seen, '258')).toBe(false);
    expect(container.innerHTML).not.toContain('2580');
    await waitFor(() => expect([...(seenRequests[0]?.password ?? [])]).toEqual([0, 0, 0, 0]));
  });

  it('the proving signing password from a physical keyboard', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { session: selfServiceSession, selfService: ss.proving({ resetKind: 'auth', provingKind: 'sign', card: ssCard({ pins: { sign: tries(5, 5), auth: tries(0) } }) }) });
    await screen.findByRole('heading', { level: 1 });
    const seenRequests: RequestOf<'selfService.provingPassword'>[] = [];
    fake.answer('selfService.provingPassword', (request) => {
      seenRequests.push(request);
      return okResult(ss.verifying());
    });
    const dom = watchDom();
    await user.click(screen.getByRole('heading', { level: 1 }));
    await user.keyboard('kakami82{Enter}');
    await screen.findByRole('heading', { level: 1, name: '本人確認をしています' });
    dom.stop();
    expect(holds(dom.seen, 'KAKAMI82')).toBe(false);
    expect(holds(dom.seen, 'kakami')).toBe(false);
    expect(holds(dom.seen, 'KAK')).toBe(false);
    await waitFor(() => expect(seenRequests[0]?.password.every((b) => b === 0)).toBe(true));
    expect(seenRequests[0]?.password).toHaveLength(8);
  });

  it('the new password typed twice, both arrays zeroed after the host answered', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake, container } = renderWithApi(undefined, { session: selfServiceSession, selfService: ss.newPassword() });
    await screen.findByRole('heading', { level: 1 });
    const seenRequests: RequestOf<'selfService.newPassword'>[] = [];
    fake.answer('selfService.newPassword', (request) => {
      seenRequests.push(request);
      expect(String.fromCharCode(...request.password)).toBe('Q7W8E9R0');
      expect(String.fromCharCode(...request.confirmation)).toBe('Q7W8E9R0');
      expect(container.innerHTML).not.toContain('Q7W8E9R0');
      return okResult(ss.writing());
    });
    const dom = watchDom();
    await user.click(screen.getByRole('heading', { level: 1 }));
    await user.keyboard('q7w8e9r0{Enter}q7w8e9r0{Enter}');
    await user.click(await screen.findByRole('button', { name: '設定する' }));
    await screen.findByRole('heading', { level: 1, name: '新しいパスワードをカードに設定しています' });
    dom.stop();
    expect(holds(dom.seen, 'Q7W8E9R0')).toBe(false);
    expect(holds(dom.seen, 'Q7W')).toBe(false);
    await waitFor(() => {
      expect(seenRequests[0]?.password.every((b) => b === 0)).toBe(true);
      expect(seenRequests[0]?.confirmation.every((b) => b === 0)).toBe(true);
    });
  });

  it('the check can fail: shown on request, the characters are in the DOM (so the watch above sees them when they are)', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { session: selfServiceSession, selfService: ss.proving() });
    await screen.findByRole('heading', { level: 1 });
    const dom = watchDom();
    await user.click(screen.getByRole('heading', { level: 1 }));
    await user.keyboard('2580');
    await user.click(screen.getByRole('button', { name: '入力した数字を表示' }));
    dom.stop();
    expect(holds(dom.seen, '2580')).toBe(true);
  });
});
