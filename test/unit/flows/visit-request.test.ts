import type { DocumentCode } from '../../../src/domain/documents';
import { applicationRequestFor } from '../../../src/flows/visit-request';
import { fixtures } from '../api/visit-fixtures';

const working = fixtures.working;
const withTicked = (documents: readonly DocumentCode[], procedure = working.procedure) => ({ ...working, procedure, applicant: { ...working.applicant, documents } });

describe('applicationRequestFor', () => {
  it('files the signed form taken at the form step, which is not on the checklist', () => {
    expect(applicationRequestFor(withTicked(['myNumberCard'])).documents).toEqual(['myNumberCard', 'applicationForm']);
  });

  it('keeps the ticked documents in the checklist order', () => {
    expect(applicationRequestFor(withTicked(['photoId', 'myNumberCard'])).documents).toEqual(['myNumberCard', 'applicationForm', 'photoId']);
  });

  it('files no form for a visit that had no form step (a password change)', () => {
    expect(applicationRequestFor(withTicked(['myNumberCard', 'applicationForm'], 'changePin')).documents).toEqual(['myNumberCard']);
  });

  it('never carries a password or a secret field', () => {
    const request = applicationRequestFor(working);
    expect(Object.keys(request).sort()).toEqual(['applicant', 'applicantType', 'basicInfo', 'certificates', 'clerkId', 'documents', 'procedure', 'receiptNumber']);
  });
});
