import { fee, isSameDay, requiredDocuments, type DocumentsInput } from '../../../src/domain/documents';

describe('requiredDocuments', () => {
  test.each<[string, DocumentsInput, string[]]>([
    ['R-APP-1 R-DOC-1 R-DOC-2 issue in person', { procedure: 'issue', applicantType: 'self' }, ['myNumberCard', 'applicationForm']],
    ['R-APP-1 R-DOC-2 renewal in person', { procedure: 'renew', applicantType: 'self' }, ['myNumberCard', 'applicationForm']],
    ['R-APP-2 representative of an adult ward', { procedure: 'issue', applicantType: 'legalRepresentative' }, ['myNumberCard', 'applicationForm', 'photoId', 'authorityProof']],
    ['R-APP-2 under 15, domicile elsewhere: family register copy needed', { procedure: 'issue', applicantType: 'legalRepresentative', under15: true, domicileInCity: false }, ['myNumberCard', 'applicationForm', 'photoId', 'authorityProof']],
    ['R-APP-2 under 15, domicile in the city: family register copy waived', { procedure: 'issue', applicantType: 'legalRepresentative', under15: true, domicileInCity: true }, ['myNumberCard', 'applicationForm', 'photoId']],
    ['R-APP-2 adult ward, domicile in the city: registry certificate still needed', { procedure: 'issue', applicantType: 'legalRepresentative', under15: false, domicileInCity: true }, ['myNumberCard', 'applicationForm', 'photoId', 'authorityProof']],
    ['R-APP-3 voluntary proxy, first visit', { procedure: 'issue', applicantType: 'proxy', proxyVisit: 'first' }, ['myNumberCard', 'applicationForm', 'photoId']],
    ['R-APP-3 voluntary proxy, second visit brings the letter', { procedure: 'issue', applicantType: 'proxy', proxyVisit: 'second' }, ['myNumberCard', 'applicationForm', 'photoId', 'inquiryLetter']],
    ['R-LOCK-2 R-DOC-1 password reset in person: the card', { procedure: 'resetPin', applicantType: 'self' }, ['myNumberCard']],
    ['R-LOCK-2 R-APP-2 password reset by a representative', { procedure: 'resetPin', applicantType: 'legalRepresentative' }, ['myNumberCard', 'photoId', 'authorityProof']],
    ['R-DOC-1 pick-up', { procedure: 'pickUp', applicantType: 'self' }, ['myNumberCard']],
    ['R-DOC-2 revocation of a lost card: form only', { procedure: 'revoke', applicantType: 'self' }, ['applicationForm']],
  ])('%s', (_title, input, expected) => {
    expect(requiredDocuments(input)).toEqual(expected);
  });
});

describe('same day', () => {
  test.each([
    ['R-APP-1', 'self', true],
    ['R-APP-2', 'legalRepresentative', true],
    ['R-APP-3', 'proxy', false],
  ] as const)('%s %s → %s', (_rule, applicantType, expected) => {
    expect(isSameDay(applicantType)).toBe(expected);
  });
});

describe('fee (R-DOC-3)', () => {
  test.each([
    ['R-DOC-3 first issuance is free', 'issue', false, 0],
    ['R-DOC-3 issuance onto a re-issued card costs 200 yen', 'issue', true, 200],
    ['R-DOC-3 renewal is free', 'renew', false, 0],
    ['R-DOC-3 password reset is free even on a re-issued card', 'resetPin', true, 0],
    ['R-DOC-3 pick-up is free', 'pickUp', true, 0],
    ['R-DOC-3 revocation is free', 'revoke', false, 0],
  ] as const)('%s', (_title, procedure, cardReissued, yen) => {
    expect(fee({ procedure, cardReissued })).toBe(yen);
  });
});
