import { main } from '../../../src/shells/cli/main';
import { captureIo } from '../store/cli-io';
import { formatReaders } from '../../../src/shells/cli/commands/cards';
import type { ReaderSummary } from '../../../src/card/inspect';

describe('madoguchi cards', () => {
  it('is listed in the help and has usage', async () => {
    const t = captureIo();
    expect(await main(['--help'], t.io)).toBe(0);
    expect(t.out()).toContain('cards');
    const u = captureIo();
    expect(await main(['cards', '--help'], u.io)).toBe(0);
    expect(u.out()).toContain('madoguchi cards');
  });

  it('refuses unknown options with the usage exit code', async () => {
    const t = captureIo();
    expect(await main(['cards', '--bogus'], t.io)).toBe(2);
    expect(t.err()).toContain('usage: madoguchi cards');
  });

  it('formats readers, card facts, tries and certificates', () => {
    const readers: ReaderSummary[] = [
      { name: 'Reader A', isCardPresent: false, atr: '' },
      {
        name: 'Reader B',
        isCardPresent: true,
        atr: '3BDA',
        card: {
          facts: { cardType: 'myNumberCard', serial: '123456789012345', municipalityCode: '21213', cardExpiry: '2035-02-17', atr: '3BDA', tokenLabel: 'JPKIAPICCTOKEN2' },
          pins: { sign: { triesLeft: 0, maxTries: 5, isBlocked: true }, auth: { triesLeft: 2, maxTries: 3, isBlocked: false }, cardInfo: undefined },
          certificates: {
            auth: { status: 'present', subject: 'C=JP, CN=A', issuer: 'C=JP', serialNumber: '01', notBefore: '2025-01-01T00:00:00.000Z', notAfter: '2030-01-01T00:00:00.000Z', spkiSha256: 'ab' },
            sign: { status: 'pinRequired' },
            authCa: { status: 'absent' },
            signCa: { status: 'absent' },
          },
        },
      },
      { name: 'Reader C', isCardPresent: true, atr: '3B', error: { code: 'CARD_IN_USE', message: 'busy' } },
    ];
    const text = formatReaders(readers);
    expect(text).toContain('Reader A: no card');
    expect(text).toContain('serial 123456789012345');
    expect(text).toContain('sign 0/5 (locked), auth 2/3, card-info n/a');
    expect(text).toContain('auth certificate: C=JP, CN=A  serial 01  until 2030-01-01');
    expect(text).toContain('error CARD_IN_USE: busy');
    expect(formatReaders([])).toBe('no readers\n');
  });
});
