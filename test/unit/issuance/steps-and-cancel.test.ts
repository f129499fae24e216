/**
 * The injected step hook and cancellation: the use cases report each named step in
 * order, and an AbortSignal stops a visit before its first durable write or between card steps
 * while stopping is still safe — with the secrets wiped either way.
 */
import { issueCertificates } from '../../../src/issuance/issue';
import { procedureSteps, type ProcedureStep } from '../../../src/issuance/steps';
import { issueRequest, secrets, useHarness, type Harness } from './harness';

jest.setTimeout(60_000);

let h: Harness;
useHarness((harness) => (h = harness));

test('an online issuance reports its steps, in the order of procedureSteps', async () => {
  const { card } = h.newCard();
  const seen: ProcedureStep[] = [];
  const result = await issueCertificates({ ...h.online(), onProgress: (step) => seen.push(step) }, card, issueRequest(), secrets());
  expect(result.state).toBe('completed');
  expect(seen).toEqual(expect.arrayContaining(['issue-after-draft', 'issue-after-keygen-sign', 'issue-after-setpin-auth', 'issue-after-queue', 'write-after-written', 'issue-after-completed']));
  const order = seen.map((step) => procedureSteps.indexOf(step));
  expect(order).toEqual([...order].sort((a, b) => a - b));
});

test('cancelled before the first durable write: nothing is recorded, the secrets are wiped', async () => {
  const { card } = h.newCard();
  const ctx = h.online();
  const before = ctx.store.applications.list({}).rows.length;
  const controller = new AbortController();
  controller.abort();
  const given = secrets();
  await expect(issueCertificates({ ...ctx, signal: controller.signal }, card, issueRequest(), given)).rejects.toMatchObject({ name: 'AbortError' });
  expect(ctx.store.applications.list({}).rows).toHaveLength(before);
  expect([...(given.sign ?? [])].every((b) => b === 0)).toBe(true);
  expect([...(given.auth ?? [])].every((b) => b === 0)).toBe(true);
});

test('cancelled between card steps: the application ends cancelled, nothing reaches the CA', async () => {
  const { card } = h.newCard();
  const ctx = h.online();
  const controller = new AbortController();
  // Cancel as soon as the first key exists: the next card step must not run.
  const onProgress = (step: ProcedureStep) => {
    if (step === 'issue-after-keygen-sign') controller.abort();
  };
  const seen: ProcedureStep[] = [];
  await expect(
    issueCertificates({ ...ctx, signal: controller.signal, onProgress: (s) => (seen.push(s), onProgress(s)) }, card, issueRequest(), secrets()),
  ).rejects.toMatchObject({ name: 'AbortError' });
  expect(seen).not.toContain('issue-after-keygen-auth');
  const latest = ctx.store.applications.list({}).rows.at(-1);
  expect(latest?.state).toBe('cancelled');
  expect(ctx.store.outbox.list({ applicationId: latest?.id ?? '' }).rows).toEqual([]);
});
