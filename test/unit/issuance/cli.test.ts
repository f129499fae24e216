import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/shells/cli/main';
import type * as SecretsModule from '../../../src/issuance/secrets';
import type { Secrets } from '../../../src/issuance/secrets';
import { captureIo } from '../store/cli-io';
import { issueRequest } from './harness';

/** Every password set the commands hand to the wipe on their way out, wiped as usual. */
const mockWiped: Secrets[] = [];
jest.mock('../../../src/issuance/secrets', () => {
  const actual: typeof SecretsModule = jest.requireActual('../../../src/issuance/secrets');
  return {
    ...actual,
    wipeAll: (secrets: Secrets) => {
      mockWiped.push({ ...secrets });
      actual.wipeAll(secrets);
    },
  };
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-issue-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function io(stdin: string) {
  const input = new PassThrough();
  input.end(stdin);
  return captureIo({}, input);
}

test('issue: a voluntary proxy’s first visit needs no card and prints the inquiry letter', async () => {
  const file = join(dir, 'proxy.json');
  writeFileSync(file, JSON.stringify({ ...issueRequest({ applicantType: 'proxy', documents: ['myNumberCard', 'applicationForm', 'photoId'] }) }));
  const c = io('');
  const code = await main(['issue', '--application', file, '--data', join(dir, 'data'), '--json'], c.io);
  expect(c.err()).toBe('');
  expect(code).toBe(0);
  const doc = JSON.parse(c.out());
  expect(doc.state).toBe('awaiting_reply');
  expect(doc.receipt.inquiryLetter.addresseeAddress).toBe('岐阜県各務原市那加桜町1丁目1番地');
});

test('issue: a refused password exits 1 naming the rule, never the value', async () => {
  const file = join(dir, 'issue.json');
  writeFileSync(file, JSON.stringify(issueRequest()));
  const c = io('xq\n1234\n');
  const code = await main(['issue', '--reader', 'none', '--application', file, '--data', join(dir, 'data'), '--json'], c.io);
  expect(code).toBe(1);
  expect(c.err()).toContain('ISSUE_BAD_PASSWORD');
  expect(c.err()).toContain('too-short');
  expect(c.err()).not.toMatch(/xq/i);
});

test('issue: usage errors for a missing --application and a malformed file', async () => {
  expect(await main(['issue', '--reader', 'r'], io('').io)).toBe(2);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ procedure: 'issue' }));
  const c = io('');
  expect(await main(['issue', '--reader', 'r', '--application', bad], c.io)).toBe(2);
  expect(readFileSync(bad, 'utf8')).toContain('issue');
});

test('issue: the password buffers are zero after the terminal fails to open', async () => {
  const file = join(dir, 'wipe.json');
  writeFileSync(file, JSON.stringify(issueRequest()));
  const data = join(dir, 'broken-data');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'config.json'), '{ "training": tru');
  const c = io('Secret7pw\n8642\n');
  mockWiped.length = 0;
  const code = await main(['issue', '--reader', 'r', '--application', file, '--data', data], c.io);
  // The buffers the command filled are the ones it handed to the wipe on its way out.
  const seen = [...mockWiped];
  expect(code).toBe(3);
  expect(c.err()).toContain('CONFIG_');
  const filled = seen.flatMap((s) => [s.sign, s.auth]).filter((b): b is Uint8Array => b !== undefined);
  // Both were read (so there was something to wipe), and both are zero now.
  expect(filled.map((b) => b.length)).toEqual([9, 4]);
  expect(filled.every((b) => b.every((x) => x === 0))).toBe(true);
});

test('issue: an unexpected argument is named by position and kind, never echoed', async () => {
  const file = join(dir, 'args.json');
  writeFileSync(file, JSON.stringify(issueRequest()));
  for (const argv of [
    ['issue', '--application', file, 'Hunter22pw'],
    ['issue', '--application', file, '--password=Hunter22pw'],
    ['issue', '--application', file, '--Hunter22pw'],
  ]) {
    const c = io('');
    expect(await main(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(/argument 3 is (a bare word|an option this command does not take)/);
    expect(c.err()).not.toMatch(/hunter22/i);
  }
});

test('R-ELIG issue: a refusal prints the refusal receipt (what and why, in words) and exits 1', async () => {
  const file = join(dir, 'refused.json');
  // A voluntary proxy (no card needed) asking only the signing certificate for a child: R-ELIG-4.
  writeFileSync(file, JSON.stringify(issueRequest({ applicantType: 'proxy', certificates: ['sign'], documents: ['myNumberCard', 'applicationForm', 'photoId'], basicInfo: { name: '研修 小太郎', address: '岐阜県各務原市那加桜町1丁目1番地', birthDate: '2020-04-01', sex: '1' } })));
  const text = io('');
  expect(await main(['issue', '--application', file, '--data', join(dir, 'data')], text.io)).toBe(1);
  expect(text.out()).toContain('receipt of a refused application');
  expect(text.out()).toContain('What was refused: The application for these certificates was refused: signing certificate');
  expect(text.out()).toContain('An applicant under 15 or an adult ward must apply together with their legal representative.');
  expect(text.err()).toContain('ISSUE_NOT_ELIGIBLE');
  const json = io('');
  expect(await main(['issue', '--application', file, '--data', join(dir, 'data'), '--json'], json.io)).toBe(1);
  const doc = JSON.parse(json.out());
  expect(doc.refusalReceipt).toMatchObject({ procedure: 'issue', applicantType: 'proxy', certificates: ['sign'], reasons: [{ code: 'representative-required', rules: ['R-ELIG-4', 'R-APP-2'] }] });
  expect(doc.refusalReceipt.reasons[0].text.ja).toContain('法定代理人');
  expect(json.out()).not.toContain('研修 小太郎');
});
