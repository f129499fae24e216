import type { CliIo } from './command';

/**
 * A command's answer on stdout, as one write: the JSON document with `--json` (for scripts),
 * otherwise the clerk's text. Either way it ends with exactly one newline of its own.
 */
export function printResult(io: CliIo, json: boolean, document: unknown, text: string): void {
  io.stdout.write(json ? `${JSON.stringify(document)}\n` : `${text}\n`);
}
