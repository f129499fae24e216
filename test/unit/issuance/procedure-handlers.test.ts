/**
 * The one procedure map: every kind has a handler that says whether it needs the card
 * and which passwords; secrets are wiped on every path.
 */
import { procedures } from '../../../src/domain/vocabulary';
import { applicationRequestSchema, type ApplicationRequest } from '../../../src/issuance/application-request';
import type { IssuanceContext } from '../../../src/issuance/context';
import { procedureHandlers, procedureKindOf, procedureKinds, runWithHandler } from '../../../src/issuance/procedures';

const request = (patch: Record<string, unknown>): ApplicationRequest => applicationRequestSchema.parse({ procedure: 'issue', clerkId: 'clerk-1', ...patch });
const applicationId = '8f0c6a58-7b53-4c43-9b8e-3f1c1f3f4a10';

test('the map has exactly one handler per kind, and every procedure maps to a kind', () => {
  expect(Object.keys(procedureHandlers).sort()).toEqual([...procedureKinds].sort());
  for (const procedure of procedures) expect(procedureKinds).toContain(procedureKindOf(request({ procedure })));
});

test.each([
  ['issue', {}, 'required', ['sign', 'auth']],
  ['renew', { procedure: 'renew', certificates: ['auth'] }, 'required', ['auth']],
  ['resetPin', { procedure: 'resetPin', certificates: ['sign'] }, 'required', ['sign']],
  ['pickUp', { procedure: 'pickUp' }, 'required', []],
  ['revoke', { procedure: 'revoke' }, 'optional', []],
  ['proxyFirstVisit', { applicantType: 'proxy' }, 'optional', []],
  ['proxySecondVisit', { applicantType: 'proxy', continuesApplicationId: applicationId }, 'required', ['sign', 'auth']],
] as const)('%s: card %s, passwords %j', (kind, patch, card, passwords) => {
  const r = request(patch);
  expect(procedureKindOf(r)).toBe(kind);
  const handler = procedureHandlers[kind];
  expect(handler.card).toBe(card);
  expect(handler.passwords(r)).toEqual(passwords);
});

// The context is never reached on these paths: the runner refuses before any use case runs.
const unusedContext = new Proxy({}, { get: () => { throw new Error('the context must not be used'); } }) as IssuanceContext;

test.each(['issue', 'resetPin', 'pickUp'] as const)('%s without the card is refused and the secrets are wiped', async (procedure) => {
  const secrets = { sign: new Uint8Array(Buffer.from('ABC123')), auth: new Uint8Array(Buffer.from('1234')) };
  await expect(runWithHandler(unusedContext, request({ procedure }), undefined, secrets)).rejects.toEqual(expect.objectContaining({ name: 'CodedError', code: expect.stringMatching(/^ISSUE_/) }));
  expect(secrets.sign.every((b) => b === 0)).toBe(true);
  expect(secrets.auth.every((b) => b === 0)).toBe(true);
});
