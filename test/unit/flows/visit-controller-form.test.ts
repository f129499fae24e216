/** The visit controller and the application form: the host starts no procedure before the signed form is ticked, and the tick is audited. */
import type { VisitState } from '../../../src/api/visit';
import { clerk, basicInfo, applicant, ascii, harness, toCardPresent, signForm, currentStore, type Harness } from './visit-controller-harness';

describe('the application form before the procedure', () => {
  async function toForm(h: Harness): Promise<Extract<VisitState, { step: 'applicationForm' }>> {
    await toCardPresent(h);
    h.controller.send({ type: 'typeFactsInstead' });
    h.controller.send({ type: 'confirmIdentity', basicInfo });
    h.controller.send({ type: 'chooseProcedure', procedure: 'issue' });
    h.controller.send({ type: 'setApplicant', applicant: { ...applicant, documents: [...applicant.documents] } });
    const form = h.controller.send({ type: 'chooseCertificates', certificates: ['sign', 'auth'] });
    if (form.step !== 'applicationForm') throw new Error(`expected the form, got ${form.step}`);
    return form;
  }

  test('without the tick the host refuses to start (VISIT_FORM_NOT_SIGNED): no passwords, no procedure', async () => {
    const h = harness();
    await toForm(h);
    expect(() => h.controller.send({ type: 'startProcedure' })).toThrow(expect.objectContaining({ code: 'VISIT_FORM_NOT_SIGNED' }));
    expect(h.controller.state).toMatchObject({ step: 'applicationForm', formSigned: false });
    // Ticked then taken back: refused again.
    h.controller.send({ type: 'setFormSigned', signed: true });
    h.controller.send({ type: 'setFormSigned', signed: false });
    expect(() => h.controller.send({ type: 'startProcedure' })).toThrow(expect.objectContaining({ code: 'VISIT_FORM_NOT_SIGNED' }));
    await h.controller.settled();
    expect(h.runs).toHaveLength(0);
  });

  test('the tick and its withdrawal are audited with the clerk and the form\'s receipt number', async () => {
    const h = harness();
    const form = await toForm(h);
    const before = currentStore().audit.list().rows.length;
    h.controller.send({ type: 'setFormSigned', signed: true });
    h.controller.send({ type: 'setFormSigned', signed: true });
    h.controller.send({ type: 'setFormSigned', signed: false });
    const ticks = currentStore().audit.list().rows.slice(before).filter((e) => e.action.startsWith('application.form'));
    expect(ticks).toEqual([
      expect.objectContaining({ actor: clerk.id, action: 'application.formReceived', details: expect.objectContaining({ receiptNumber: form.receiptNumber, procedure: 'issue', applicantType: 'self' }) }),
      expect.objectContaining({ actor: clerk.id, action: 'application.formReceiptWithdrawn' }),
    ]);
  });

  test('the form carries a reserved receipt number that the application is filed under', async () => {
    const h = harness();
    const form = await toForm(h);
    expect(form.receiptNumber).toMatch(/^\d{8}-\d{3}$/);
    // Going back and choosing again keeps the number already printed.
    h.controller.send({ type: 'back' });
    expect(h.controller.send({ type: 'chooseCertificates', certificates: ['sign', 'auth'] })).toMatchObject({ step: 'applicationForm', receiptNumber: form.receiptNumber });
    signForm(h);
    await h.controller.passwords({ sign: ascii('QZ7XK9WV2M'), auth: ascii('8642') }, { sign: ascii('QZ7XK9WV2M'), auth: ascii('8642') });
    await h.controller.settled();
    expect(h.runs[0]?.input.request).toMatchObject({ procedure: 'issue', receiptNumber: form.receiptNumber });
  });
});
