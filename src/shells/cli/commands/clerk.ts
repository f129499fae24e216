/**
 * `madoguchi clerk hash-pin`: the PIN on stdin (one line) → the salted scrypt hash string that
 * goes into config.json's `clerks[].pinHash`, so IT provisions clerks without the PIN ever being
 * stored. The PIN is held only as bytes and wiped, also when it is refused.
 */
import type { Readable } from 'node:stream';
import { clerkPinMaxLength, clerkPinMinLength, hashClerkPin } from '../../../host/clerks';
import { ExitCode, type CliCommand, type CliIo } from '../command';
import { parseCommon, refusePositionals } from '../common-options';
import { printResult } from '../print-result';
import { readSecretStdin } from '../secret-stdin';

const usage = 'usage: madoguchi clerk hash-pin [--json]   (the PIN on stdin, one line)';
const maxStdinBytes = 256;

async function readPin(stream: Readable): Promise<Uint8Array> {
  const all = await readSecretStdin(stream, maxStdinBytes, 'a PIN');
  // The first line, without its line end; every other byte is wiped.
  let end = all.indexOf(0x0a);
  if (end === -1) end = all.length;
  if (end > 0 && all[end - 1] === 0x0d) end -= 1;
  const pin = new Uint8Array(all.subarray(0, end));
  all.fill(0);
  return pin;
}

function parse(args: readonly string[]): { json: boolean } {
  const { json, positionals } = parseCommon(args);
  refusePositionals(positionals);
  return { json };
}

async function hashPin({ json }: { json: boolean }, io: CliIo): Promise<number> {
  const pin = await readPin(io.stdin);
  try {
    if (pin.length < clerkPinMinLength || pin.length > clerkPinMaxLength) {
      io.stderr.write(`madoguchi: a clerk PIN has ${clerkPinMinLength}–${clerkPinMaxLength} characters\n`);
      return ExitCode.invalid;
    }
    const pinHash = await hashClerkPin(pin);
    printResult(io, json, { pinHash }, pinHash);
    return ExitCode.ok;
  } finally {
    pin.fill(0);
  }
}

export const clerkHashPinCommand: CliCommand = {
  path: ['clerk', 'hash-pin'],
  summary: "hash a clerk's PIN (stdin) for config.json clerks[].pinHash",
  usage,
  run: async (args, io) => hashPin(parse(args), io),
};
