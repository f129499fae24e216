import { ExitCode, UsageError, type CliCommand, type CliIo } from './command';
import { commands } from './commands/index';
import { storeFailureExit } from './store-failure';

function helpText(): string {
  const width = Math.max(0, ...commands.map((c) => c.path.join(' ').length));
  const lines = commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return ['usage: madoguchi <command> [options]', '', 'commands:', ...lines, '', 'Every command accepts --json.', ''].join('\n');
}

/** Longest command path that prefixes argv wins, so `check password` beats `check`. */
export function findCommand(argv: readonly string[]): { command: CliCommand; rest: readonly string[] } | undefined {
  let best: CliCommand | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, i) => argv[i] === word);
    if (matches && (best === undefined || command.path.length > best.path.length)) best = command;
  }
  return best === undefined ? undefined : { command: best, rest: argv.slice(best.path.length) };
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    (argv.length === 0 ? io.stderr : io.stdout).write(helpText());
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  const found = findCommand(argv);
  if (found === undefined) {
    io.stderr.write(`madoguchi: unknown command '${argv.join(' ')}'\n\n${helpText()}`);
    return ExitCode.usage;
  }
  if (found.rest.includes('--help')) {
    io.stdout.write(`${found.command.usage}\n`);
    return ExitCode.ok;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`madoguchi: ${error.message}\n${found.command.usage}\n`);
      return ExitCode.usage;
    }
    const fileFault = storeFailureExit(error, io);
    if (fileFault !== undefined) return fileFault;
    throw error;
  }
}

function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}
