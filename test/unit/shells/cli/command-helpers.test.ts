import { PassThrough, Readable } from 'node:stream';
import { UsageError, type CliIo } from '../../../../src/shells/cli/command';
import { parseFlags, refusePositionals } from '../../../../src/shells/cli/common-options';
import { printResult } from '../../../../src/shells/cli/print-result';

function capture(): { io: CliIo; writes: string[] } {
  const writes: string[] = [];
  const stdout = new PassThrough();
  const write = stdout.write.bind(stdout);
  stdout.write = ((chunk: string) => {
    writes.push(chunk);
    return write(chunk);
  }) as typeof stdout.write;
  return { io: { stdin: Readable.from([]), stdout, stderr: new PassThrough(), env: {} }, writes };
}

describe('printResult', () => {
  it('writes the document as one JSON line with --json', () => {
    const { io, writes } = capture();
    printResult(io, true, { a: 1, b: [null] }, 'text');
    expect(writes).toEqual(['{"a":1,"b":[null]}\n']);
  });

  it("writes the clerk's text, lines and all, ending in one newline without --json", () => {
    const { io, writes } = capture();
    printResult(io, false, { a: 1 }, 'first\nsecond');
    expect(writes).toEqual(['first\nsecond\n']);
  });
});

describe('refusePositionals', () => {
  it('accepts no words', () => {
    expect(() => refusePositionals([])).not.toThrow();
  });

  it('refuses words as a UsageError that names them', () => {
    expect(() => refusePositionals(['one', 'two'])).toThrow(new UsageError('unexpected one two'));
  });
});

describe('parseFlags', () => {
  const options = { name: { type: 'string' }, json: { type: 'boolean' } } as const;

  it('returns the values of the options given', () => {
    expect(parseFlags(['--name', 'x', '--json'], options)).toEqual({ name: 'x', json: true });
  });

  it.each([[['--other']], [['stray']], [['--name']]])('refuses %j as a UsageError', (args) => {
    expect(() => parseFlags(args, options)).toThrow(UsageError);
  });

  it('says the given refusal instead of the argument it could not place', () => {
    let message = '';
    try {
      parseFlags(['--secret-typed-here'], options, 'only --name and --json');
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toBe('only --name and --json');
  });
});
